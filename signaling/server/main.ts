import { createSignalingServer } from './app';
import { ConfigError, loadConfig } from './config';
import { DatabaseError } from './db/openDatabase';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await createSignalingServer(config);
  const lines = [
    `Screen share server is running (store: ${server.store}, database: ${server.database.kind} ${server.database.location}).`,
    `  Customer page:  ${server.url}/`,
    `  Agent console:  ${server.url}/agent`,
  ];
  if (server.monitoringUrl) lines.push(`  Monitoring:     ${server.monitoringUrl}/metrics`);
  const demo = server.createdAgent;
  if (demo) {
    lines.push(
      `A demo agent (supervisor) was created in the database (shown only this once):`,
      `  username: ${demo.username}   password: ${demo.password}`,
    );
  }
  console.log(lines.join('\n'));

  const shutdown = (signal: string) => {
    server.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof DatabaseError ? error.message : error);
  process.exit(1);
});

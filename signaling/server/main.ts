import { createSignalingServer } from './app';
import { ConfigError, loadConfig } from './config';
import { DatabaseError } from './db/openDatabase';
import { createLogger } from './log';
import { startBanner } from './platform/startBanner';
import { StartupOutput } from './platform/startupOutput';

/** Log lines wait until the banner is out; pretty on a terminal, JSON otherwise. */
const output = new StartupOutput(process.stdout);

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await createSignalingServer(config, { logger: createLogger(config.logLevel, output) });
  output.banner(
    startBanner({
      url: server.url,
      store: server.store,
      database: server.database,
      monitoringUrl: server.monitoringUrl,
      demoAgent: server.demoAgent,
      agentsPlace: 'the database',
    }),
  );

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
  output.release();
  console.error(error instanceof ConfigError || error instanceof DatabaseError ? error.message : error);
  process.exit(1);
});

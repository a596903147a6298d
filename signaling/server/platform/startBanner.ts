import type { DemoAgentNews } from '../accounts/demoAgentReminder';

/** What the start banner reports. */
export interface BannerFacts {
  url: string;
  store: string;
  database: { kind: string; location: string };
  monitoringUrl: string | undefined;
  /** A demo agent made at this start (password shown once), or one made at an earlier start. */
  demoAgent: DemoAgentNews;
  /** Where that demo agent is kept. */
  agentsPlace: string;
}

const passwdCommand = (username: string) => `npm run agents -- passwd ${username}`;

/** The first thing `npm start` prints: where the pages are, and how to sign in to try them. */
export function startBanner(facts: BannerFacts): string {
  const lines = [
    `Screen share server is running (store: ${facts.store}, database: ${facts.database.kind} ${facts.database.location}).`,
    `  Customer page:  ${facts.url}/`,
    `  Agent console:  ${facts.url}/agent`,
  ];
  if (facts.monitoringUrl) lines.push(`  Monitoring:     ${facts.monitoringUrl}/metrics`);
  const demo = facts.demoAgent;
  if (demo && 'created' in demo) {
    lines.push(
      `A demo agent was created in ${facts.agentsPlace} (shown only this once):`,
      `  username: ${demo.created.username}   password: ${demo.created.password}`,
      `  Forgot it later? Set a new one with: ${passwdCommand(demo.created.username)}`,
    );
  } else if (demo) {
    lines.push(`Demo agent "${demo.existing}" (in ${facts.agentsPlace}). Forgot its password? Set a new one with: ${passwdCommand(demo.existing)}`);
  }
  return lines.join('\n');
}

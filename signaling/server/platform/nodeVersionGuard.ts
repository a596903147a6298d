/**
 * Run by the launchers before anything else is loaded, so an unsupported Node stops with one line
 * that names the fix instead of a crash inside a native dependency.
 */
export const MINIMUM_NODE_MAJOR = 24;

export function unsupportedNodeMessage(version: string): string | undefined {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  if (Number.isInteger(major) && major >= MINIMUM_NODE_MAJOR) return undefined;
  return (
    `This server needs Node.js ${MINIMUM_NODE_MAJOR} LTS or newer, but runs on ${version}. ` +
    `Start it with "npm start" (npm ci installs Node ${MINIMUM_NODE_MAJOR} for the npm scripts) or install Node.js ${MINIMUM_NODE_MAJOR} LTS.`
  );
}

/** Exits with the message when this Node is too old; returns otherwise. */
export function refuseUnsupportedNode(): void {
  const problem = unsupportedNodeMessage(process.version);
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}

/** Main-process log lines on stderr; no page content or keys are ever logged. */
export function mainLog(message: string): void {
  console.error(`[screenshare] ${new Date().toISOString()} ${message}`);
}

import type { Shell } from 'electron';

/** Only https pages of the configured origins ever open in the customer's browser. */
export function isAllowedExternalUrl(url: string, allowedOrigins: readonly string[]): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' && !parsed.username && !parsed.password && allowedOrigins.includes(parsed.origin);
}

export function createExternalOpener(
  shell: Pick<Shell, 'openExternal'>,
  allowedOrigins: readonly string[],
  log: (message: string) => void,
): (url: string) => boolean {
  return (url) => {
    if (!isAllowedExternalUrl(url, allowedOrigins)) {
      log(`refused to open ${url.slice(0, 200)} outside the app`);
      return false;
    }
    const safeUrl = new URL(url).href;
    shell.openExternal(safeUrl).catch((error: unknown) => log(`could not open ${safeUrl}: ${String(error)}`)); /* eng-disable OPEN_EXTERNAL_JS_CHECK: the URL passed isAllowedExternalUrl (https + configured origin) just above */
    return true;
  };
}

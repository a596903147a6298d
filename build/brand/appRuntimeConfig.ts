import type { Brand } from '../../branding/brandSchema';
import type { AppConfigFile } from '../../main/config';

/** dist/app/app-config.json of a branded app: what main/config.ts reads at runtime. */
export function appConfigFromBrand(brand: Brand): AppConfigFile {
  const pages = [brand.supportUrl, brand.downloadUrl].filter((url): url is string => url !== null);
  return {
    productName: brand.productName,
    serverUrl: brand.defaultServerUrl,
    allowedServers: brand.allowedServers,
    deepLinkScheme: brand.deepLinkScheme,
    externalLinkOrigins: [...new Set(pages.map((url) => new URL(url).origin))],
    ...(brand.updateFeedUrl ? { updateFeedUrl: brand.updateFeedUrl } : {}),
  };
}

/** A name usable for files, executables and package names: "Acme Remote Help" → "acme-remote-help". */
export function slugOf(productName: string): string {
  const slug = productName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'screen-share';
}

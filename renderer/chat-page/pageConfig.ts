import * as z from 'zod';

/**
 * What the chat page needs from `GET /api/config`. Parsed leniently: a server without the brand
 * section (or with a broken one) still gets a working chat with the defaults below.
 */
const Brand = z.object({
  primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/).nullable().optional().catch(null),
  deepLinkScheme: z.string().regex(/^[a-z][a-z0-9+.-]{1,31}$/).optional().catch(undefined),
  downloadUrl: z.string().url().nullable().optional().catch(null),
});
const PublicConfig = z.object({
  organisation: z.string().max(200).optional().catch(undefined),
  productName: z.string().max(200).optional().catch(undefined),
  defaultLocale: z.enum(['en', 'de']).optional().catch(undefined),
  brand: Brand.optional().catch(undefined),
});

export interface ChatPageConfig {
  organisation: string | null;
  defaultLocale: 'en' | 'de';
  primaryColor: string | null;
  deepLinkScheme: string;
  downloadUrl: string | null;
}

export const DEFAULT_DEEP_LINK_SCHEME = 'screenshare';

export async function loadPageConfig(): Promise<ChatPageConfig> {
  let parsed: z.infer<typeof PublicConfig> = {};
  try {
    const response = await fetch('/api/config', { credentials: 'omit' });
    const result = PublicConfig.safeParse(await response.json());
    if (response.ok && result.success) parsed = result.data;
  } catch (error) {
    console.warn('could not load the chat configuration', error);
  }
  const download = parsed.brand?.downloadUrl ?? null;
  return {
    organisation: parsed.organisation ?? null,
    defaultLocale: parsed.defaultLocale ?? 'en',
    primaryColor: parsed.brand?.primaryColor ?? null,
    deepLinkScheme: parsed.brand?.deepLinkScheme ?? DEFAULT_DEEP_LINK_SCHEME,
    downloadUrl: download && /^https?:/i.test(download) ? download : null,
  };
}

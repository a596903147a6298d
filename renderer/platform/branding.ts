import * as z from 'zod';
import type { Locale } from '../i18n/locale';
import type { Branding } from './platform';

/** `GET /api/config`: the public branding of this installation. */
export const PublicConfig = z.object({
  organisation: z.string().max(200),
  productName: z.string().max(200),
  defaultLocale: z.enum(['en', 'de']),
});

/** Fetches the branding, never failing: a page without a name is better than no page. */
export async function fetchBranding(configUrl: string, fallbackLocale: Locale): Promise<Branding> {
  try {
    const response = await fetch(configUrl, { credentials: 'omit' });
    const parsed = PublicConfig.safeParse(await response.json());
    if (response.ok && parsed.success) return parsed.data;
  } catch (error) {
    console.warn('could not load the branding', error);
  }
  return { organisation: null, productName: null, defaultLocale: fallbackLocale };
}

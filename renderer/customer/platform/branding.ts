import * as z from 'zod';
import { PublicBrand } from '../../../branding/publicBrand';
import type { Locale } from '../i18n/locale';
import type { Branding } from './platform';

/** `GET /api/config`: the public branding of this installation. */
export const PublicConfig = z.object({
  organisation: z.string().max(200),
  productName: z.string().max(200),
  productNameChosen: z.boolean().default(true),
  defaultLocale: z.enum(['en', 'de']),
  // A server without a brand (or with a broken one) still names itself; the page looks neutral.
  brand: PublicBrand.optional().catch(undefined),
});

/** The logo as a full URL: a same-origin path from the server is resolved against its config URL. */
function absoluteLogo(brand: PublicBrand | undefined, configUrl: string): PublicBrand | undefined {
  if (!brand?.logoUrl) return brand;
  const url = URL.canParse(brand.logoUrl, configUrl) ? new URL(brand.logoUrl, configUrl) : undefined;
  const safe = url && (url.protocol === 'https:' || url.protocol === 'http:');
  return { ...brand, logoUrl: safe ? url.toString() : null };
}

/** Fetches the branding, never failing: a page without a name is better than no page. */
export async function fetchBranding(configUrl: string, fallbackLocale: Locale): Promise<Branding> {
  try {
    const response = await fetch(configUrl, { credentials: 'omit' });
    const parsed = PublicConfig.safeParse(await response.json());
    if (response.ok && parsed.success) {
      const { brand, productNameChosen, ...named } = parsed.data;
      // The neutral default name is English; the page says it in the customer's language instead.
      const names = { ...named, productName: productNameChosen ? named.productName : null };
      const resolved = absoluteLogo(brand, configUrl);
      return resolved ? { ...names, brand: resolved } : names;
    }
  } catch (error) {
    console.warn('could not load the branding', error);
  }
  return { organisation: null, productName: null, defaultLocale: fallbackLocale };
}

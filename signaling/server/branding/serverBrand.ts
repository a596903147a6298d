import { BrandError } from '../../../branding/brandSchema';
import { loadBrandDir, type LogoFile } from '../../../branding/loadBrand';
import { BRAND_LOGO_PATH, DEFAULT_PUBLIC_BRAND, publicBrandOf, type PublicBrand } from '../../../branding/publicBrand';

/**
 * The brand this server shows its customers: BRAND_DIR (a folder like build/brands/acme), or the
 * neutral look built in (the same values as build/brands/default, without its logo file: the
 * pages keep their own neutral icon).
 */
export interface ServerBrand {
  readonly organisation: string;
  readonly productName: string;
  readonly defaultLocale: 'en' | 'de';
  /** `brand` of GET /api/config. */
  readonly public: PublicBrand;
  /** Served at BRAND_LOGO_PATH when the brand has one. */
  readonly logo: { readonly bytes: Buffer; readonly contentType: string } | undefined;
}

export const NEUTRAL_BRAND: ServerBrand = Object.freeze({
  organisation: 'Support',
  productName: 'Screen Share',
  defaultLocale: 'en',
  public: DEFAULT_PUBLIC_BRAND,
  logo: undefined,
});

const CONTENT_TYPES: Record<LogoFile['format'], string> = { svg: 'image/svg+xml', png: 'image/png' };

/** Throws BrandError with every mistake of the folder's brand.json, each naming its field. */
export function loadServerBrand(brandDir: string | undefined): ServerBrand {
  if (!brandDir) return NEUTRAL_BRAND;
  const { brand, logo } = loadBrandDir(brandDir);
  return Object.freeze({
    organisation: brand.organisation,
    productName: brand.productName,
    defaultLocale: brand.defaultLocale,
    public: publicBrandOf(brand, BRAND_LOGO_PATH),
    logo: { bytes: logo.bytes, contentType: CONTENT_TYPES[logo.format] },
  });
}

export { BrandError };

import * as z from 'zod';
import { brandColors, type Brand } from './brandSchema';

/**
 * The part of a brand any page may know, as `GET /api/config` serves it under `brand`
 * (the contract every page parses; pages tolerate it missing and use DEFAULT_PUBLIC_BRAND).
 */
export const PublicBrand = z.object({
  primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  /** Hover and pressed buttons. Added after the first contract: optional for readers. */
  primaryDarkColor: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
  /** Same-origin path (or absolute URL) of the logo; null = the page's own neutral icon. */
  logoUrl: z.string().max(2000).nullable(),
  deepLinkScheme: z.string().max(40),
  downloadUrl: z.string().max(2000).nullable(),
  supportUrl: z.string().max(2000).nullable(),
});
export type PublicBrand = z.infer<typeof PublicBrand>;

/** Where the signaling server serves the configured brand's logo. */
export const BRAND_LOGO_PATH = '/api/brand/logo';

/** The neutral look: the same values as build/brands/default/brand.json (a unit test checks). */
export const DEFAULT_PUBLIC_BRAND: PublicBrand = Object.freeze({
  primaryColor: '#1f5fbf',
  primaryDarkColor: '#174a96',
  logoUrl: null,
  deepLinkScheme: 'screenshare',
  downloadUrl: null,
  supportUrl: null,
});

export function publicBrandOf(brand: Brand, logoUrl: string | null): PublicBrand {
  const colors = brandColors(brand);
  return {
    primaryColor: colors.primary,
    primaryDarkColor: colors.primaryDark,
    logoUrl,
    deepLinkScheme: brand.deepLinkScheme,
    downloadUrl: brand.downloadUrl,
    supportUrl: brand.supportUrl,
  };
}

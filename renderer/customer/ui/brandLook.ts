import { darken, lighten } from '../../../branding/brandSchema';
import type { PublicBrand } from '../../../branding/publicBrand';

/**
 * Puts the brand's colour and logo on the page. The CSP forbids inline style attributes in the
 * HTML, but custom properties set from script through element.style are allowed.
 */
export function applyBrandLook(doc: Document, brand: PublicBrand | undefined): void {
  if (!brand) return;
  const root = doc.documentElement.style;
  root.setProperty('--primary', brand.primaryColor);
  root.setProperty('--primary-dark', brand.primaryDarkColor ?? darken(brand.primaryColor, 0.2));
  // The light shades behind avatars, hovered buttons and the spinner follow the brand too.
  root.setProperty('--primary-wash', lighten(brand.primaryColor, 0.92));
  root.setProperty('--primary-tint', lighten(brand.primaryColor, 0.87));
  root.setProperty('--primary-ring', lighten(brand.primaryColor, 0.83));
  if (!brand.logoUrl) return;
  const logo = brand.logoUrl;
  for (const image of doc.querySelectorAll<HTMLImageElement>('img.brand-mark')) image.src = logo;
  for (const icon of doc.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')) {
    icon.href = logo;
    icon.removeAttribute('type');
  }
}

/** The team's help page as a link (opens in the browser; in the app, main allows only its origin). */
export function supportLink(doc: Document, brand: PublicBrand | undefined): HTMLAnchorElement | null {
  const url = brand?.supportUrl;
  if (!url || !URL.canParse(url) || new URL(url).protocol !== 'https:') return null;
  const link = doc.createElement('a');
  link.href = url;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  return link;
}

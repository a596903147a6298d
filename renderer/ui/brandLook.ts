import { darken } from '../../branding/brandSchema';
import type { PublicBrand } from '../../branding/publicBrand';

/**
 * Puts the brand's colour and logo on the page. The CSP forbids inline style attributes in the
 * HTML, but custom properties set from script through element.style are allowed.
 */
export function applyBrandLook(doc: Document, brand: PublicBrand | undefined): void {
  if (!brand) return;
  const root = doc.documentElement.style;
  root.setProperty('--primary', brand.primaryColor);
  root.setProperty('--primary-dark', brand.primaryDarkColor ?? darken(brand.primaryColor, 0.2));
  if (!brand.logoUrl) return;
  const logo = brand.logoUrl;
  for (const image of doc.querySelectorAll<HTMLImageElement>('img.brand-mark')) image.src = logo;
  for (const icon of doc.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')) {
    icon.href = logo;
    icon.removeAttribute('type');
  }
}

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import png2icons from 'png2icons';
import sharp from 'sharp';
import type { LogoFile } from '../../branding/loadBrand';

/**
 * Every icon the installers and the app need, made from the brand's one logo:
 *   png/<n>x<n>.png  Linux icon set (AppImage, deb) and the app's window icon
 *   icon.ico          Windows (16–256 px inside)
 *   icon.icns         macOS (16–1024 px inside)
 * sharp rasterises SVG and scales PNG (librsvg + libvips, prebuilt for every platform in its npm
 * packages); png2icons packs the ICO and ICNS containers in plain JavaScript.
 */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

export interface IconSet {
  readonly dir: string;
  readonly pngDir: string;
  readonly ico: string;
  readonly icns: string;
  /** png/<size>x<size>.png by size. */
  readonly png: ReadonlyMap<number, string>;
}

/** One square PNG of the logo, transparent around it if the logo is not square. */
export async function renderLogo(logo: Pick<LogoFile, 'bytes' | 'format'>, size: number): Promise<Buffer> {
  // Rasterise SVGs at a density that gives at least `size` pixels, so large icons stay sharp.
  const input = logo.format === 'svg' ? sharp(logo.bytes, { density: Math.max(72, Math.ceil((72 * size) / 64)) }) : sharp(logo.bytes);
  return input
    .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
}

export async function makeIcons(logo: Pick<LogoFile, 'bytes' | 'format'>, dir: string): Promise<IconSet> {
  const pngDir = path.join(dir, 'png');
  await mkdir(pngDir, { recursive: true });
  const png = new Map<number, string>();
  let largest: Buffer | undefined;
  for (const size of PNG_SIZES) {
    const bytes = await renderLogo(logo, size);
    const file = path.join(pngDir, `${size}x${size}.png`);
    await writeFile(file, bytes);
    png.set(size, file);
    largest = bytes;
  }
  if (!largest) throw new Error('no icon sizes');
  const ico = png2icons.createICO(largest, png2icons.BICUBIC2, 0, true, true);
  const icns = png2icons.createICNS(largest, png2icons.BICUBIC2, 0);
  if (!ico || !icns) throw new Error('could not pack the logo into .ico/.icns');
  const icoPath = path.join(dir, 'icon.ico');
  const icnsPath = path.join(dir, 'icon.icns');
  await writeFile(icoPath, ico);
  await writeFile(icnsPath, icns);
  return { dir, pngDir, ico: icoPath, icns: icnsPath, png };
}

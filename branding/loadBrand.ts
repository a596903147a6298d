import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BrandError, parseBrand, type Brand } from './brandSchema';

/**
 * Reads and checks a brand folder (brand.json + its logo) on disk: the schema, then the logo
 * file itself. Used by `npm run dist -- --brand <dir>` and by the signaling server (BRAND_DIR).
 */
export interface LoadedBrand {
  readonly brand: Brand;
  /** Absolute path of the brand folder. */
  readonly dir: string;
  readonly logo: LogoFile;
}

export interface LogoFile {
  readonly path: string;
  readonly format: 'svg' | 'png';
  readonly bytes: Buffer;
}

/** Icons for every platform are made from the logo; 512 px is the largest size they need from it. */
export const MIN_LOGO_PX = 512;
const MAX_LOGO_BYTES = 2 * 1024 * 1024;

export function loadBrandDir(dir: string): LoadedBrand {
  const absolute = path.resolve(dir);
  const file = path.join(absolute, 'brand.json');
  if (!existsSync(file)) {
    throw new BrandError(`The brand folder ${dir} has no brand.json (expected ${file}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BrandError(`The brand ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const brand = parseBrand(json, file);
  return { brand, dir: absolute, logo: readLogo(absolute, brand.logo, file) };
}

function readLogo(dir: string, name: string, where: string): LogoFile {
  const logoPath = path.join(dir, name);
  const fail = (why: string) => new BrandError(`The brand ${where} is not valid:\n  - logo: ${why}`);
  if (!existsSync(logoPath) || !statSync(logoPath).isFile()) throw fail(`"${name}" does not exist in ${dir}`);
  const bytes = readFileSync(logoPath);
  if (bytes.length > MAX_LOGO_BYTES) throw fail(`"${name}" is ${Math.round(bytes.length / 1024)} KiB; keep it under 2 MiB`);
  const format = name.toLowerCase().endsWith('.svg') ? 'svg' : 'png';
  const problem = format === 'svg' ? svgProblem(bytes.toString('utf8')) : pngProblem(bytes);
  if (problem) throw fail(`"${name}" ${problem}`);
  return { path: logoPath, format, bytes };
}

function svgProblem(text: string): string | undefined {
  if (!/<svg[\s>]/i.test(text)) return 'is not an SVG image (no <svg> element)';
  // The server serves the logo to every customer: no scripts, handlers or outside resources.
  if (/<script[\s>]/i.test(text) || /\son\w+\s*=/i.test(text)) return 'must not contain scripts or event handlers';
  if (/<foreignObject[\s>]/i.test(text)) return 'must not contain <foreignObject>';
  if (/(?:xlink:)?href\s*=\s*["'](?!#|data:image\/)/i.test(text)) return 'must not link to other files or sites (only #ids and data:image)';
  if (!/viewBox\s*=/i.test(text)) return 'needs a viewBox so it can be scaled to every icon size';
  return undefined;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngProblem(bytes: Buffer): string | undefined {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'is not a PNG image';
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width !== height) return `must be square (it is ${width}×${height} px)`;
  if (width < MIN_LOGO_PX) return `is ${width}×${height} px; a PNG logo must be at least ${MIN_LOGO_PX}×${MIN_LOGO_PX} px (or use an SVG)`;
  return undefined;
}

import * as z from 'zod';

/**
 * A support team's brand: `build/brands/<id>/brand.json` plus one logo file beside it. Read by
 * the packaging scripts (installers, icons, the app's runtime config) and by the signaling server
 * (`BRAND_DIR`, the customer page's name, logo and colour). Environment-neutral: zod only, so the
 * server, the build and the pages can all import it. File checks (the logo exists, is large
 * enough) live in loadBrand.ts.
 *
 * Every message names the field, so a team fixing its brand.json knows where to look.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Schemes the OS or Chromium already own; registering one of them would hijack or break it. */
export const RESERVED_SCHEMES: ReadonlySet<string> = new Set([
  'http', 'https', 'file', 'ftp', 'ws', 'wss', 'data', 'blob', 'javascript', 'about', 'app', 'mailto',
  'chrome', 'devtools', 'view-source', 'tel', 'sms', 'ms-settings', 'x-apple-systempreferences',
]);

/** The deep-link scheme rule shared with main/config.ts: `<scheme>://join?key=…&server=…`. */
export const DeepLinkScheme = z
  .string()
  .regex(/^[a-z][a-z0-9+.-]{1,30}$/, 'must be 2 to 31 lower-case letters, digits, "+", "-" or ".", starting with a letter')
  .refine((scheme) => !RESERVED_SCHEMES.has(scheme), {
    message: 'must not be a scheme the system or browser already uses (http, https, file, mailto, app, …)',
  });

function parsedUrl(value: string): URL | undefined {
  return URL.canParse(value) ? new URL(value) : undefined;
}

/** https anywhere; plain http only on this computer (development). Kept as written. */
const ServerUrl = z.string().superRefine((value, ctx) => {
  const url = parsedUrl(value);
  if (!url) return void ctx.addIssue({ code: 'custom', message: `"${value}" is not a URL` });
  const plainLocal = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !plainLocal) {
    ctx.addIssue({ code: 'custom', message: `"${value}" must start with https:// (http:// only for localhost)` });
  }
  if (url.username || url.password) ctx.addIssue({ code: 'custom', message: `"${value}" must not contain a user name or password` });
});

/** Pages customers open and the update feed: https only, nothing else. */
const HttpsUrl = z.string().superRefine((value, ctx) => {
  const url = parsedUrl(value);
  if (!url) return void ctx.addIssue({ code: 'custom', message: `"${value}" is not a URL` });
  if (url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: `"${value}" must start with https://` });
  if (url.username || url.password) ctx.addIssue({ code: 'custom', message: `"${value}" must not contain a user name or password` });
});

const HexColor = z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a colour like #1f5fbf (# and six hex digits)');

/** WCAG relative luminance of #rrggbb. */
export function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Contrast of white text on this colour (1 to 21). */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

/** Buttons carry white text on the primary colour: it must stay readable (WCAG AA, 4.5:1). */
const MIN_CONTRAST = 4.5;
const ButtonColor = HexColor.refine((hex) => contrastWithWhite(hex) >= MIN_CONTRAST, {
  error: (issue) => {
    const hex = String(issue.input);
    return `${hex} is too light for the white text on buttons (contrast ${contrastWithWhite(hex).toFixed(1)}:1, needs at least ${MIN_CONTRAST}:1); choose a darker colour`;
  },
});

/** Reverse-DNS like com.acme.remotehelp: what macOS and Windows identify the app by. */
const AppId = z
  .string()
  .regex(
    /^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z0-9][a-zA-Z0-9-]*)+$/,
    'must be reverse-DNS like com.example.support (letters, digits and "-", at least two parts separated by ".")',
  )
  .max(155);

const LogoFile = z
  .string()
  .regex(/^[\w][\w.-]*\.(svg|png)$/i, 'must be the file name of an .svg or .png file in the brand folder (no folders, e.g. "logo.svg")');

/** Names people see (window titles, installers, "… wants to see your screen"). */
const DisplayName = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((name) => !/[<>"\\/:*?|\u0000-\u001f]/.test(name), {
      message: 'must not contain < > " \\ / : * ? | or control characters (it becomes a file and window name)',
    });

export const BrandFile = z
  .object({
    /** Optional pointer for editors; ignored. */
    $schema: z.string().optional(),
    productName: DisplayName(60),
    /** Who asks to see the screen: "<agent> from <organisation> wants to see your screen". */
    organisation: DisplayName(100),
    appId: AppId,
    /** Company that publishes and signs the installers (Windows publisherName, Linux maintainer). */
    publisher: DisplayName(100),
    colors: z
      .object({
        /** Buttons, links, the header accent. */
        primary: ButtonColor,
        /** Hover and pressed buttons; derived from primary when left out. */
        primaryDark: ButtonColor.optional(),
      })
      .strict(),
    logo: LogoFile,
    defaultServerUrl: ServerUrl,
    /** Further servers a deep link may name; defaultServerUrl is always allowed. */
    allowedServers: z.array(ServerUrl).max(50).default([]),
    deepLinkScheme: DeepLinkScheme,
    supportUrl: HttpsUrl.nullable().default(null),
    downloadUrl: HttpsUrl.nullable().default(null),
    defaultLocale: z.enum(['en', 'de'], { error: 'must be "en" or "de"' }),
    /** Folder of a generic update feed (latest.yml, latest-mac.yml, …); null = no auto-update. */
    updateFeedUrl: HttpsUrl.nullable().default(null),
  })
  .strict();
export type BrandFile = z.input<typeof BrandFile>;
export type Brand = z.output<typeof BrandFile>;

/** The brand's colours with primaryDark filled in. */
export function brandColors(brand: Pick<Brand, 'colors'>): { primary: string; primaryDark: string } {
  return { primary: brand.colors.primary, primaryDark: brand.colors.primaryDark ?? darken(brand.colors.primary, 0.2) };
}

export function darken(hex: string, amount: number): string {
  const part = (offset: number) =>
    Math.round(parseInt(hex.slice(offset, offset + 2), 16) * (1 - amount))
      .toString(16)
      .padStart(2, '0');
  return `#${part(1)}${part(3)}${part(5)}`;
}

/** Mixes the colour with white: amount 0 keeps it, 1 gives white. */
export function lighten(hex: string, amount: number): string {
  const part = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16);
    return Math.round(value + (255 - value) * amount)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${part(1)}${part(3)}${part(5)}`;
}

export class BrandError extends Error {
  override name = 'BrandError';
}

/** One line per mistake, each naming its field: `colors.primary: must be a colour like #1f5fbf`. */
export function explainBrandIssues(error: z.ZodError, where: string): BrandError {
  const lines = error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.map(String).join('.') : '(file)';
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')} (check the spelling)`
        : issue.code === 'invalid_type' && issue.input === undefined
          ? 'is missing'
          : issue.message;
    return `  - ${field}: ${message}`;
  });
  return new BrandError(`The brand ${where} is not valid:\n${lines.join('\n')}`);
}

export function parseBrand(json: unknown, where: string): Brand {
  const parsed = BrandFile.safeParse(json);
  if (!parsed.success) throw explainBrandIssues(parsed.error, where);
  return parsed.data;
}

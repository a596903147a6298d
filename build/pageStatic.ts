import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where each page's HTML takes the head every page shares (renderer/shared/static/head.html). */
export const SHARED_HEAD_MARKER = '<!-- shared head -->';

/** The page's HTML with the shared head in place of the marker, indented like the marker. */
export function withSharedHead(html: string, head: string): string {
  return html.replace(/^([ \t]*)<!-- shared head -->$/m, (_line, indent: string) =>
    head
      .trim()
      .split('\n')
      .map((line) => indent + line)
      .join('\n'),
  );
}

/**
 * Copies a page's static folder (renderer/<page>/static) to `to`, with the shared head put into
 * its HTML. The shared stylesheet comes with copySharedStatic, once per output folder.
 */
export async function copyPageStatic(root: string, from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true });
  const head = await readFile(path.join(root, 'renderer/shared/static/head.html'), 'utf8');
  for (const name of await readdir(from)) {
    if (!name.endsWith('.html')) continue;
    const html = await readFile(path.join(from, name), 'utf8');
    await writeFile(path.join(to, name), withSharedHead(html, head));
  }
}

/** base.css, which every page loads before its own stylesheet. */
export async function copySharedStatic(root: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  await cp(path.join(root, 'renderer/shared/static/base.css'), path.join(to, 'base.css'));
}

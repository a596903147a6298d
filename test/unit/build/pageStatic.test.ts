import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_HEAD_MARKER, withSharedHead } from '../../../build/pageStatic';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PAGES = ['renderer/customer/static/index.html', 'renderer/agent-console/static/agent.html', 'renderer/chat-page/static/chat.html'];

describe('shared page head', () => {
  it('goes where the marker stands, indented like it', () => {
    const html = '<html>\n  <head>\n    <!-- shared head -->\n    <title>x</title>\n';
    assert.equal(withSharedHead(html, '<meta charset="utf-8">\n<meta name="a">\n'), '<html>\n  <head>\n    <meta charset="utf-8">\n    <meta name="a">\n    <title>x</title>\n');
  });

  it('is taken by every page, each loading base.css before its own stylesheet', async () => {
    for (const page of PAGES) {
      const html = await readFile(path.join(root, page), 'utf8');
      assert.ok(html.includes(SHARED_HEAD_MARKER), `${page} has no shared head`);
      assert.ok(!/<meta charset/i.test(html), `${page} repeats the charset of the shared head`);
      const stylesheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1]);
      assert.equal(stylesheets[0], 'base.css', page);
    }
  });
});

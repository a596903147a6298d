import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { blockingFindings, parseCsv, parseFindings } from '../../../build/electronegativity-check';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('electronegativity wrapper', () => {
  it('reads the CSV report, quoted commas, quotes and line breaks included', () => {
    const csv = [
      'issue, severity, confidence, filename, location, sample, description, url',
      'OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","main/a.ts","3:4","shell.openExternal(a, ""b"")","Review, please",https://x/1',
      'CSP_GLOBAL_CHECK,"LOW","FIRM","r/index.html","6:0","default-src\n\'self\'","CSP",https://x/2',
      'CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","main/b.ts","1:1","new BrowserWindow(o)","Review",https://x/3',
      '',
    ].join('\n');
    assert.equal(parseCsv(csv).length, 4);
    const findings = parseFindings(csv);
    assert.equal(findings[0]?.sample, 'shell.openExternal(a, "b")');
    assert.equal(findings[0]?.description, 'Review, please');
    assert.equal(findings[1]?.sample, "default-src\n'self'");
    assert.deepEqual(blockingFindings(findings).map((f) => f.issue), ['OPEN_EXTERNAL_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']);
  });

  it('fails (exit 1) and names the findings on an insecure app', function () {
    this.timeout(120_000);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'build/electronegativity-check.ts', 'test/unit/main/fixtures/insecure-app'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /HIGH CONTEXT_ISOLATION_JS_CHECK insecure-app\/main\.js/);
    assert.match(run.stderr, /MEDIUM WEB_SECURITY_JS_CHECK/);
    assert.match(run.stdout, /HIGH\/MEDIUM/);
  });
});

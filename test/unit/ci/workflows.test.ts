import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The GitHub Actions workflows cannot run here: each is checked against the workflow schema by
 * @action-validator/cli, and the desktop workflow for what it must do.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const workflowsDir = path.join(root, '.github/workflows');
const validatorCli = path.join(root, 'node_modules/@action-validator/cli/cli.mjs');

function validate(file: string): { ok: boolean; output: string } {
  const run = spawnSync(process.execPath, [validatorCli, file], { encoding: 'utf8', timeout: 60_000 });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

describe('GitHub Actions workflows', () => {
  const files = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));

  it('include the desktop workflow', () => {
    assert.ok(files.includes('desktop.yml'), files.join(', '));
  });

  for (const name of files) {
    it(`${name} is valid against the workflow schema`, function () {
      this.timeout(60_000);
      const { ok, output } = validate(path.join(workflowsDir, name));
      assert.ok(ok, output);
    });
  }

  it('the validator refuses a broken workflow (so a pass means something)', function () {
    this.timeout(60_000);
    const broken = readFileSync(path.join(workflowsDir, 'desktop.yml'), 'utf8').replace('runs-on:', 'runs-onn:');
    const dir = mkdtempSync(path.join(tmpdir(), 'workflow-'));
    const file = path.join(dir, 'broken.yml');
    writeFileSync(file, broken);
    assert.equal(validate(file).ok, false);
  });

  it('desktop.yml tests and packages the app on Linux (under xvfb), Windows and macOS, keeping the installers', () => {
    const workflow = readFileSync(path.join(workflowsDir, 'desktop.yml'), 'utf8');
    assert.match(workflow, /os: \[ubuntu-latest, windows-latest, macos-latest\]/);
    assert.match(workflow, /run: npm ci\b/);
    assert.match(workflow, /xvfb-run [^\n]*npm run test:electron/);
    assert.match(workflow, /run: npm run dist\b/);
    assert.match(workflow, /uses: actions\/upload-artifact@v4[\s\S]*path: dist\/installers\//);
  });
});

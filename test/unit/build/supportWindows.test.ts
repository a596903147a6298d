import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { electronSupport, nodeSupport } from '../../../build/platform/supportWindows';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const majorOf = (range: string | undefined): number => Number(/(\d+)/.exec(range ?? '')?.[1]);
const today = new Date().toISOString().slice(0, 10);

describe('supported runtimes (build/platform/supportWindows.ts)', () => {
  it('the Electron major in package.json still gets security fixes today', () => {
    const verdict = electronSupport(majorOf(pkg.devDependencies.electron), today);
    assert.ok(verdict.supported, verdict.supported ? '' : verdict.reason);
  });

  it('the Node of engines, .nvmrc and the installed node package is an LTS line still supported today', () => {
    const nvmrc = readFileSync('.nvmrc', 'utf8').trim();
    const majors = new Set([majorOf(pkg.engines.node), majorOf(nvmrc), majorOf(pkg.devDependencies.node)]);
    assert.equal(majors.size, 1, `engines (${pkg.engines.node}), .nvmrc (${nvmrc}) and the node package (${pkg.devDependencies.node}) name the same major`);
    const verdict = nodeSupport([...majors][0] ?? 0, today);
    assert.ok(verdict.supported, verdict.supported ? '' : verdict.reason);
  });

  it('the test scripts really run on that Node', () => {
    assert.equal(majorOf(process.version), majorOf(pkg.engines.node));
  });

  it('an Electron major leaves support the day its third newer major ships', () => {
    assert.deepEqual(electronSupport(41, '2026-08-24'), { supported: true, until: '2026-08-25' });
    assert.equal(electronSupport(41, '2026-08-25').supported, false);
    assert.equal(electronSupport(45, '2026-12-01').supported, true);
    assert.match(electronSupport(99, '2026-12-01').supported ? '' : 'not in the table', /not in the table/);
  });

  it('a Node line leaves support on its end-of-life date', () => {
    assert.equal(nodeSupport(20, '2026-04-29').supported, true);
    assert.equal(nodeSupport(20, '2026-04-30').supported, false);
    assert.equal(nodeSupport(23, '2026-01-01').supported, false, 'odd majors are never LTS');
  });
});

import { strict as assert } from 'node:assert';
import { startBanner, type BannerFacts } from '../../../../signaling/server/platform/startBanner';
import { StartupOutput } from '../../../../signaling/server/platform/startupOutput';
import { createLogger } from '../../../../signaling/server/log';

const facts: BannerFacts = {
  url: 'http://localhost:8080',
  store: 'in-memory',
  database: { kind: 'pglite', location: 'data/database' },
  monitoringUrl: undefined,
  demoAgent: null,
  agentsPlace: 'data/agents.json',
};

class FakeStdout {
  readonly written: string[] = [];
  constructor(readonly isTTY: boolean) {}
  write(text: string): boolean {
    this.written.push(text);
    return true;
  }
}

const logLine = (msg: string) => `${JSON.stringify({ level: 30, time: 1796139448207, pid: 1, hostname: 'vm', msg })}\n`;

describe('what npm start prints first', () => {
  it('names both pages', () => {
    const banner = startBanner(facts);
    assert.match(banner, /^Screen share server is running/);
    assert.match(banner, /Customer page: {2}http:\/\/localhost:8080\/\n/);
    assert.match(banner, /Agent console: {2}http:\/\/localhost:8080\/agent/);
  });

  it('shows a new demo agent’s password once, and how to set a new one later', () => {
    const banner = startBanner({ ...facts, demoAgent: { created: { username: 'demo', password: 'pa55word' } } });
    assert.match(banner, /username: demo {3}password: pa55word/);
    assert.match(banner, /npm run agents -- passwd demo/);
  });

  it('on later starts says the demo agent exists and how to reset its password', () => {
    const banner = startBanner({ ...facts, demoAgent: { existing: 'demo' } });
    assert.match(banner, /Demo agent "demo" \(in data\/agents\.json\)\. Forgot its password\? Set a new one with: npm run agents -- passwd demo/);
    assert.doesNotMatch(banner, /password: /);
  });

  it('holds log lines back until the banner is out, then lets them through', () => {
    const stdout = new FakeStdout(false);
    const output = new StartupOutput(stdout);
    output.write(logLine('database opened'));
    assert.deepEqual(stdout.written, [], 'nothing before the banner');
    output.banner('BANNER');
    output.write(logLine('later'));
    assert.equal(stdout.written[0], 'BANNER\n');
    assert.deepEqual(stdout.written.slice(1).map((line) => (JSON.parse(line) as { msg: string }).msg), ['database opened', 'later'], 'JSON lines when not a terminal');
  });

  it('in a terminal, logs are readable lines and fastify’s own listening line is left out', () => {
    const stdout = new FakeStdout(true);
    const output = new StartupOutput(stdout);
    output.write(logLine('Server listening at http://192.0.2.2:8080'));
    output.banner('BANNER');
    output.write(logLine('key accepted'));
    assert.equal(stdout.written.length, 2);
    assert.equal(stdout.written[0], 'BANNER\n');
    const pretty = stdout.written[1] ?? '';
    assert.match(pretty, /INFO/);
    assert.match(pretty, /key accepted/);
    assert.doesNotMatch(pretty, /^\{/, 'not JSON');
  });

  it('as the server logger’s destination, prints nothing of its own before the banner', () => {
    const stdout = new FakeStdout(true);
    const output = new StartupOutput(stdout);
    createLogger('info', output).info('opened');
    assert.deepEqual(stdout.written, []);
    output.banner('BANNER');
    assert.equal(stdout.written.length, 2);
    assert.match(stdout.written[1] ?? '', /opened/);
  });

  it('lets held lines out when the start fails, so they can say why', () => {
    const stdout = new FakeStdout(false);
    const output = new StartupOutput(stdout);
    output.write(logLine('could not open the database'));
    output.release();
    assert.equal(stdout.written.length, 1);
  });
});

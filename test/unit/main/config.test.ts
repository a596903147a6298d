import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { AppConfigError, loadAppConfig, serverFromArgv, socketOrigin, userDataDirFromArgv } from '../../../main/config';

const file = {
  productName: 'Acme Help',
  serverUrl: 'https://support.acme.example/',
  allowedServers: ['https://eu.support.acme.example'],
  deepLinkScheme: 'acme-share',
  externalLinkOrigins: ['https://acme.example/privacy'],
};

function load(overrides: { file?: unknown; argv?: string[]; env?: Record<string, string> } = {}) {
  return loadAppConfig({ file: overrides.file ?? file, argv: overrides.argv ?? ['electron', 'main.cjs'], env: overrides.env ?? {} });
}

function errorOf(fn: () => unknown): AppConfigError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppConfigError, `expected AppConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the configuration to be refused');
}

describe('app configuration', () => {
  it('reads the bundled file and keeps servers as origins, the main server first on the allowlist', () => {
    const config = load();
    assert.equal(config.productName, 'Acme Help');
    assert.equal(config.serverUrl, 'https://support.acme.example');
    assert.deepEqual(config.allowedServers, ['https://support.acme.example', 'https://eu.support.acme.example']);
    assert.equal(config.deepLinkScheme, 'acme-share');
    assert.deepEqual(config.externalLinkOrigins, ['https://acme.example']);
  });

  it('the shipped app-config.json is valid and points at a local development server', () => {
    const shipped: unknown = JSON.parse(readFileSync(new URL('../../../main/app-config.json', import.meta.url), 'utf8'));
    const config = load({ file: shipped });
    assert.equal(config.serverUrl, 'http://localhost:8080');
    assert.equal(config.deepLinkScheme, 'screenshare');
  });

  it('--server <url>, --server=<url> and SCREENSHARE_SERVER_URL override the server, the command line winning', () => {
    assert.equal(load({ argv: ['electron', 'main.cjs', '--server', 'http://localhost:4000'] }).serverUrl, 'http://localhost:4000');
    assert.equal(load({ argv: ['electron', 'main.cjs', '--server=http://127.0.0.1:5000/x'] }).serverUrl, 'http://127.0.0.1:5000');
    assert.equal(load({ env: { SCREENSHARE_SERVER_URL: 'https://other.example' } }).serverUrl, 'https://other.example');
    const both = load({ argv: ['e', 'm', '--server', 'https://cli.example'], env: { SCREENSHARE_SERVER_URL: 'https://env.example' } });
    assert.equal(both.serverUrl, 'https://cli.example');
    assert.deepEqual(both.allowedServers, ['https://cli.example', 'https://eu.support.acme.example']);
  });

  it('ignores --server after a bare "--" (a deep link cannot smuggle options in)', () => {
    assert.equal(serverFromArgv(['electron', 'main.cjs', '--', '--server=https://evil.example']), undefined);
    assert.equal(load({ argv: ['e', 'm', '--', '--server', 'https://evil.example'] }).serverUrl, 'https://support.acme.example');
  });

  it('reads a profile directory of its own from --user-data-dir', () => {
    assert.equal(userDataDirFromArgv(['e', 'm', '--user-data-dir=/tmp/p1']), '/tmp/p1');
    assert.equal(userDataDirFromArgv(['e', 'm', '--user-data-dir', '/tmp/p2']), '/tmp/p2');
    assert.equal(userDataDirFromArgv(['e', 'm', '--', '--user-data-dir=/tmp/p3']), undefined);
    assert.equal(userDataDirFromArgv(['e', 'm']), undefined);
  });

  it('refuses plain http except on this computer, and says which setting is wrong', () => {
    const error = errorOf(() => load({ argv: ['e', 'm', '--server', 'http://support.acme.example'] }));
    assert.match(error.message, /--server/);
    assert.match(error.message, /must be an https:\/\/ URL \(http:\/\/ only for localhost\)/);
    assert.match(errorOf(() => load({ env: { SCREENSHARE_SERVER_URL: 'not a url' } })).message, /SCREENSHARE_SERVER_URL[\s\S]*is not a URL/);
    assert.match(errorOf(() => load({ file: { ...file, serverUrl: 'ftp://x.example' } })).message, /serverUrl: .*https/);
    assert.match(errorOf(() => load({ file: { ...file, allowedServers: ['https://u:p@x.example'] } })).message, /allowedServers\.0: .*user name/);
  });

  it('lists every problem of a broken file with its field', () => {
    const error = errorOf(() => load({ file: { serverUrl: 'https://a.example', deepLinkScheme: 'https', surprise: 1 } }));
    assert.match(error.message, /app-config\.json/);
    assert.match(error.message, /productName/);
    assert.match(error.message, /deepLinkScheme: must not be a scheme the system or browser already uses/);
    assert.match(error.message, /surprise/);
  });

  it('only accepts https origins for pages opened in the browser', () => {
    assert.match(errorOf(() => load({ file: { ...file, externalLinkOrigins: ['http://acme.example'] } })).message, /externalLinkOrigins\.0/);
  });

  it('turns a server origin into its WebSocket origin', () => {
    assert.equal(socketOrigin('https://support.acme.example'), 'wss://support.acme.example');
    assert.equal(socketOrigin('http://localhost:8080'), 'ws://localhost:8080');
  });
});

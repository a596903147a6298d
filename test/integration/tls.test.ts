import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION } from '../../signaling/protocol';
import { startTestServer, TestClient, type TestServer } from './harness';

/** A throwaway self-signed certificate for 127.0.0.1, made with openssl. */
function selfSignedCertificate(): { cert: string; key: string; ca: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'screenshare-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { cert, key, ca: readFileSync(cert) };
}

function request(url: string, ca: Buffer, options: https.RequestOptions = {}, body?: string) {
  return new Promise<{ status: number; headers: NodeJS.Dict<string | string[]>; text: string }>((resolve, reject) => {
    const req = https.request(url, { ca, ...options }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('TLS (TLS_CERT and TLS_KEY)', () => {
  let t: TestServer;
  let ca: Buffer;
  before(async () => {
    const certificate = selfSignedCertificate();
    ca = certificate.ca;
    t = await startTestServer({ TLS_CERT: certificate.cert, TLS_KEY: certificate.key });
  });
  after(() => t.close());

  it('serves the pages over https with HSTS', async () => {
    assert.match(t.url, /^https:\/\//);
    const response = await request(`${t.url}/api/config`, ca);
    assert.equal(response.status, 200);
    assert.match(String(response.headers['strict-transport-security']), /max-age=/);
  });

  it('marks the agent cookie Secure and accepts the agent over wss', async () => {
    const login = await request(
      `${t.url}/api/agent/login`,
      ca,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      JSON.stringify({ username: 'alice', password: 'secret-alice' }),
    );
    assert.equal(login.status, 200);
    const setCookie = String(login.headers['set-cookie']);
    assert.match(setCookie, /; Secure/);
    const cookie = setCookie.split(';')[0] ?? '';
    const socket = new WebSocket(`${t.url.replace(/^https/, 'wss')}/ws/agent`, { ca, origin: t.url, headers: { cookie } });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const agent = new TestClient(socket);
    agent.send({ type: 'hello', protocol: PROTOCOL_VERSION, client: 'test' });
    assert.equal((await agent.next('welcome')).agent?.username, 'alice');
    agent.close();
  });
});

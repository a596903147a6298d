import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { supervise } from './supervisedChild';
import { daemonMissing, freeTcpPort, startOnFreePort } from './throwawayDaemon';

/**
 * A real, throwaway coturn (`turnserver`, Debian package `coturn`) on loopback: a free listening
 * port, its own relay port range, TURN REST API authentication (`--use-auth-secret`) with a fresh
 * secret, and nothing read from /etc (`-c /dev/null`, every setting a flag). Plain UDP/TCP only:
 * no TLS, no CLI, no daemon. Loopback peers are allowed, which a production server must never do
 * (see docs/turn.md).
 */
export interface Coturn {
  /** e.g. turn:127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  /** The static-auth-secret; the signaling server's TURN_SECRET must be the same. */
  readonly secret: string;
  readonly realm: string;
  /** Relay ports it allocates from (inclusive). */
  readonly relayPorts: { readonly min: number; readonly max: number };
  output(): string;
  stop(): Promise<void>;
}

/** Why coturn tests cannot run here, or undefined when turnserver is installed. */
export function coturnMissing(): string | undefined {
  return daemonMissing('turnserver', 'coturn');
}

export async function startCoturn(startTimeoutMs = 10_000): Promise<Coturn> {
  return startOnFreePort(freePort, (port) => startOnPort(port, startTimeoutMs));
}

const RELAY_PORTS = 200;

async function startOnPort(port: number, startTimeoutMs: number): Promise<Coturn> {
  const dir = await mkdtemp(path.join(tmpdir(), 'screenshare-coturn-'));
  const secret = randomBytes(24).toString('base64url');
  const realm = 'screenshare.test';
  // A random range away from the kernel's ephemeral ports (32768-60999 on Linux, where port 0 lands).
  const min = 61_000 + randomInt(0, 4_000 - RELAY_PORTS);
  const relayPorts = { min, max: min + RELAY_PORTS - 1 };
  const child = spawn(
    'turnserver',
    [
      '-c', '/dev/null',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      `--min-port=${relayPorts.min}`,
      `--max-port=${relayPorts.max}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      `--realm=${realm}`,
      '--fingerprint',
      '--verbose', // logs each allocation with its username, which the tests check
      '--no-cli',
      '--no-tls',
      '--no-dtls',
      '--no-rfc5780',
      '--allow-loopback-peers',
      '--log-file=stdout',
      '--simple-log',
      `--userdb=${path.join(dir, 'turndb')}`,
      `--pidfile=${path.join(dir, 'turnserver.pid')}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const supervised = supervise(child, dir);
  const output = () => supervised.output();
  const stop = () => supervised.stop();

  try {
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`turnserver exited with code ${code} before it answered:\n${output()}`))),
    );
    await Promise.race([answersStun(port, startTimeoutMs, output), exited]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `turn:127.0.0.1:${port}`, port, secret, realm, relayPorts, output, stop };
}

/**
 * Ready means answering: coturn prints no "listening" line, so send STUN Binding requests over UDP
 * until one gets a Binding success response (message type 0x0101).
 */
async function answersStun(port: number, timeoutMs: number, output: () => string): Promise<void> {
  const socket = createSocket('udp4');
  const request = Buffer.alloc(20);
  request.writeUInt16BE(0x0001, 0); // Binding request, no attributes
  request.writeUInt32BE(0x2112a442, 4); // magic cookie
  randomBytes(12).copy(request, 8); // transaction id
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        clearInterval(resend);
        reject(new Error(`turnserver did not answer STUN on 127.0.0.1:${port} within ${timeoutMs} ms:\n${output()}`));
      }, timeoutMs);
      socket.on('message', (reply) => {
        if (reply.length >= 20 && reply.readUInt16BE(0) === 0x0101 && reply.subarray(8, 20).equals(request.subarray(8, 20))) {
          clearTimeout(timer);
          clearInterval(resend);
          resolve();
        }
      });
      socket.on('error', () => undefined); // ICMP port unreachable before it listens: keep trying
      const send = () => socket.send(request, port, '127.0.0.1');
      const resend = setInterval(send, 100);
      send();
    });
  } finally {
    socket.close();
  }
}

/** A port free for both TCP and UDP on loopback (coturn listens on both). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await freeTcpPort();
    if (await udpPortFree(port)) return port;
  }
}

function udpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { shapingCommands, type Impairment } from './shaping';

/**
 * The customer's own network: a network namespace joined to this machine by a veth pair, its
 * egress (the customer's uplink) shaped by tc. Nothing leaves the machine: the namespace reaches
 * only this machine's own addresses (host routes through the veth); its default route, which
 * Chromium needs to pick the address it offers as a WebRTC candidate, points at a gateway address
 * that nobody answers for, so packets to anywhere else die in the namespace even where this machine
 * forwards packets. Root only. Everything made here is removed again in `remove()`, and
 * on process exit if the bench dies first; namespaces left by a killed bench are removed the next
 * time one starts (their names carry the pid that made them).
 */
export interface CustomerNetwork {
  /** The namespace's name, for `ip netns exec`. */
  name: string;
  /** This machine's end of the veth pair: the server and the agent are reached here. */
  hostAddress: string;
  /** The customer's end. */
  customerAddress: string;
  /** A script to use as Chromium's executable: starts /usr/bin/chromium inside the namespace. */
  chromiumInside: string;
  shape(rateBitsPerSecond: number, impairment?: Impairment): void;
  remove(): void;
}

const PREFIX = 'ssbench';

const run = (command: string, args: readonly string[]) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

/** One line for the person running the bench, or undefined when the uplink bench can run. */
export function uplinkUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'the slow-uplink bench needs root (it creates a network namespace and shapes it with tc): run it as root, or leave out --uplink';
  for (const tool of ['ip', 'tc', 'tesseract']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `the slow-uplink bench needs ${tool} (Debian: iproute2, tesseract-ocr)`;
  }
  return undefined;
}

/** Whether this kernel can add delay and loss (the netem qdisc), checked on a throwaway namespace. */
export function netemAvailable(): boolean {
  const name = `${PREFIX}-probe-${process.pid}`;
  try {
    run('ip', ['netns', 'add', name]);
    run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    return spawnSync('tc', ['-n', name, 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms']).status === 0;
  } catch {
    return false;
  } finally {
    spawnSync('ip', ['netns', 'del', name]);
  }
}

function removeStaleNamespaces(): void {
  for (const line of run('ip', ['netns', 'list']).split('\n')) {
    const match = new RegExp(`^(${PREFIX}-(?:probe-)?(\\d+))\\b`).exec(line);
    if (!match?.[1] || !match[2]) continue;
    const alive = spawnSync('kill', ['-0', match[2]]).status === 0;
    if (!alive) spawnSync('ip', ['netns', 'del', match[1]]);
  }
}

/** A free /29 in 10.213.0.0/16 (not on any interface here yet). */
function freeSubnet(): number {
  const used = run('ip', ['-4', '-o', 'addr', 'show']);
  for (let third = process.pid % 250; ; third = (third + 1) % 250) {
    if (!used.includes(`10.213.${third}.`)) return third;
  }
}

export function createCustomerNetwork(chromium: string): CustomerNetwork {
  removeStaleNamespaces();
  const name = `${PREFIX}-${process.pid}`;
  const hostDevice = `ssb${process.pid}h`;
  const customerDevice = `ssb${process.pid}c`;
  const third = freeSubnet();
  const hostAddress = `10.213.${third}.1`;
  const customerAddress = `10.213.${third}.2`;
  const deadEndGateway = `10.213.${third}.6`;
  const ownAddresses = run('ip', ['-4', '-o', 'addr', 'show'])
    .split('\n')
    .flatMap((line) => /\binet (\d+\.\d+\.\d+\.\d+)\//.exec(line)?.[1] ?? [])
    .filter((address) => !address.startsWith('127.'));
  const scriptDir = mkdtempSync(path.join(tmpdir(), 'bench-netns-'));
  const chromiumInside = path.join(scriptDir, 'chromium-in-namespace');

  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    // Deleting the namespace deletes its end of the veth pair, and with it the pair.
    spawnSync('ip', ['netns', 'del', name]);
    spawnSync('ip', ['link', 'del', hostDevice]);
    rmSync(scriptDir, { recursive: true, force: true });
  };
  process.on('exit', remove);
  try {
    run('ip', ['netns', 'add', name]);
    run('ip', ['link', 'add', hostDevice, 'type', 'veth', 'peer', 'name', customerDevice]);
    run('ip', ['link', 'set', customerDevice, 'netns', name]);
    run('ip', ['addr', 'add', `${hostAddress}/29`, 'dev', hostDevice]);
    run('ip', ['link', 'set', hostDevice, 'up']);
    run('ip', ['-n', name, 'addr', 'add', `${customerAddress}/29`, 'dev', customerDevice]);
    run('ip', ['-n', name, 'link', 'set', customerDevice, 'up']);
    run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    for (const address of ownAddresses) run('ip', ['-n', name, 'route', 'add', `${address}/32`, 'via', hostAddress]);
    run('ip', ['-n', name, 'route', 'add', 'default', 'via', deadEndGateway]);
    writeFileSync(chromiumInside, `#!/bin/sh\nexec ip netns exec '${name}' '${chromium}' "$@"\n`);
    chmodSync(chromiumInside, 0o755);
  } catch (error) {
    remove();
    throw error;
  }
  return {
    name,
    hostAddress,
    customerAddress,
    chromiumInside,
    shape(rateBitsPerSecond, impairment) {
      for (const args of shapingCommands(customerDevice, rateBitsPerSecond, impairment)) run('tc', ['-n', name, ...args]);
    },
    remove,
  };
}

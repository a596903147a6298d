import { randomBytes } from 'node:crypto';
import { BenchSocket } from './socketClient';
import type { TargetAddress } from './targets';

/**
 * How each server under test pairs two sockets and relays a signal between them. Every relayed
 * message is a realistic ICE candidate (~250 bytes on the wire) whose foundation carries a
 * sequence number, so the receiver can tell which send it answers.
 */
export interface PairedSession {
  /** Sends relay message `seq` from side 0 (agent / first peer) or side 1 (customer / second peer). */
  send(side: 0 | 1, seq: number): void;
  readonly sockets: readonly [BenchSocket, BenchSocket];
}

export type Side = 0 | 1;

const SEQ_PLACEHOLDER = '{SEQ}';
const candidate = {
  candidate: `candidate:${SEQ_PLACEHOLDER} 1 udp 2122260223 192.0.2.10 54321 typ host generation 0 ufrag Xq3e network-id 1 network-cost 10`,
  sdpMLineIndex: 0,
  sdpMid: '0',
};

/**
 * A relay message serialised once per socket: each send only splices its sequence number in (the
 * generators must stay cheaper than the server they load).
 */
function frameTemplate(message: unknown): (seq: number) => string {
  const [before = '', after = ''] = JSON.stringify(message).split(SEQ_PLACEHOLDER);
  return (seq) => before + seq + after;
}

/** Spreads sockets over 127.0.0.2-127.0.0.41, so 20,000 of them never run out of source ports. */
export const localAddress = (index: number) => `127.0.0.${2 + (index % 40)}`;

const wsUrl = (url: string, path: string) => url.replace(/^http/, 'ws') + path;

export async function pairSession(target: TargetAddress, index: number): Promise<PairedSession> {
  if (target.kind === 'ours') return pairOurs(target, index);
  if (target.kind === 'bare') return pairBare(target, index);
  return pairPeerjs(target, index);
}

/** One idle, fully set-up client connection (ours: greeted customer; PeerJS: registered peer). */
export async function openIdle(target: TargetAddress, index: number): Promise<BenchSocket> {
  const options = { localAddress: localAddress(index) };
  if (target.kind === 'ours') {
    const socket = await BenchSocket.open(wsUrl(target.url, '/ws/customer'), { ...options, headers: { origin: target.url } });
    await greet(socket);
    return socket;
  }
  if (target.kind === 'bare') return BenchSocket.open(wsUrl(target.url, `/relay?pair=idle-${index}`), options);
  const socket = BenchSocket.open(wsUrl(target.url, `/peerjs?key=peerjs&id=idle${index}&token=${token()}`), options);
  const open = await socket;
  await open.next('OPEN');
  return open;
}

async function greet(socket: BenchSocket): Promise<void> {
  const welcome = socket.next('welcome');
  socket.send({ type: 'hello', protocol: 1, client: 'test' });
  await welcome;
}

/** Real pairing: signed-in agent creates a session, the customer claims its key and consents. */
async function pairOurs(target: TargetAddress, index: number): Promise<PairedSession> {
  if (!target.agentCookie) throw new Error('our server needs the agent cookie');
  const origin = target.url;
  const agent = await BenchSocket.open(wsUrl(target.url, '/ws/agent'), {
    headers: { origin, cookie: target.agentCookie },
    localAddress: localAddress(index * 2),
  });
  await greet(agent);
  const keyMessage = agent.next('session.key');
  agent.send({ type: 'session.create' });
  const { key, sessionId } = (await keyMessage) as { key: string; sessionId: string };

  const customer = await BenchSocket.open(wsUrl(target.url, '/ws/customer'), {
    headers: { origin },
    localAddress: localAddress(index * 2 + 1),
  });
  await greet(customer);
  const accepted = customer.next('key.accepted');
  customer.send({ type: 'key.claim', key });
  await accepted;
  const consented = waitForPhase(agent, 'choosing-screen');
  customer.send({ type: 'consent', decision: 'accept' });
  await consented;

  const data = { type: 'candidate', candidate };
  const frames = [frameTemplate({ type: 'signal', sessionId, data }), frameTemplate({ type: 'signal', data })] as const;
  return {
    sockets: [agent, customer],
    send(side, seq) {
      (side === 0 ? agent : customer).send(frames[side](seq));
    },
  };
}

async function waitForPhase(agent: BenchSocket, phase: string): Promise<void> {
  for (;;) {
    const update = await agent.next('session.update');
    if (update.phase === phase) return;
  }
}

async function pairBare(target: TargetAddress, index: number): Promise<PairedSession> {
  const url = wsUrl(target.url, `/relay?pair=${index}-${token()}`);
  const first = await BenchSocket.open(url, { localAddress: localAddress(index * 2) });
  const firstPaired = first.next('paired');
  const second = await BenchSocket.open(url, { localAddress: localAddress(index * 2 + 1) });
  const secondPaired = second.next('paired');
  await Promise.all([firstPaired, secondPaired]);
  const frame = frameTemplate({ type: 'signal', sessionId: token(), data: { type: 'candidate', candidate } });
  return {
    sockets: [first, second],
    send(side, seq) {
      (side === 0 ? first : second).send(frame(seq));
    },
  };
}

/** Two PeerJS peers; they exchange CANDIDATE messages as the PeerJS client library sends them. */
async function pairPeerjs(target: TargetAddress, index: number): Promise<PairedSession> {
  const ids = [`a${index}x${token()}`, `c${index}x${token()}`] as const;
  const open = async (id: string, address: string) => {
    const socket = await BenchSocket.open(wsUrl(target.url, `/peerjs?key=peerjs&id=${id}&token=${token()}`), {
      localAddress: address,
    });
    await socket.next('OPEN');
    return socket;
  };
  const first = await open(ids[0], localAddress(index * 2));
  const second = await open(ids[1], localAddress(index * 2 + 1));
  const connectionId = `mc_${token()}`;
  // The PeerJS client sends a heartbeat every 5 s; the server drops peers silent for 90 s.
  const heartbeat = setInterval(() => {
    for (const socket of [first, second]) if (socket.ws.readyState === socket.ws.OPEN) socket.send('{"type":"HEARTBEAT"}');
  }, 5_000);
  heartbeat.unref();
  second.ws.once('close', () => clearInterval(heartbeat));
  const frames = ([1, 0] as const).map((other) =>
    frameTemplate({ type: 'CANDIDATE', dst: ids[other], payload: { candidate, type: 'media', connectionId } }),
  );
  return {
    sockets: [first, second],
    send(side, seq) {
      (side === 0 ? first : second).send((frames[side] as (seq: number) => string)(seq));
    },
  };
}

const token = () => randomBytes(6).toString('hex');

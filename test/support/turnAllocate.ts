import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

/**
 * A minimal TURN client (RFC 5766 Allocate over UDP with the long-term credential mechanism), enough
 * to ask a real coturn whether a username/password would get a relay: the unauthenticated request
 * fetches realm and nonce, the signed one answers success or an error code.
 */
export type AllocateOutcome = { ok: true } | { ok: false; code: number; reason: string };

const MAGIC = 0x2112a442;
const ALLOCATE_REQUEST = 0x0003;
const ALLOCATE_SUCCESS = 0x0103;
const ATTR = { username: 0x0006, integrity: 0x0008, errorCode: 0x0009, realm: 0x0014, nonce: 0x0015, transport: 0x0019 } as const;

export async function tryAllocate(port: number, username: string, password: string, timeoutMs = 3_000): Promise<AllocateOutcome> {
  const socket = createSocket('udp4');
  try {
    const first = await exchange(socket, port, message([[ATTR.transport, Buffer.from([17, 0, 0, 0])]]), timeoutMs);
    if (first.type === ALLOCATE_SUCCESS) return { ok: true };
    const realm = first.attributes.get(ATTR.realm);
    const nonce = first.attributes.get(ATTR.nonce);
    if (!realm || !nonce) return errorOf(first);
    const key = createHash('md5').update(`${username}:${realm.toString()}:${password}`).digest();
    const signed = message(
      [
        [ATTR.transport, Buffer.from([17, 0, 0, 0])],
        [ATTR.username, Buffer.from(username)],
        [ATTR.realm, realm],
        [ATTR.nonce, nonce],
      ],
      key,
    );
    const second = await exchange(socket, port, signed, timeoutMs);
    return second.type === ALLOCATE_SUCCESS ? { ok: true } : errorOf(second);
  } finally {
    socket.close();
  }
}

interface Reply {
  type: number;
  attributes: Map<number, Buffer>;
}

function errorOf(reply: Reply): AllocateOutcome {
  const value = reply.attributes.get(ATTR.errorCode);
  if (!value || value.length < 4) return { ok: false, code: 0, reason: `message type 0x${reply.type.toString(16)}` };
  return { ok: false, code: (value[2] ?? 0) * 100 + (value[3] ?? 0), reason: value.subarray(4).toString() };
}

function attribute(type: number, value: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(type, 0);
  header.writeUInt16BE(value.length, 2);
  const padding = Buffer.alloc((4 - (value.length % 4)) % 4);
  return Buffer.concat([header, value, padding]);
}

/** An Allocate request; with a key, signed with MESSAGE-INTEGRITY (HMAC-SHA1 over everything before it). */
function message(attributes: Array<[number, Buffer]>, key?: Buffer): Buffer {
  const body = Buffer.concat(attributes.map(([type, value]) => attribute(type, value)));
  const header = Buffer.alloc(20);
  header.writeUInt16BE(ALLOCATE_REQUEST, 0);
  header.writeUInt32BE(MAGIC, 4);
  randomBytes(12).copy(header, 8);
  if (!key) {
    header.writeUInt16BE(body.length, 2);
    return Buffer.concat([header, body]);
  }
  header.writeUInt16BE(body.length + 24, 2); // the length counts the integrity attribute too
  const integrity = createHmac('sha1', key).update(Buffer.concat([header, body])).digest();
  return Buffer.concat([header, body, attribute(ATTR.integrity, integrity)]);
}

function exchange(socket: ReturnType<typeof createSocket>, port: number, request: Buffer, timeoutMs: number): Promise<Reply> {
  const transaction = request.subarray(8, 20);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('message', onMessage);
      reject(new Error(`no TURN answer from 127.0.0.1:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (reply: Buffer) => {
      if (reply.length < 20 || !reply.subarray(8, 20).equals(transaction)) return;
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve({ type: reply.readUInt16BE(0), attributes: parseAttributes(reply) });
    };
    socket.on('message', onMessage);
    socket.send(request, port, '127.0.0.1');
  });
}

function parseAttributes(reply: Buffer): Map<number, Buffer> {
  const attributes = new Map<number, Buffer>();
  const end = Math.min(reply.length, 20 + reply.readUInt16BE(2));
  for (let offset = 20; offset + 4 <= end; ) {
    const type = reply.readUInt16BE(offset);
    const length = reply.readUInt16BE(offset + 2);
    attributes.set(type, reply.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length + ((4 - (length % 4)) % 4);
  }
  return attributes;
}

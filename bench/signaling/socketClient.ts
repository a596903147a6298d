import WebSocket from 'ws';

/**
 * A load-generator socket: JSON in and out, relayed signals go to `onRelay` (with their sequence
 * number), everything else can be awaited with `next(type)` during set-up. Kept cheap so the
 * generators, which share the machine with the server, are not the limit of the measurement:
 * frames go out with an all-zero mask (ws then skips the XOR; the server unmasks as usual) and a
 * relayed frame is recognised and its sequence number read without parsing its JSON.
 */
export interface JsonMessage {
  type?: unknown;
  [field: string]: unknown;
}

/** Where the sequence number starts in a relayed frame: its candidate's foundation (see protocols.ts). */
const SEQ_MARKER = Buffer.from('"candidate:');
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/** The sequence number of a relayed frame, or -1 when the frame is not a relayed candidate. */
export function relayedSeq(frame: Buffer): number {
  const at = frame.indexOf(SEQ_MARKER);
  if (at < 0) return -1;
  let seq = 0;
  for (let index = at + SEQ_MARKER.length; index < frame.length; index += 1) {
    const byte = frame[index] as number;
    if (byte < DIGIT_0 || byte > DIGIT_9) return seq;
    seq = seq * 10 + byte - DIGIT_0;
  }
  return -1;
}

const zeroMask = (mask: Buffer) => mask.fill(0);

export class BenchSocket {
  onRelay: (seq: number) => void = () => undefined;
  /** Error messages that arrived while nothing was awaited (e.g. rate-limited during relay). */
  errors = 0;
  /** Messages that arrived before anyone awaited them (e.g. in the same packet as the upgrade). */
  private unclaimed: JsonMessage[] = [];
  private waiters: Array<{ type: string; resolve(message: JsonMessage): void; reject(error: Error): void }> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.receive(data));
    ws.on('close', () => this.failAll(new Error('socket closed')));
  }

  static open(url: string, options: { headers?: Record<string, string>; localAddress?: string }): Promise<BenchSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: options.headers, localAddress: options.localAddress, perMessageDeflate: false, generateMask: zeroMask });
      const socket = new BenchSocket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('error', (error) => reject(error));
      ws.on('error', () => undefined);
      ws.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  next(type: string, timeoutMs = 30_000): Promise<JsonMessage> {
    const early = this.unclaimed.findIndex((message) => message.type === type);
    if (early >= 0) return Promise.resolve(this.unclaimed.splice(early, 1)[0] as JsonMessage);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${type}" within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        type,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  close(): void {
    this.ws.terminate();
  }

  private receive(frame: Buffer): void {
    const seq = relayedSeq(frame);
    if (seq >= 0) return this.onRelay(seq);
    const text = frame.toString();
    const message = JSON.parse(text) as JsonMessage;
    const index = this.waiters.findIndex((waiter) => waiter.type === message.type);
    const waiter = this.waiters[index];
    if (waiter) {
      this.waiters.splice(index, 1);
      waiter.resolve(message);
    } else if (message.type === 'error' || message.type === 'ERROR') {
      if (this.waiters.length > 0) this.failAll(new Error(`server error: ${text}`));
      else this.errors += 1;
    } else if (this.unclaimed.length < 20) {
      this.unclaimed.push(message);
    }
  }

  private failAll(error: Error): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }
}

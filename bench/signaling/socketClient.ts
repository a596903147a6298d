import WebSocket from 'ws';

/**
 * A load-generator socket: JSON in and out, relayed signals go to `onRelay`, everything else can
 * be awaited with `next(type)` during set-up.
 */
export interface JsonMessage {
  type?: unknown;
  [field: string]: unknown;
}

export class BenchSocket {
  onRelay: (message: JsonMessage) => void = () => undefined;
  /** Error messages that arrived while nothing was awaited (e.g. rate-limited during relay). */
  errors = 0;
  /** Messages that arrived before anyone awaited them (e.g. in the same packet as the upgrade). */
  private unclaimed: JsonMessage[] = [];
  private waiters: Array<{ type: string; resolve(message: JsonMessage): void; reject(error: Error): void }> = [];

  private constructor(
    readonly ws: WebSocket,
    private readonly relayType: string,
  ) {
    ws.on('message', (data) => this.receive(data.toString()));
    ws.on('close', () => this.failAll(new Error('socket closed')));
  }

  static open(url: string, relayType: string, options: { headers?: Record<string, string>; localAddress?: string }): Promise<BenchSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: options.headers, localAddress: options.localAddress, perMessageDeflate: false });
      const socket = new BenchSocket(ws, relayType);
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

  private receive(text: string): void {
    const message = JSON.parse(text) as JsonMessage;
    if (message.type === this.relayType) return this.onRelay(message);
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

import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, ServerMessage } from '../../../signaling/protocol';
import { open, type ConnectOptions } from '../harness';

/**
 * A hostile client: sends whatever it is given (text or binary, valid or not) and records every
 * frame the server sends back, checking each against the ServerMessage schema. Unlike the
 * harness's TestClient it never throws from a socket event, so a bad answer is reported by the
 * test that looks at `invalid`, not as an uncaught exception.
 */
export class AttackClient {
  readonly received: ServerMessage[] = [];
  /** Frames from the server that are not a valid ServerMessage (must stay empty). */
  readonly invalid: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<() => void> = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = data.toString();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        this.invalid.push(text);
        return this.wake();
      }
      const parsed = ServerMessage.safeParse(json);
      if (parsed.success) this.received.push(parsed.data);
      else this.invalid.push(text);
      this.wake();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      this.wake();
    }));
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(frame: string | Buffer | object, options: { binary?: boolean } = {}): void {
    const data = typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame);
    this.socket.send(data, { binary: options.binary ?? Buffer.isBuffer(data) });
  }

  /** Waits until `done()` holds for what was received (or the socket closed, or time ran out). */
  async until(done: (received: readonly ServerMessage[]) => boolean, timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.received)) {
      if (this.socket.readyState === WebSocket.CLOSED) return false;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return true;
  }

  close(): void {
    this.socket.close();
  }
}

/** Opens a socket and says hello; resolves once the welcome is in. */
export async function attackConnect(url: string, role: 'agent' | 'customer', options: ConnectOptions = {}): Promise<AttackClient> {
  const client = new AttackClient(await open(url, role, options));
  client.send({ type: 'hello', protocol: PROTOCOL_VERSION, client: 'test' });
  if (!(await client.until((received) => received.some((message) => message.type === 'welcome')))) {
    throw new Error(`no welcome; got ${JSON.stringify(client.received)} ${client.invalid.join(' ')}`);
  }
  client.received.splice(0);
  return client;
}

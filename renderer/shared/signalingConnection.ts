import {
  PROTOCOL_VERSION,
  ServerMessage,
  parseMessage,
  type AgentMessage,
  type CustomerMessage,
  type ServerMessageOf,
} from '../../signaling/protocol';
import { Listeners } from './listeners';
import { ServerMessageHandlers, type ServerMessageHandler } from './serverMessageHandlers';

type Outbound = AgentMessage | CustomerMessage;

export interface SignalingConnectionOptions {
  /** ws:// or wss:// URL of the role's endpoint, e.g. wss://support.example/ws/customer */
  url: string;
  client: 'web' | 'desktop' | 'agent-console';
  locale?: string;
}

export interface ConnectionClosed {
  code: number;
  reason: string;
  /** True when we closed it ourselves through close(). */
  byUs: boolean;
}

/**
 * One WebSocket to the signaling server: sends typed messages, validates every received one
 * against the protocol, and resolves connect() once the server's welcome arrives.
 */
export class SignalingConnection<Out extends Outbound = Outbound> {
  private readonly handlers = new ServerMessageHandlers();
  private readonly closeHandlers = new Listeners<ConnectionClosed>();
  private closedByUs = false;

  private constructor(
    private readonly socket: WebSocket,
    readonly welcome: ServerMessageOf<'welcome'>,
  ) {
    socket.addEventListener('message', (event) => this.receive(event));
    socket.addEventListener('close', (event) => {
      this.closeHandlers.emit({ code: event.code, reason: event.reason, byUs: this.closedByUs });
    });
  }

  static connect<Out extends Outbound>(options: SignalingConnectionOptions): Promise<SignalingConnection<Out>> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(options.url);
      let settled = false;
      const fail = (why: string) => {
        if (settled) return;
        settled = true;
        socket.close();
        reject(new Error(why));
      };
      socket.addEventListener('open', () => {
        socket.send(
          JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, client: options.client, locale: options.locale }),
        );
      });
      socket.addEventListener('error', () => fail('could not reach the signaling server'));
      socket.addEventListener('close', (event) => fail(`connection closed (${event.code})`));
      socket.addEventListener(
        'message',
        (event) => {
          if (settled) return;
          const parsed = parseMessage(ServerMessage, String(event.data));
          if (parsed.ok && parsed.value.type === 'welcome') {
            settled = true;
            resolve(new SignalingConnection<Out>(socket, parsed.value));
          } else if (parsed.ok && parsed.value.type === 'error') {
            fail(parsed.value.message);
          } else {
            fail('unexpected first message from the server');
          }
        },
        { once: true },
      );
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(message: Out): void {
    if (this.isOpen) this.socket.send(JSON.stringify(message));
  }

  on<T extends ServerMessage['type']>(type: T, handler: ServerMessageHandler<T>): () => void {
    return this.handlers.on(type, handler);
  }

  onClose(handler: (closed: ConnectionClosed) => void): () => void {
    return this.closeHandlers.add(handler);
  }

  close(): void {
    this.closedByUs = true;
    this.socket.close(1000, 'bye');
  }

  private receive(event: MessageEvent): void {
    const parsed = parseMessage(ServerMessage, String(event.data));
    if (!parsed.ok) {
      console.warn('Dropped a message from the server that does not match the protocol:', parsed.error);
      return;
    }
    this.handlers.dispatch(parsed.value);
  }
}

/** The signaling URL for a role, derived from a page or server origin (http→ws, https→wss). */
export function signalingUrl(serverOrigin: string, role: 'agent' | 'customer'): string {
  const url = new URL(`/ws/${role}`, serverOrigin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

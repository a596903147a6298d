import { SignalingConnection, signalingUrl, type ConnectionClosed } from '../../shared/signalingConnection';
import type { CustomerMessage, IceServer, ServerMessage, ServerMessageOf } from '../../../signaling/protocol';

/** The customer's socket to the signaling server, as the flow needs it (faked in unit tests). */
export interface CustomerLink {
  /** The newest ICE servers: the welcome's (STUN only) until the session's own arrive (session.ice). */
  readonly iceServers: IceServer[];
  /** 'relay' when the operator sends all media through TURN. */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /** The operator lets customers share one window instead of a whole screen (ALLOW_WINDOW_SHARE). */
  readonly windowShare: boolean;
  readonly isOpen: boolean;
  send(message: CustomerMessage): void;
  on<T extends ServerMessage['type']>(type: T, handler: (message: ServerMessageOf<T>) => void): () => void;
  onClose(handler: (closed: ConnectionClosed) => void): () => void;
  close(): void;
}

export interface LinkRequest {
  serverOrigin: string;
  client: 'web' | 'desktop';
  locale: string;
}

export type ConnectLink = (request: LinkRequest) => Promise<CustomerLink>;

/** Opens `/ws/customer` on the server and resolves once it said welcome. */
export const connectCustomerLink: ConnectLink = async ({ serverOrigin, client, locale }) => {
  const connection = await SignalingConnection.connect<CustomerMessage>({
    url: signalingUrl(serverOrigin, 'customer'),
    client,
    locale,
  });
  let iceServers = connection.welcome.iceServers;
  connection.on('session.ice', (message) => {
    iceServers = message.iceServers;
  });
  return {
    get iceServers() {
      return iceServers;
    },
    iceTransportPolicy: connection.welcome.iceTransportPolicy,
    windowShare: connection.welcome.windowShare === true,
    get isOpen() {
      return connection.isOpen;
    },
    send: (message) => connection.send(message),
    on: (type, handler) => connection.on(type, handler),
    onClose: (handler) => connection.onClose(handler),
    close: () => connection.close(),
  };
};

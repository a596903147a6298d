import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode, MAX_MESSAGE_BYTES, PROTOCOL_VERSION, type Role, type ServerMessage } from '../../protocol';
import type { Revocation } from '../auth/accessRevocation';
import type { SignedIn } from '../auth/signInCheck';
import { concerns, endAgentAccess, watchSignInExpiry } from './accessEnd';
import type { Config } from '../config';
import { MessageRateLimiter } from '../limits/messageRateLimiter';
import { newConnectionId } from '../cluster/nodeIdentity';
import { endSession } from '../sessions/endSession';
import { GraceTimers } from '../sessions/graceTimers';
import { memberLeft } from '../sessions/memberPresence';
import { nodeOfConnection } from '../cluster/nodeIdentity';
import { publicIceServers } from '../ice/sessionIce';
import { addressBucket } from '../network/addressBucket';
import { clientAddress } from '../network/trustedProxy';
import { ClientConnection } from '../context/clientConnection';
import { ConnectionRegistry } from './connectionRegistry';
import type { MessageRouter } from '../context/messageRouter';
import type { HandlerContext } from '../context/handlerContext';
import { startHeartbeat, type Heartbeat } from './heartbeat';
import { createMessageIntake } from './messageIntake';
import { DESKTOP_APP_ORIGIN, isOriginAllowed } from '../network/originPolicy';

const HELLO_TIMEOUT_MS = 10_000;
const PATHS: Record<string, Role> = { '/ws/agent': 'agent', '/ws/customer': 'customer' };

export interface SignalingSocketOptions {
  config: Pick<
    Config,
    | 'heartbeatIntervalMs'
    | 'iceServers'
    | 'turn'
    | 'iceTransportPolicy'
    | 'organisation'
    | 'trustProxy'
    | 'maxSocketsPerAddress'
    | 'allowWindowShare'
  >;
  allowedOrigins: ReadonlySet<string>;
  tls: boolean;
  /** The signed-in agent behind an upgrade request's cookie, if any (asks the sign-in store: may be Redis). */
  agentFromRequest(request: IncomingMessage): Promise<SignedIn | undefined>;
  ctx: Omit<HandlerContext, 'router' | 'resume'>;
  /** This node's id, carried in every connection id (see cluster/nodeIdentity.ts). */
  nodeId: string;
  /** This node's connections; the registry also delivers to them unless `router` is given. */
  registry?: ConnectionRegistry;
  /** Reaches connections on any node (cluster/clusterRouter.ts); defaults to the registry. */
  router?: MessageRouter;
  /** Whether another node is running (cluster/sharedState.ts); without it only this node counts. */
  nodeAlive?(nodeId: string): Promise<boolean>;
  /**
   * On close, leave sessions to the other nodes instead of ending them (true with Redis): the
   * clients reconnect through the load balancer and resume, so a rolling restart loses nothing.
   */
  handOverOnClose?: boolean;
}

/**
 * The WebSocket side: `ws` in noServer mode, so every upgrade is checked (path, Origin, agent
 * cookie) before a socket exists. Closing a socket does not end its sessions at once: the member
 * is marked away and may resume within the grace period (sessions/memberPresence.ts).
 */
export class SignalingSocketServer {
  readonly registry: ConnectionRegistry;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly limiter = new MessageRateLimiter();
  /** The handlers' context (also used by the REST API to open and end sessions). */
  readonly ctx: HandlerContext;
  private readonly graceTimers = new GraceTimers();
  private readonly heartbeat: Heartbeat;
  private readonly receive: ReturnType<typeof createMessageIntake>;
  /** Customers may also connect from the desktop app; agents only from allowed web pages. */
  private readonly customerOrigins: ReadonlySet<string>;
  private readonly socketsPerAddress = new Map<string, number>();
  private closing = false;

  constructor(private readonly options: SignalingSocketOptions) {
    this.registry = options.registry ?? new ConnectionRegistry();
    this.customerOrigins = new Set([...options.allowedOrigins, DESKTOP_APP_ORIGIN]);
    const nodeAlive = options.nodeAlive ?? (async (nodeId: string) => nodeId === options.nodeId);
    this.ctx = {
      ...options.ctx,
      router: options.router ?? this.registry,
      resume: {
        timers: this.graceTimers,
        connectionReachable: async (connectionId) => {
          const node = nodeOfConnection(connectionId);
          if (node === options.nodeId) return this.registry.has(connectionId);
          return node !== undefined && (await nodeAlive(node));
        },
      },
    };
    this.receive = createMessageIntake(this.ctx, this.limiter, (connection) => this.welcome(connection));
    this.heartbeat = startHeartbeat(options.config.heartbeatIntervalMs);
  }

  attach(server: HttpServer): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(request, socket, head));
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const role = PATHS[path];
    if (!role) return refuse(socket, 404, 'Not Found');
    const allowed = role === 'customer' ? this.customerOrigins : this.options.allowedOrigins;
    const originOk = isOriginAllowed(request, allowed, {
      requireOrigin: role === 'agent',
      tls: this.options.tls,
    });
    const ip = clientAddress(request, this.options.config.trustProxy);
    if (!originOk) {
      this.ctx.warnings.warn(ip, { origin: request.headers.origin, role }, 'socket refused: origin not allowed');
      return refuse(socket, 403, 'Forbidden');
    }
    const cap = this.options.config.maxSocketsPerAddress;
    if (cap > 0 && (this.socketsPerAddress.get(addressBucket(ip)) ?? 0) >= cap) {
      this.ctx.warnings.warn(ip, { role, cap }, 'socket refused: too many open sockets from this address');
      return refuse(socket, 429, 'Too Many Requests');
    }
    let signedIn: SignedIn | undefined;
    if (role === 'agent') {
      // The sign-in lookup may wait for Redis: meanwhile a client that goes away must not crash us.
      const ignoreSocketError = () => undefined;
      socket.on('error', ignoreSocketError);
      try {
        signedIn = await this.options.agentFromRequest(request);
      } catch (error) {
        this.ctx.log.error({ err: error, ip }, 'agent socket refused: sign-ins could not be checked');
        return refuse(socket, 503, 'Service Unavailable');
      } finally {
        socket.off('error', ignoreSocketError);
      }
      if (!signedIn) {
        this.ctx.warnings.warn(ip, {}, 'agent socket refused: not signed in');
        return refuse(socket, 401, 'Unauthorized');
      }
    }
    const userAgent = request.headers['user-agent'];
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.accept(ws, role, ip, signedIn).userAgent = userAgent;
    });
  }

  /** An agent's access ended (on any node): close its sockets here and end their shares. */
  revoked(revocation: Revocation): void {
    if (this.closing) return;
    for (const connection of [...this.registry.all()]) {
      if (concerns(revocation, connection)) void endAgentAccess(this.ctx, connection, revocation.reason);
    }
  }

  private accept(ws: WebSocket, role: Role, ip: string, signedIn: SignedIn | undefined): ClientConnection {
    const signIn = signedIn && { id: signedIn.id, expiresAt: signedIn.expiresAt };
    const connection = new ClientConnection(newConnectionId(this.options.nodeId), role, ip, ws, signedIn?.agent, signIn);
    this.registry.add(connection);
    const stopExpiryWatch = watchSignInExpiry(connection, () => void endAgentAccess(this.ctx, connection, 'sign-in-expired'));
    this.heartbeat.track(connection);
    const bucket = addressBucket(ip);
    this.socketsPerAddress.set(bucket, (this.socketsPerAddress.get(bucket) ?? 0) + 1);
    connection.expectHello(HELLO_TIMEOUT_MS, () => ws.close(CloseCode.helloTimeout, 'hello expected'));

    ws.on('pong', () => {
      connection.alive = true;
    });
    ws.on('message', (data, isBinary) => {
      connection.alive = true;
      if (isBinary) return ws.close(CloseCode.protocolError, 'text frames only');
      const text = data.toString();
      connection.enqueue(() => this.receive(connection, text));
    });
    ws.on('error', (error) => this.ctx.log.debug({ err: error, connectionId: connection.id }, 'socket error'));
    ws.on('close', () => {
      stopExpiryWatch();
      connection.dropScheduled();
      this.registry.remove(connection);
      this.heartbeat.forget(connection);
      this.limiter.forget(connection.id);
      const open = (this.socketsPerAddress.get(bucket) ?? 1) - 1;
      if (open > 0) this.socketsPerAddress.set(bucket, open);
      else this.socketsPerAddress.delete(bucket);
      void this.disconnected(connection);
    });
    return connection;
  }

  private async disconnected(connection: ClientConnection): Promise<void> {
    if (this.closing) return;
    await memberLeft(this.ctx, connection);
  }

  private welcome(connection: ClientConnection): ServerMessage {
    return {
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      role: connection.role,
      heartbeatIntervalMs: this.options.config.heartbeatIntervalMs,
      iceServers: publicIceServers(this.options.config),
      iceTransportPolicy: this.options.config.iceTransportPolicy,
      agent: connection.agent && { ...connection.agent, organisation: this.options.config.organisation },
      ...(connection.role === 'customer' ? { windowShare: this.options.config.allowWindowShare } : {}),
    };
  }

  /**
   * Closes all sockets. A lone node ends every session first (telling both sides the server is going
   * away); a node of a cluster hands its sessions over: its clients resume on another node.
   */
  async close(): Promise<void> {
    this.closing = true;
    this.heartbeat.stop();
    for (const connection of this.registry.all()) {
      if (this.options.handOverOnClose) {
        // The other member hears "away" now; the grace timer is left to the node this client resumes on.
        await memberLeft(this.ctx, connection);
        connection.socket.close(CloseCode.serviceRestart, 'server restarting: reconnect and resume');
        continue;
      }
      for (const sessionId of [...connection.sessionIds]) await endSession(this.ctx, sessionId, 'server', 'server-shutdown');
      connection.socket.close(CloseCode.serverShutdown, 'server shutting down');
    }
    this.graceTimers.cancelAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

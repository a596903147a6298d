import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Every server process gets a random node id at start. Connection ids carry it
 * (`<nodeId>:<uuid>`), so any node can tell where a connection lives without asking anyone.
 * Random rather than the host name: a restarted process must not receive messages meant for
 * the sockets of its previous life.
 */
export function newNodeId(): string {
  return randomBytes(9).toString('base64url');
}

export function newConnectionId(nodeId: string): string {
  return `${nodeId}:${randomUUID()}`;
}

/** The node a connection lives on, or undefined for an id without a node part. */
export function nodeOfConnection(connectionId: string): string | undefined {
  const separator = connectionId.indexOf(':');
  return separator > 0 ? connectionId.slice(0, separator) : undefined;
}

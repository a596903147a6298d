import path from 'node:path';

/** Where a running server tells commands how to reach its database (commandChannelServer.ts). */
export function channelFile(dir: string): string {
  return path.join(dir, 'command-channel.json');
}

export interface ChannelAddress {
  readonly pid: number;
  readonly port: number;
  /** base64 */
  readonly secret: string;
}

/** The answer to one query. */
export type ChannelReply = { command: string; rowCount: number | null; rows: unknown[] } | { error: string };

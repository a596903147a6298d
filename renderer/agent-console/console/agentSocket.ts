import { SignalingConnection, signalingUrl } from '../../shared/signalingConnection';
import type { AgentMessage } from '../../../signaling/protocol';
import { whoAmI } from '../api/agentApi';

export type AgentConnection = SignalingConnection<AgentMessage>;

/** The server refused the socket because the agent's sign-in is gone. */
export class SignedOut extends Error {}

/** Opens the console's socket to the server; rejects with SignedOut when the sign-in has ended. */
export async function openAgentSocket(locale: string): Promise<AgentConnection> {
  try {
    return await SignalingConnection.connect<AgentMessage>({
      url: signalingUrl(location.origin, 'agent'),
      client: 'agent-console',
      locale,
    });
  } catch (error) {
    // A refused upgrade looks like any other failure; the cookie check tells them apart.
    if ((await whoAmI()).kind === 'signed-out') throw new SignedOut('the sign-in has ended', { cause: error });
    throw error;
  }
}

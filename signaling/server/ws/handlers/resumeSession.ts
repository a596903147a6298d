import type { CustomerMessageOf, ServerMessageOf } from '../../../protocol';
import { awayField, awayUntilOf, connectionOf, markAway, otherRole, watchAway } from '../../sessions/memberPresence';
import { grantResumeToken, hashResumeToken } from '../../sessions/resumeTokens';
import { grantSessionIce } from '../../ice/sessionIce';
import { sendError, type Handler } from '../../context/handlerContext';

const EXPIRED = 'This screen share can no longer be resumed.';

/**
 * A member comes back after a reload or a dropped connection: the token (single use, bound to one
 * session and one role) moves the member's place in the session to this connection. Every failure
 * gets the same answer, so tokens and sessions cannot be probed.
 */
/** Agents send the same message (one schema, `ResumeSession`, for both roles). */
export const resumeSession: Handler<CustomerMessageOf<'session.resume'>> = async (
  ctx,
  connection,
  message,
) => {
  const ref = message.ref;
  const role = connection.role;
  if (role === 'customer' && connection.sessionIds.size > 0) {
    return sendError(connection, 'already-in-session', 'This connection is already sharing with an agent.', { ref });
  }
  const tokenHash = hashResumeToken(message.token);
  // Role and session are checked before the token is used up: a wrong presenter (the other role,
  // another agent) must not end the rightful member's chance to resume.
  const grant = await ctx.store.peekResumeToken(tokenHash);
  const before = grant && grant.role === role ? await ctx.store.getSession(grant.sessionId) : undefined;
  // An agent token only works for the agent it was given to, even if it leaked.
  const agentMismatch = role === 'agent' && before?.agentUsername !== connection.agent?.username;
  // Taking it is still atomic: of two rightful presenters at once, only one resumes.
  if (!grant || !before || agentMismatch || !(await ctx.store.takeResumeToken(tokenHash))) {
    ctx.warnings.warn(connection.ip, { role }, 'resume refused');
    return sendError(connection, 'resume-expired', EXPIRED, { ref });
  }

  const session = await ctx.store.updateSession(before.id, {
    [role === 'agent' ? 'agentConnectionId' : 'customerConnectionId']: connection.id,
    [awayField(role)]: null,
  });
  if (!session) return sendError(connection, 'resume-expired', EXPIRED, { ref });
  ctx.resume.timers.cancel(session.id, role);
  connection.sessionIds.add(session.id);
  grantSessionIce(ctx.config, connection, session.id);

  const peerRole = otherRole(role);
  const peerConnection = connectionOf(session, peerRole);
  let peerAwayUntil = awayUntilOf(session, peerRole) ?? null;
  if (peerConnection && peerAwayUntil === null && !(await ctx.resume.connectionReachable(peerConnection))) {
    // The other member's node died with its socket and could not mark it away: do it here.
    peerAwayUntil = Date.now() + ctx.config.resumeGraceMs;
    await markAway(ctx, session, peerRole, peerAwayUntil);
  } else if (peerConnection && peerAwayUntil !== null) {
    // Its grace timer may have died with another node: watch it here too (ending is idempotent).
    watchAway(ctx, session.id, peerRole, peerConnection, peerAwayUntil);
  }

  const resumed: ServerMessageOf<'session.resumed'> = {
    type: 'session.resumed',
    sessionId: session.id,
    phase: session.phase,
    peer: peerAwayUntil !== null ? 'away' : peerConnection ? 'present' : 'none',
    ref,
  };
  if (role === 'customer') {
    resumed.agent = { displayName: session.agentDisplayName, organisation: ctx.config.organisation };
  } else {
    resumed.key = session.key;
    resumed.keyExpiresAt = session.keyExpiresAt;
    if (session.surface) resumed.surface = session.surface;
  }
  connection.send(resumed);
  await grantResumeToken(ctx, connection, session.id);
  if (peerConnection && peerAwayUntil === null) {
    ctx.router.deliver(peerConnection, {
      type: 'session.peer',
      sessionId: session.id,
      state: 'back',
      needsNewPeer: !message.hasPeer,
    });
  }
  ctx.log.info({ sessionId: session.id, role, hasPeer: message.hasPeer }, 'session resumed');
};

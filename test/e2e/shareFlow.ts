import { expect } from '@playwright/test';
import type { AgentConsole, AgentSession } from './pages/agentConsole';
import type { CustomerPage } from './pages/customerPage';
import { firstFrameAt, waitForPicture, watchForFirstFrame, type PictureSize } from './pages/videoProbe';

export interface SharingSession {
  session: AgentSession;
  agentName: string;
  picture: PictureSize;
  /** From the customer's click on "Continue" to the agent's first decoded frame. */
  continueToFirstFrameMs: number;
  /** From the customer's click on "Share my screen" to the agent's first decoded frame. */
  shareToFirstFrameMs: number;
}

/**
 * The whole voice flow up to a live picture: the agent starts a share and reads the key, the
 * customer types it (with spaces), sees who asks, consents; the agent's video plays.
 */
export async function shareScreen(agent: AgentConsole, customer: CustomerPage, minWidth: number): Promise<SharingSession> {
  const identity = await agent.identity();
  const session = await agent.startScreenShare();
  const key = await session.key();

  await watchForFirstFrame(agent.page);
  await customer.typeKey(key);
  const continuedAt = Date.now();
  await customer.continueButton.click();

  await expect(customer.consentQuestion(identity)).toBeVisible();
  await expect(session.status).toHaveText('The customer entered the key');
  const sharedAt = Date.now();
  await customer.shareButton.click();

  await expect(customer.sharingBar(identity.displayName)).toBeVisible({ timeout: 30_000 });
  const frameAt = await firstFrameAt(agent.page);
  await expect(session.status).toHaveText("Sharing: you can see the customer's screen");
  const picture = await waitForPicture(session.video, minWidth);
  return {
    session,
    agentName: identity.displayName,
    picture,
    continueToFirstFrameMs: frameAt - continuedAt,
    shareToFirstFrameMs: frameAt - sharedAt,
  };
}

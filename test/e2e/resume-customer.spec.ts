import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { expectPictureMoves, firstFrameAt, waitForPicture, watchForFirstFrame } from './pages/videoProbe';
import { shareScreen } from './shareFlow';

/**
 * Issue 6, reconnect and resume, from the customer's side: a reload mid-share and a signaling
 * connection that is cut for 10 s. Neither needs a new key; the agent's panel stays the same one.
 */
const SHARING = "Sharing: you can see the customer's screen";
const AGENT_AWAY = "Reconnecting… The customer's connection dropped; waiting for them to come back.";

test.describe('resume: the customer', () => {
  test('reloads the page mid-share: one click continues, and the agent sees the picture again without a new key', async ({ agent, customer, fakeShare: sharing }) => {
    const panels = agent.page.getByRole('region', { name: /^Screen share \d+$/ });

    await customer.page.reload();
    const again = customer.page.getByRole('heading', { name: `Continue sharing with ${sharing.agentName}` });
    await expect(again, 'the reloaded page picks the session up instead of asking for a key').toBeVisible();
    await expect(customer.keyField).toBeHidden();
    await expect(sharing.session.status).toHaveText('The customer is choosing what to share');

    await watchForFirstFrame(agent.page);
    await customer.page.getByRole('button', { name: 'Continue sharing' }).click();
    await expect(customer.sharingBar(sharing.agentName)).toBeVisible({ timeout: 30_000 });
    await firstFrameAt(agent.page);
    await expect(sharing.session.status).toHaveText(SHARING);
    await waitForPicture(sharing.session.video, 640);
    await expectPictureMoves(sharing.session.video, 'the picture moves again');
    await expect(panels, 'the same panel, no new session').toHaveCount(1);
    await expect(sharing.session.keyElement).toBeHidden();
  });

  test.describe('behind a proxy that cuts the signaling connection', () => {
    let proxy: TcpProxy | undefined;
    test.afterEach(async () => {
      await proxy?.close();
      proxy = undefined;
    });

    test('for 10 s: the picture keeps flowing, both see Reconnecting…, then all is back to normal', async ({
      server,
      agentContext,
      fakeCustomerContext,
    }) => {
      proxy = await startTcpProxy([Number(new URL(server.url).port)]);
      const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
      const customer = await CustomerPage.open(await fakeCustomerContext(), `${proxy.url}/`);
      const sharing = await shareScreen(agent, customer, 640);
      const reconnecting = customer.page.getByText('Reconnecting…', { exact: true });

      proxy.sever();
      await expect(reconnecting, 'the customer is told').toBeVisible();
      await expect(sharing.session.status, 'the agent is told').toHaveText(AGENT_AWAY);
      // Media is peer to peer: with only signaling down, frames keep arriving the whole time.
      await expectPictureMoves(sharing.session.video, 'frames arrive at the agent while signaling is cut');
      await expect(reconnecting, 'still cut: still reconnecting').toBeVisible();

      proxy.restore();
      await expect(reconnecting).toBeHidden({ timeout: 20_000 });
      await expect(customer.sharingBar(sharing.agentName)).toBeVisible();
      await expect(sharing.session.status).toHaveText(SHARING);
      await expectPictureMoves(sharing.session.video);

      await customer.stopButton.click();
      await expect(sharing.session.status, 'signaling works again: the stop reaches the agent').toHaveText('Ended by the customer');
    });
  });
});

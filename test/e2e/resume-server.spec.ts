import { redisServerMissing, startRedisServer, type RedisServer } from '../support/redisServer';
import { createDatabase, postgresServerMissing, startPostgresServer, type PostgresServer } from '../support/postgresServer';

import { startServer, type RunningServer } from '../support/server';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { expectPictureMoves } from './pages/videoProbe';
import { shareScreen } from './shareFlow';

/**
 * Issue 6 (and issue 7's fault case): the signaling server dies in the middle of a share. Media
 * is peer to peer, so the picture keeps flowing; what happens next depends on whether another
 * node can take over.
 */
const SHARING = "Sharing: you can see the customer's screen";
const RECONNECTING = 'Reconnecting…';

const portOf = (server: RunningServer) => Number(new URL(server.url).port);

test.describe('resume: a server node is killed mid-share', () => {
  let redis: RedisServer | undefined;
  let postgres: PostgresServer | undefined;
  const servers: RunningServer[] = [];
  let proxy: TcpProxy | undefined;
  test.afterEach(async () => {
    await proxy?.close();
    for (const server of servers.splice(0)) await server.stop();
    await redis?.stop();
    await postgres?.stop();
    proxy = undefined;
    redis = undefined;
    postgres = undefined;
  });

  test('two nodes with Redis: both people see Reconnecting…, the picture keeps flowing, and they carry on through the other node', async ({
    agentContext,
    fakeCustomerContext,
  }) => {
    const missing = redisServerMissing();
    test.skip(missing !== undefined, missing);
    const noPostgres = postgresServerMissing();
    test.skip(noPostgres !== undefined, noPostgres);
    redis = await startRedisServer();
    postgres = await startPostgresServer();
    // Several nodes share one PostgreSQL (required with REDIS_URL).
    const cluster = { REDIS_URL: redis.url, DATABASE_URL: await createDatabase(postgres.url) };
    const nodeA = await startServer(cluster);
    servers.push(nodeA);
    const nodeB = await startServer(cluster);
    servers.push(nodeB);
    // The proxy plays the load balancer: everything goes to node A while it lives, then to B.
    proxy = await startTcpProxy([portOf(nodeA), portOf(nodeB)]);

    const agent = await AgentConsole.signIn(await agentContext(), `${proxy.url}/agent`);
    const customer = await CustomerPage.open(await fakeCustomerContext(), `${proxy.url}/`);
    const sharing = await shareScreen(agent, customer, 640);
    expect(proxy.connectionsTo.get(portOf(nodeB)) ?? 0, 'nobody used node B so far').toBe(0);

    await nodeA.crash();
    await expect(agent.page.getByText(RECONNECTING).first(), 'the agent is told').toBeVisible();
    await expect(customer.page.getByText(RECONNECTING, { exact: true }), 'the customer is told').toBeVisible();
    await expectPictureMoves(sharing.session.video, 'the picture keeps flowing without the server');

    await expect(customer.page.getByText(RECONNECTING, { exact: true })).toBeHidden({ timeout: 30_000 });
    await expect(customer.sharingBar(sharing.agentName)).toBeVisible();
    await expect(sharing.session.status).toHaveText(SHARING, { timeout: 30_000 });
    expect(proxy.connectionsTo.get(portOf(nodeB)) ?? 0, 'both came back through node B').toBeGreaterThanOrEqual(2);
    await expectPictureMoves(sharing.session.video);

    await sharing.session.endSession();
    await expect(customer.message(`${sharing.agentName} ended the screen share.`)).toBeVisible();
  });

  test('one server without Redis: the picture keeps flowing, both see Reconnecting…, and after the grace period a clear end', async ({
    agentContext,
    fakeCustomerContext,
  }) => {
    const graceSeconds = 8;
    const server = await startServer({ RESUME_GRACE_SECONDS: String(graceSeconds) });
    servers.push(server);
    const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
    const customer = await CustomerPage.open(await fakeCustomerContext(), server.customerUrl);
    const sharing = await shareScreen(agent, customer, 640);

    await server.crash();
    await expect(sharing.session.status, 'the agent is told').toHaveText(RECONNECTING);
    await expect(customer.page.getByText(RECONNECTING, { exact: true }), 'the customer is told').toBeVisible();
    await expectPictureMoves(sharing.session.video, 'the picture keeps flowing without the server');

    // Nobody can take over: once the grace period is over, both pages say it has ended.
    const endedWithin = (graceSeconds + 15) * 1000;
    await expect(customer.message('The connection was lost.')).toBeVisible({ timeout: endedWithin });
    await expect(sharing.session.status).toHaveText('Connection to the server was lost', { timeout: endedWithin });
    await expect(sharing.session.video, 'no stale picture stays on the console').toBeHidden();
  });
});

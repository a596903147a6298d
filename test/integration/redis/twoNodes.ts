import { startTestServer, type TestServer } from '../harness';

/** Two signaling server nodes in this process, each on its own port, sharing one Redis. */
export async function startTwoNodes(
  redisUrl: string,
  env: Record<string, string> = {},
): Promise<[TestServer, TestServer]> {
  const a = await startTestServer({ REDIS_URL: redisUrl, ...env });
  try {
    const b = await startTestServer({ REDIS_URL: redisUrl, ...env });
    return [a, b];
  } catch (error) {
    await a.close();
    throw error;
  }
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  readonly id: string;
  readonly type: string;
  readonly sessionId: string | null;
  readonly body: Record<string, unknown>;
}

/**
 * A webhook receiver as a CRM would run one: an HTTP server on port 0 that verifies every request
 * with the standardwebhooks package and answers 204, or `status` while `down` (or a hang while slow).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  readonly rejected: string[] = [];
  /** The webhook-id of every request that arrived, answered or not (e.g. one left hanging by a crash). */
  readonly arrived: string[] = [];
  /** Answer with this status instead of accepting (e.g. 503 while "down"). */
  failWith: number | null = null;
  /** Never answer (a slow receiver). */
  hang = false;
  private waiters: Array<() => void> = [];
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.arrived.push(String(request.headers['webhook-id']));
      if (this.hang) return void this.wakeAll();
      if (this.failWith !== null) {
        response.writeHead(this.failWith).end();
        return void this.wakeAll();
      }
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const verified = this.verifier?.verify(body, request.headers as Record<string, string>) as { type: string; data: { sessionId: string | null } };
        this.received.push({ id: String(request.headers['webhook-id']), type: verified.type, sessionId: verified.data.sessionId, body: verified as unknown as Record<string, unknown> });
        response.writeHead(204).end();
      } catch (error) {
        this.rejected.push((error as Error).message);
        response.writeHead(400).end();
      }
      this.wakeAll();
    });
  });
  private verifier: Webhook | undefined;

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  trust(secret: string): void {
    this.verifier = new Webhook(secret);
  }

  /** Resolves once `count` webhooks were accepted. */
  async waitFor(count: number, timeoutMs = 20_000): Promise<ReceivedWebhook[]> {
    await this.until(() => this.received.length >= count, timeoutMs, () => `only ${this.received.length} of ${count} webhooks arrived: ${JSON.stringify(this.received.map((r) => r.type))}`);
    return this.received;
  }

  /** Resolves once `count` requests arrived, whatever the answer (or none). */
  async waitForArrivals(count: number, timeoutMs = 20_000): Promise<string[]> {
    await this.until(() => this.arrived.length >= count, timeoutMs, () => `only ${this.arrived.length} of ${count} webhook requests arrived`);
    return this.arrived;
  }

  private wakeAll(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private async until(done: () => boolean, timeoutMs: number, failure: () => string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(failure());
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

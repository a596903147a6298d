import WebSocket from 'ws';

/**
 * A CPU profile of a server process over one measurement window, through the V8 inspector the
 * process was started with (--inspect=127.0.0.1:0), summarised as self time per part of the stack.
 */
export interface CpuShare {
  part: string;
  percent: number;
}

/** A function's own (self) time in a profile. */
export interface FunctionShare {
  fn: string;
  percent: number;
}

export interface CpuProfileSummary {
  parts: CpuShare[];
  /** The functions with the most self time, "name (file:line)". */
  topFunctions: FunctionShare[];
}

interface ProfileNode {
  id: number;
  hitCount?: number;
  callFrame: { functionName: string; url: string; lineNumber?: number };
}

export class InspectorSession {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id !== undefined) this.pending.get(message.id)?.(message.result);
    });
  }

  static connect(url: string): Promise<InspectorSession> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new InspectorSession(socket)));
      socket.once('error', reject);
    });
  }

  call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  async profile(during: () => Promise<void>): Promise<CpuProfileSummary> {
    await this.call('Profiler.enable');
    await this.call('Profiler.setSamplingInterval', { interval: 200 });
    await this.call('Profiler.start');
    await during();
    const { profile } = (await this.call('Profiler.stop')) as { profile: { nodes: ProfileNode[] } };
    return { parts: summarise(profile.nodes), topFunctions: topFunctions(profile.nodes, 15) };
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * A full garbage collection in the server process (through its inspector), so an RSS reading
 * after it does not depend on when V8 last collected (e.g. the garbage of a database start).
 */
export async function collectGarbage(inspectorUrl: string | undefined): Promise<void> {
  if (!inspectorUrl) return;
  const inspector = await InspectorSession.connect(inspectorUrl);
  try {
    await inspector.call('HeapProfiler.collectGarbage');
  } finally {
    inspector.close();
  }
}

function partOf({ functionName, url }: ProfileNode['callFrame']): string | undefined {
  if (functionName === '(idle)') return undefined;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8/native (program)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (module) return `${module}${module === 'zod' ? ' (validation)' : module === 'ws' ? ' (WebSocket framing)' : ''}`;
  if (url.startsWith('node:')) return 'Node core (net, streams, timers)';
  if (/\/server\/(main|server)\.js$/.test(url)) return 'our server code';
  if (url === '') return builtIn(functionName);
  return url;
}

/** Native functions, named by what they do for a relay. */
function builtIn(name: string): string {
  if (/^(writev|writeBuffer|writeUtf8String|writeLatin1String|WriteWrap|readStart|onStreamRead)$/.test(name)) {
    return 'socket writes (syscalls, UTF-8 encoding, loopback TCP)';
  }
  if (name === 'parse' || name === 'stringify') return 'JSON parse/stringify';
  if (name === 'runMicrotasks') return 'promise jobs';
  return 'other built-ins';
}

function summarise(nodes: ProfileNode[]): CpuShare[] {
  const hits = new Map<string, number>();
  let total = 0;
  for (const node of nodes) {
    const part = partOf(node.callFrame);
    if (!part || !node.hitCount) continue;
    hits.set(part, (hits.get(part) ?? 0) + node.hitCount);
    total += node.hitCount;
  }
  return [...hits.entries()]
    .map(([part, count]) => ({ part, percent: (count / total) * 100 }))
    .sort((a, b) => b.percent - a.percent);
}

function functionName({ functionName, url, lineNumber }: ProfileNode['callFrame']): string {
  const file = url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/');
  return file ? `${functionName || '(anonymous)'} (${file}:${(lineNumber ?? 0) + 1})` : functionName || '(anonymous)';
}

function topFunctions(nodes: ProfileNode[], count: number): FunctionShare[] {
  const hits = new Map<string, number>();
  let total = 0;
  for (const node of nodes) {
    if (!node.hitCount || node.callFrame.functionName === '(idle)') continue;
    const name = functionName(node.callFrame);
    hits.set(name, (hits.get(name) ?? 0) + node.hitCount);
    total += node.hitCount;
  }
  return [...hits.entries()]
    .map(([fn, hit]) => ({ fn, percent: (hit / total) * 100 }))
    .sort((a, b) => b.percent - a.percent)
    .slice(0, count);
}

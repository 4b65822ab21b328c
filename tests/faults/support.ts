import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, createServer as createHttpServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import { createServer } from 'node:net';

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until the check passes; throws with the label when it does not in time. */
export async function until(label: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${label}`);
    await sleep(everyMs);
  }
}

/** A throw-away redis-server on a loopback port, no persistence: a restart comes back empty. */
export class RedisProcess {
  private child?: ChildProcess;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Ready to accept connections/i.test(output)) resolve();
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
    });
  }

  /** SIGKILL: the server vanishes the way a crashed or restarted instance does. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

/** Hop-by-hop headers: they describe one connection and are not forwarded (RFC 9110, 7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

/**
 * A round-robin HTTP forwarder on a loopback port, the way a load balancer
 * sits in front of API replicas. It counts, per upstream, the answers that
 * upstream actually gave; a request it could not deliver (refused, reset)
 * is answered 502 by the forwarder and listed in `undelivered` instead.
 */
export class RoundRobinForwarder {
  /** Answers received from each upstream, in the order of `upstreamPorts`. */
  readonly answered: number[];
  /** Why requests went undelivered (error codes such as ECONNREFUSED), with the upstream's index. */
  readonly undelivered: Array<{ upstream: number; code: string }> = [];
  url = '';
  private next = 0;
  private readonly server: Server;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 32 });

  constructor(readonly upstreamPorts: number[]) {
    this.answered = upstreamPorts.map(() => 0);
    this.server = createHttpServer((incoming, outgoing) => {
      const index = this.next++ % upstreamPorts.length;
      const upstream = request(
        {
          host: '127.0.0.1',
          port: upstreamPorts[index],
          method: incoming.method,
          path: incoming.url,
          headers: endToEnd(incoming.headers),
          agent: this.agent,
        },
        (answer) => {
          this.answered[index]++;
          outgoing.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
          answer.pipe(outgoing);
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        this.undelivered.push({ upstream: index, code: error.code ?? error.message });
        if (outgoing.headersSent) outgoing.destroy();
        else outgoing.writeHead(502).end();
      });
      incoming.pipe(upstream);
    });
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

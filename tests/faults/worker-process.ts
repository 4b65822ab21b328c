import { type ChildProcess, spawn } from 'node:child_process';

/**
 * A Werkbrug process started the way production starts it (src/main.ts),
 * compiled on the fly by @swc-node/register, with its own environment.
 */
export class WerkbrugProcess {
  readonly child: ChildProcess;
  output = '';
  private exited = false;

  constructor(env: Record<string, string>) {
    const inherited = { ...process.env };
    delete inherited.NODE_OPTIONS;
    this.child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
      env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'warn', MIGRATIONS_RUN: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.child.once('exit', () => {
      this.exited = true;
    });
  }

  /** Resolves when the process printed its banner; rejects if it exits first. */
  ready(timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`process not ready in time:\n${this.output}`)), timeoutMs);
      const check = () => {
        if (/Werkbrug is running/.test(this.output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      this.child.stdout!.on('data', check);
      this.child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`process exited (${code}) before it was ready:\n${this.output}`));
      });
      check();
    });
  }

  /** Resolves with the signal or exit code once the process has ended (by itself or killed). */
  ended(): Promise<NodeJS.Signals | number | null> {
    if (this.exited) return Promise.resolve(this.child.signalCode ?? this.child.exitCode);
    return new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(signal ?? code)));
  }

  /** kill -9: no shutdown hooks, no lock release, the way a crashed container dies. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.exited) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill(signal);
    });
  }
}

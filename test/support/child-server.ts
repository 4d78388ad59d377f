// The real server as a child process (`node bin/minsheng.mjs serve --api-only`) on its own database, for tests
// that must kill it: a temporary DATA_DIR for SQLite, or a fresh PostgreSQL database on DATABASE_URL's server
// (dropped by dispose()). The test reads the same database directly through openDb().
//
// --api-only (MINSHENG_API_ONLY=1): the API without building or serving the web app, so that a start never waits
// for (or fails on) a Vite build of web sources that other work may be changing.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Engine } from '../../src/server/platform/db/database.ts';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(PROJECT_ROOT, 'bin/minsheng.mjs');

// ---- the database a child server runs on -------------------------------------------------------

export interface ServerEnvironment {
  engine: Engine;
  /** DATA_DIR, MINSHENG_DATA_KEY and (PostgreSQL) DATABASE_URL, as the child gets them */
  env: Record<string, string>;
  dataDir: string;
  sqlitePath: string;
  databaseUrl: string | undefined;
  /** the personal-data key the server encrypts with (MINSHENG_DATA_KEY) */
  key: Buffer;
  openDb(options?: { poolSize?: number }): DatabaseHandle;
  dispose(): Promise<void>;
}

async function pgAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh empty database: SQLite in a temporary directory, or `crash_<random>` on DATABASE_URL's server. */
export async function createServerEnvironment(engine: Engine, label = 'crash'): Promise<ServerEnvironment> {
  const dataDir = mkdtempSync(join(tmpdir(), `minsheng-${label}-`));
  const key = randomBytes(32);
  const env: Record<string, string> = { DATA_DIR: dataDir, MINSHENG_DATA_KEY: key.toString('base64') };
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (engine === 'postgres') {
    const base = process.env.DATABASE_URL;
    if (!base) throw new Error('MINSHENG_TEST_ENGINE=postgres needs DATABASE_URL');
    const name = `${label}_${randomBytes(5).toString('hex')}`;
    await pgAdmin(base, (c) => c.query(`create database ${name}`));
    const url = new URL(base);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    env.DATABASE_URL = databaseUrl;
    dropDatabase = () => pgAdmin(base, async (c) => {
      await c.query(`drop database if exists ${name} with (force)`);
    });
  }
  const sqlitePath = join(dataDir, 'minsheng.sqlite');
  return {
    engine, env, dataDir, sqlitePath, databaseUrl, key,
    openDb: (options = {}) => (databaseUrl ? openDatabase({ databaseUrl, poolSize: options.poolSize ?? 4 }) : openDatabase({ sqlitePath })),
    async dispose() {
      await dropDatabase?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---- ports and plain HTTP -----------------------------------------------------------------------

/** A TCP port nobody listens on right now (serve prints PORT, not the bound port, so PORT=0 would hide it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface PlainResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on its own connection (no keep-alive), optionally from a chosen loopback address. */
export function request(url: string, options: { method?: string; body?: unknown; headers?: Record<string, string>; localAddress?: string; timeoutMs?: number } = {}): Promise<PlainResponse> {
  return new Promise((resolveResponse, reject) => {
    const payload = options.body === undefined ? undefined : Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
    const req = http.request(url, {
      method: options.method ?? (payload ? 'POST' : 'GET'),
      agent: false,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), connection: 'close', ...options.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolveResponse({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}

// ---- the child ----------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The environment a child gets: ours without anything that would point it elsewhere, plus the server's. */
function childEnv(environment: ServerEnvironment, port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'MINSHENG_NO_DEMO', 'MINSHENG_DATA_KEY', 'MINSHENG_DATA_KEY_FILE', 'MINSHENG_TEST_ENGINE', 'MINSHENG_API_ONLY', 'NODE_OPTIONS', 'LOG_LEVEL']) delete env[name];
  return { ...env, ...environment.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extra };
}

export class ChildServer {
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #lines: string[] = [];
  #process: ChildProcess;
  #done = false;

  private constructor(child: ChildProcess, port: number) {
    this.#process = child;
    this.url = `http://127.0.0.1:${port}`;
    const keep = (chunk: Buffer) => {
      this.#lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.#lines.length > 400) this.#lines.splice(0, this.#lines.length - 400);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolveExit) => child.once('exit', (code, signal) => {
      this.#done = true;
      resolveExit({ code, signal });
    }));
  }

  /** Spawns `node bin/minsheng.mjs serve --api-only` (plus `args`) without waiting for it to answer. */
  static spawn(environment: ServerEnvironment, port: number, options: { args?: string[]; env?: Record<string, string> } = {}): ChildServer {
    const child = spawn(process.execPath, [BIN, 'serve', '--api-only', ...(options.args ?? [])], { cwd: PROJECT_ROOT, env: childEnv(environment, port, options.env ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
    return new ChildServer(child, port);
  }

  /** Spawns and waits until GET /health answers 200. */
  static async start(environment: ServerEnvironment, port: number, options: { args?: string[]; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<ChildServer> {
    const server = ChildServer.spawn(environment, port, options);
    await server.waitForHealth(options.timeoutMs ?? 90_000);
    return server;
  }

  get pid(): number {
    return this.#process.pid ?? -1;
  }

  get running(): boolean {
    return !this.#done;
  }

  output(last = 40): string {
    return this.#lines.slice(-last).join('\n');
  }

  async waitForHealth(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.#done) throw new Error(`the server exited before answering /health:\n${this.output()}`);
      try {
        const response = await request(`${this.url}/health`, { timeoutMs: 1000 });
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(40);
    }
    throw new Error(`no /health from ${this.url} within ${timeoutMs} ms:\n${this.output()}`);
  }

  /** kill -9, and wait until the process is gone. */
  async kill9(): Promise<void> {
    if (this.#done) return;
    this.#process.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (serve closes the app and the database), SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.#done) {
      this.#process.kill('SIGTERM');
      const timer = setTimeout(() => this.#process.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exited;
  }
}

/** `node bin/minsheng.mjs <args>` on the environment's database; resolves with the exit code and output. */
export function runCli(environment: ServerEnvironment, args: string[], timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: PROJECT_ROOT, env: childEnv(environment, 0, {}), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`minsheng ${args.join(' ')} took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}

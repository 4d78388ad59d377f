// Configuration comes from the environment only; README.md lists every variable.
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Requests per minute per address on public intake and sign-in endpoints, unless configured. */
export const DEFAULT_PUBLIC_RATE_LIMIT = 30;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  loadDemo: boolean;
  cookieSecure: boolean;
  logLevel: string;
  personalDataKey: Buffer;
  publicUrl: string;
  /** requests per minute per address on public and sign-in endpoints */
  publicRateLimit: number;
}

function parsePositive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got ${value}`);
  return n;
}

function parsePort(value: string | undefined): number {
  const port = Number(value ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0–65535, got ${value}`);
  return port;
}

/** The key comes from MINSHENG_DATA_KEY (base64, 32 bytes) or a key file made on first start. */
function loadPersonalDataKey(dataDir: string, env: NodeJS.ProcessEnv): Buffer {
  if (env.MINSHENG_DATA_KEY) {
    const key = Buffer.from(env.MINSHENG_DATA_KEY, 'base64');
    if (key.length !== 32) throw new Error('MINSHENG_DATA_KEY must be 32 bytes, base64-encoded');
    return key;
  }
  const keyFile = env.MINSHENG_DATA_KEY_FILE ?? join(dataDir, 'data.key');
  if (!existsSync(keyFile)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    chmodSync(keyFile, 0o600);
  }
  const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${keyFile} does not hold a 32-byte base64 key`);
  return key;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<{ noDemo: boolean }> = {}): Config {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const port = parsePort(env.PORT);
  const host = env.HOST ?? '127.0.0.1';
  return {
    port,
    host,
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    loadDemo: !(overrides.noDemo || env.MINSHENG_NO_DEMO === '1' || env.MINSHENG_NO_DEMO === 'true'),
    cookieSecure: env.MINSHENG_COOKIE_SECURE === '1' || env.MINSHENG_COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    personalDataKey: loadPersonalDataKey(dataDir, env),
    publicUrl: env.MINSHENG_PUBLIC_URL ?? `http://${host}:${port}`,
    publicRateLimit: parsePositive(env.MINSHENG_PUBLIC_RATE_LIMIT, 'MINSHENG_PUBLIC_RATE_LIMIT', DEFAULT_PUBLIC_RATE_LIMIT),
  };
}

// config → db → migrate → tenant → buildApp → listen, plus the two background loops.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { PersonalDataCipher } from './platform/crypto/personal-data-cipher.ts';
import { systemClock, type Clock } from '../shared/time/clock.ts';
import { caseModules } from '../modules/registry.ts';
import { allMigrations } from './migrations.ts';
import { ensureTenant } from './core/tenancy/tenant.service.ts';
import { buildApp } from './app.ts';
import { ensureWebBuilt } from './web-build.ts';
import type { Deps } from './deps.ts';
import { drainOutbox } from './platform/outbox/outbox.worker.ts';
import { logDelivery, messageTemplates } from './platform/outbox/delivery.ts';
import { sweepDeadlines } from './core/cases/deadline-engine.ts';
import { DEMO_PASSWORD, DEMO_STAFF } from './core/jurisdictions/demo-district.data.ts';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = join(PROJECT_ROOT, 'dist/web');

/** PII never reaches the log: these paths are redacted by pino. */
export const LOG_REDACT = ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'];

export function sqlitePathFor(config: Config) {
  return join(config.dataDir, 'minsheng.sqlite');
}

export async function openDeps(config: Config, clock: Clock = systemClock, options: { loadDemo?: boolean } = {}) {
  const handle = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: sqlitePathFor(config) });
  await migrateToLatest(handle.db, handle.engine, allMigrations(caseModules));
  const cipher = new PersonalDataCipher(config.personalDataKey);
  // A new district is set up in one transaction with its modules' catalogues and demo data (see ensureTenant).
  const tenant = await ensureTenant({ db: handle.db, engine: handle.engine, cipher, now: () => clock.now() }, options.loadDemo ?? config.loadDemo,
    (db, tenantId, demo) => setUpModules({ db, engine: handle.engine, clock, cipher, tenantId, modules: caseModules }, demo));
  const deps: Deps = { db: handle.db, engine: handle.engine, clock, cipher, tenantId: tenant.id, modules: caseModules };
  return { deps, tenant, close: handle.close };
}

/** A new district gets each module's catalogue, and in the demo its demo data. */
export async function setUpModules(deps: Deps, demo: boolean) {
  for (const module of deps.modules) await module.install?.(deps);
  if (demo) for (const module of deps.modules) await module.seedDemo?.(deps);
}

/** `apiOnly`: no web app (not built, not served), for API gateways and process-level tests. */
export async function serve(options: { noDemo?: boolean; apiOnly?: boolean } = {}) {
  const config = loadConfig(process.env, { noDemo: options.noDemo ?? false });
  const apiOnly = options.apiOnly || process.env.MINSHENG_API_ONLY === '1';
  if (!apiOnly) await ensureWebBuilt(PROJECT_ROOT, WEB_DIR, (line) => console.log(line));
  const { deps, tenant, close } = await openDeps(config);
  const app = await buildApp(deps, { logger: { level: config.logLevel, redact: LOG_REDACT }, cookieSecure: config.cookieSecure, webDir: apiOnly ? undefined : WEB_DIR, publicRateLimit: config.publicRateLimit });
  await app.listen({ port: config.port, host: config.host });
  // The port actually bound (PORT=0 asks the system for a free one).
  const bound = app.server.address();
  const port = bound && typeof bound === 'object' ? bound.port : config.port;
  const address = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  // Deadlines are data; these loops only decide how often we look at them.
  const deliver = logDelivery(app.log, messageTemplates(deps.modules));
  const outboxLoop = setInterval(() => void drainOutbox(deps, deliver).catch((err) => app.log.error({ err }, 'outbox drain failed')), 2_000);
  const sweepLoop = setInterval(() => void sweepDeadlines(deps).catch((err) => app.log.error({ err }, 'deadline sweep failed')), 60_000);

  console.log(`\nMinsheng 民生 is running at ${address}  (database: ${deps.engine})`);
  if (tenant.demo) {
    const shown = ['admin', 'dispatcher', 'leader', 'gulou.handler', 'gulou.worker', 'changhuali.worker', 'civil.handler', 'auditor'];
    console.log(`Demo accounts (password for all: ${DEMO_PASSWORD}):`);
    for (const username of shown) {
      const staff = DEMO_STAFF.find((s) => s.username === username);
      if (staff) console.log(`  ${username.padEnd(20)} ${staff.role.padEnd(20)} ${staff.displayName}`);
    }
    console.log('Residents sign in with a demo phone number, e.g. 19900010001; the code appears in this log.\n');
  } else if (tenant.created) {
    console.log('The district is empty. Create an administrator: npx minsheng user add --username admin --role admin\n');
  }

  const shutdown = async () => {
    clearInterval(outboxLoop);
    clearInterval(sweepLoop);
    await app.close();
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  return { app, deps, address };
}

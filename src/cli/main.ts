// minsheng serve | migrate | seed | sweep | calendar due | audit verify | user add | backup | restore | openapi
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/platform/db/database.ts';
import { listMigrations, migrateDown, migrateToLatest } from '../server/platform/db/migrator.ts';
import { allMigrations } from '../server/migrations.ts';
import { caseModules } from '../modules/registry.ts';
import { openDeps, PROJECT_ROOT, serve, sqlitePathFor } from '../server/main.ts';
import { FixedClock, systemClock } from '../shared/time/clock.ts';
import { sweepDeadlines } from '../server/core/cases/deadline-engine.ts';
import { verifyAuditChain } from '../server/platform/audit/audit.repository.ts';
import { calendarDueCommand } from '../server/platform/calendar/due-command.ts';
import { addUserCommand } from './user-add.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { benchCommand, BENCH_HELP } from './bench-generate.ts';
import { buildApp } from '../server/app.ts';
import { DomainError } from '../shared/errors.ts';

const HELP: Record<string, string> = {
  serve: 'minsheng serve [--no-demo] [--api-only]\n  Start the server (PORT, HOST, DATA_DIR, DATABASE_URL). An empty database gets the demo district unless --no-demo or MINSHENG_NO_DEMO=1.\n  --api-only (or MINSHENG_API_ONLY=1) serves the API without building or serving the web app.',
  migrate: 'minsheng migrate [up | down [--steps N | --all] | status]\n  Apply (default), roll back or list the core and module migrations.',
  seed: 'minsheng seed [--no-demo]\n  Create the district on an empty database: the demo district, or an empty district root with --no-demo.',
  sweep: 'minsheng sweep [--now ISO-8601]\n  Run the deadline engine once, as if at --now (default: the current time). Prints what fired.',
  calendar: 'minsheng calendar due --from YYYY-MM-DD (--working-days N | --calendar-days N)\n  Print the due date on the statutory calendar.',
  audit: 'minsheng audit verify\n  Recompute the audit hash chain; exits 1 and names the first bad row when a row was edited or deleted.',
  user: 'minsheng user add --username NAME --role ROLE [--jurisdiction CODE] [--name DISPLAY] [--password PASSWORD]\n  Create a staff account (a password is generated and printed when none is given).',
  backup: 'minsheng backup --out FILE\n  Write a logical backup (gzipped JSON lines, every table) that restores into either engine.',
  restore: 'minsheng restore --from FILE\n  Load a backup into an empty database (migrated first).',
  bench: BENCH_HELP,
  openapi: 'minsheng openapi [--write]\n  Print the OpenAPI document, or write it to openapi.json.',
};

function usage(): string {
  return ['Usage: minsheng <command> [options]', '', ...Object.values(HELP).map((h) => h.split('\n').map((l, i) => (i === 0 ? `  ${l}` : `  ${l}`)).join('\n'))].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(usage());
    return command ? 0 : 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(HELP[command] ?? usage());
    return HELP[command] ? 0 : 2;
  }
  try {
    switch (command) {
      case 'serve': {
        const { values } = parseArgs({ args: rest, options: { 'no-demo': { type: 'boolean' }, 'api-only': { type: 'boolean' } } });
        await serve({ noDemo: values['no-demo'] ?? false, apiOnly: values['api-only'] ?? false });
        return 0;
      }
      case 'migrate': return await migrateCommand(rest);
      case 'seed': {
        const { values } = parseArgs({ args: rest, options: { 'no-demo': { type: 'boolean' } } });
        const config = loadConfig(process.env, { noDemo: values['no-demo'] ?? false });
        const { tenant, close } = await openDeps(config);
        console.log(tenant.created ? `Created the ${tenant.demo ? 'demo' : 'empty'} district.` : 'The database already has a district; nothing changed.');
        await close();
        return 0;
      }
      case 'sweep': {
        const { values } = parseArgs({ args: rest, options: { now: { type: 'string' } } });
        const clock = values.now ? new FixedClock(values.now) : systemClock;
        const { deps, close } = await openDeps(loadConfig(), clock, { loadDemo: false });
        const result = await sweepDeadlines(deps);
        console.log(`Swept at ${clock.now().toISOString()}: ${result.fired} timers due, ${result.acted} acted on, ${result.stale} no longer relevant.`);
        await close();
        return 0;
      }
      case 'calendar': {
        if (rest[0] !== 'due') {
          console.error(HELP.calendar);
          return 2;
        }
        return calendarDueCommand(rest.slice(1), (line) => console.log(line));
      }
      case 'audit': {
        if (rest[0] !== 'verify') {
          console.error(HELP.audit);
          return 2;
        }
        const { deps, close } = await openDeps(loadConfig(), systemClock, { loadDemo: false });
        const verdict = await verifyAuditChain(deps.db, deps.tenantId);
        await close();
        if (verdict.ok) {
          console.log(`Audit chain intact: ${verdict.rows} rows.`);
          return 0;
        }
        console.error(`Audit chain broken at row ${verdict.firstBadSeq}: ${verdict.reason}`);
        return 1;
      }
      case 'user': {
        if (rest[0] !== 'add') {
          console.error(HELP.user);
          return 2;
        }
        return await addUserCommand(rest.slice(1));
      }
      case 'backup': return await backupCommand(rest);
      case 'restore': return await restoreCommand(rest);
      case 'bench': return await benchCommand(rest);
      case 'openapi': {
        const { values } = parseArgs({ args: rest, options: { write: { type: 'boolean' } } });
        const document = await openApiDocument();
        if (values.write) writeFileSync(join(PROJECT_ROOT, 'openapi.json'), document);
        else console.log(document);
        return 0;
      }
      default:
        console.error(`Unknown command "${command}".\n\n${usage()}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof DomainError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (error as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      console.error(`${(error as Error).message}\n\n${HELP[command] ?? ''}`);
      return 2;
    }
    throw error;
  }
}

async function migrateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { steps: { type: 'string' }, all: { type: 'boolean' } } });
  const config = loadConfig();
  const handle = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: sqlitePathFor(config) });
  const migrations = allMigrations(caseModules);
  try {
    const action = positionals[0] ?? 'up';
    if (action === 'up') {
      const result = await migrateToLatest(handle.db, handle.engine, migrations);
      const applied = result.results?.map((r) => r.migrationName) ?? [];
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
    } else if (action === 'down') {
      const steps = values.all ? Infinity : Number(values.steps ?? 1);
      if (!Number.isInteger(steps) && steps !== Infinity) throw new DomainError('validation_failed', '--steps must be a whole number');
      const results = await migrateDown(handle.db, handle.engine, migrations, steps);
      console.log(results.length ? `Rolled back: ${results.map((r) => r.migrationName).join(', ')}` : 'Nothing to roll back.');
    } else if (action === 'status') {
      for (const m of await listMigrations(handle.db, handle.engine, migrations)) console.log(`${m.executedAt ? 'applied ' : 'pending '} ${m.name}`);
    } else {
      console.error(HELP.migrate);
      return 2;
    }
    return 0;
  } finally {
    await handle.close();
  }
}

/** The OpenAPI document of a fully built app, on a throwaway in-memory database. */
export async function openApiDocument(): Promise<string> {
  const handle = openDatabase({ sqlitePath: ':memory:' });
  const { PersonalDataCipher } = await import('../server/platform/crypto/personal-data-cipher.ts');
  const app = await buildApp({ db: handle.db, engine: handle.engine, clock: systemClock, cipher: new PersonalDataCipher(Buffer.alloc(32)), tenantId: 'openapi', modules: caseModules });
  const document = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  await handle.close();
  return document;
}

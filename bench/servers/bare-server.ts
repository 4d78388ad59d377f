// The stack's ceiling for a write route: Fastify, Kysely and the same engine with the app's settings
// (SQLite in WAL with synchronous=NORMAL; PostgreSQL through a pool of 10), one POST that inserts one row.
// Listens on PORT (or a free port), printing {"port":N}; GET /health answers as the app's does. With
// BENCH_BARE_TABLE=1 it creates its table first; GET /cases/open-by-due reads one unit's open cases by due date
// through the kernel's inbox index (the ideal inbox query) from a district database.
import Fastify from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../../src/server/config.ts';
import { sqlitePathFor } from '../../src/server/main.ts';
import { openDatabase } from '../../src/server/platform/db/database.ts';
import { newId } from '../../src/shared/ids.ts';

const PAGE_SIZE = 20;
const config = loadConfig(process.env);
const handle = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: sqlitePathFor(config) });
if (process.env.BENCH_BARE_TABLE === '1') {
  await sql`create table if not exists bench_bare_row (id text primary key, body text not null, created_at text not null)`.execute(handle.db);
}

const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.post('/rows', async (request, reply) => {
  const id = newId();
  await sql`insert into bench_bare_row (id, body, created_at) values (${id}, ${JSON.stringify(request.body)}, ${new Date().toISOString()})`.execute(handle.db);
  reply.status(201);
  return { id };
});
app.get<{ Querystring: { tenantId: string; unitId: string; page: string } }>('/cases/open-by-due', async (request) => {
  const { tenantId, unitId } = request.query;
  const page = Number(request.query.page);
  const items = await handle.db.selectFrom('case').select(['id', 'trackingCode', 'title', 'state', 'dueAt'])
    .where('tenantId', '=', tenantId).where('handlingUnitId', '=', unitId).where('stateCategory', '=', 'open')
    .orderBy('dueAt').orderBy('id').limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).execute();
  return { items };
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));

process.once('SIGTERM', () => {
  void app.close().then(() => handle.close()).then(() => process.exit(0));
});

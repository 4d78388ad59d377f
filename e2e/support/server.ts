// A real server on a loopback port for browser journeys: the demo district on the test engine
// (SQLite, or a fresh PostgreSQL schema), the built web app, a fixed clock the journey moves,
// and an outbox whose messages the journey can read (a resident's one-time code, say).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { WEB_DIR, PROJECT_ROOT } from '../../src/server/main.ts';
import { ensureWebBuilt } from '../../src/server/web-build.ts';
import { drainOutbox } from '../../src/server/platform/outbox/outbox.worker.ts';
import { messageTemplates, renderMessage } from '../../src/server/platform/outbox/delivery.ts';
import type { OutboxMessage } from '../../src/server/platform/outbox/outbox.repository.ts';
import { openDemoDatabase, type TestDatabase } from '../../test/support/test-deps.ts';

export interface JourneyServer {
  url: string;
  db: TestDatabase;
  app: FastifyInstance;
  /** delivers what is queued and returns every message sent so far */
  messages(): Promise<Array<OutboxMessage & { text: string }>>;
  close(): Promise<void>;
}

export async function startJourneyServer(options: { now?: string; seed?: (db: TestDatabase) => Promise<void> } = {}): Promise<JourneyServer> {
  await ensureWebBuilt(PROJECT_ROOT, WEB_DIR);
  const db = await openDemoDatabase(options.now ? { now: options.now } : {});
  await options.seed?.(db);
  const app = await buildApp(db.deps, { webDir: WEB_DIR, publicRateLimit: 10_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const sent: Array<OutboxMessage & { text: string }> = [];
  const templates = messageTemplates(db.deps.modules);
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    app,
    async messages() {
      await drainOutbox(db.deps, async (_channel, message) => {
        sent.push({ ...message, text: renderMessage(message, templates) });
      });
      return sent;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

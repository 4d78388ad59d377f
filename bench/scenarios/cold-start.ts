// Cold start: from spawning `node bin/minsheng.mjs serve` on the existing main database (fixed PORT) to its first
// answered GET /health, against a bare Fastify + Kysely + engine server started and polled the same way (both
// through tsx). The web app is built beforehand when its sources changed, so no run pays for a build; one
// unmeasured start of each warms the file cache and tsx's transform cache.
import { createServer } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import { PROJECT_ROOT, WEB_DIR } from '../../src/server/main.ts';
import { ensureWebBuilt } from '../../src/server/web-build.ts';
import { figure, type Figure } from '../lib/figures.ts';
import { BENCH_SERVERS, timeToHealth } from '../lib/processes.ts';
import { median } from '../lib/stats.ts';
import type { ScenarioContext } from './context.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (typeof address !== 'object' || !address) throw new Error('No free port');
  return address.port;
}

/** The figure, or why there is none: `serve` cannot start while the web app's sources do not build. */
export async function measureColdStart(context: ScenarioContext, scale: number): Promise<{ figures: Figure[]; notes: string[] }> {
  try {
    await ensureWebBuilt(PROJECT_ROOT, WEB_DIR, context.log);
  } catch (error) {
    return { figures: [], notes: [`cold start not measured: the web app does not build (${(error as Error).message.split('\n')[0]})`] };
  }
  const port = await freePort();
  const app = [join(PROJECT_ROOT, 'bin/minsheng.mjs'), 'serve'];
  const bare = ['--import', 'tsx', BENCH_SERVERS.bare];
  const env = context.main.env;
  const runs = { app: [] as number[], bare: [] as number[] };
  await timeToHealth(app, env, port);
  await timeToHealth(bare, env, port);
  for (let i = 0; i < context.profile.coldStartRuns; i++) {
    runs.app.push(await timeToHealth(app, env, port));
    runs.bare.push(await timeToHealth(bare, env, port));
  }
  return {
    notes: [],
    figures: [figure({
      scenario: 'cold start', name: '`minsheng serve` to first /health', engine: context.engine, scale, unit: 'ms', value: median(runs.app),
      baseline: { name: 'bare Fastify+Kysely+engine', value: median(runs.bare) }, target: { on: 'value', op: '<=', limit: 1500 }, detail: runs,
    })],
  };
}

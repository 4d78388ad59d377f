// The full app over an existing district, for load: buildApp with the public rate limit lifted and no
// request log, on a free loopback port printed as {"port":N}. The background loops of `serve` stay off, so
// nothing but the requests under test touches the database.
import { loadConfig } from '../../src/server/config.ts';
import { openDeps } from '../../src/server/main.ts';
import { buildApp } from '../../src/server/app.ts';
import { systemClock } from '../../src/shared/time/clock.ts';

const { deps, close } = await openDeps(loadConfig(process.env), systemClock, { loadDemo: false });
const app = await buildApp(deps, { publicRateLimit: 1e9 });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));

process.once('SIGTERM', () => {
  void app.close().then(close).then(() => process.exit(0));
});

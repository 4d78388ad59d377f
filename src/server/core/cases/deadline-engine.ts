// One engine drives every clock (DESIGN.md principle 3): it reads pending timers that are due
// through a partial index, so its cost follows what is due, not how many cases exist. Each
// timer is claimed and acted on in one transaction; PostgreSQL skips rows another sweeper holds.
import type { Deps } from '../../deps.ts';
import { systemActor } from '../../../shared/actor.ts';
import { loadDirectory } from '../jurisdictions/jurisdiction-directory.ts';
import { toSnapshot } from './case.repository.ts';
import { applyCommand, decideContext, moduleFor } from './case.service.ts';

export interface SweepResult {
  fired: number;
  acted: number;
  stale: number;
}

export async function sweepDeadlines(deps: Deps, options: { batchSize?: number; maxBatches?: number } = {}): Promise<SweepResult> {
  const batchSize = options.batchSize ?? 200;
  const maxBatches = options.maxBatches ?? 1000;
  const total: SweepResult = { fired: 0, acted: 0, stale: 0 };
  const now = deps.clock.now().toISOString();
  const actor = systemActor(deps.tenantId, 'deadline-engine');
  for (let batch = 0; batch < maxBatches; batch++) {
    const result = await deps.db.transaction().execute(async (trx) => {
      let query = trx.selectFrom('caseTimer').selectAll().where('firedAt', 'is', null).where('dueAt', '<=', now)
        .where('tenantId', '=', deps.tenantId).orderBy('dueAt').limit(batchSize);
      if (deps.engine === 'postgres') query = query.forUpdate().skipLocked();
      const timers = await query.execute();
      const counts: SweepResult = { fired: 0, acted: 0, stale: 0 };
      const directory = await loadDirectory(trx, deps.tenantId);
      for (const timer of timers) {
        // Marked first: applyCommand replaces only the case's pending timers.
        await trx.updateTable('caseTimer').set({ firedAt: now }).where('id', '=', timer.id).execute();
        counts.fired++;
        let caseQuery = trx.selectFrom('case').selectAll().where('id', '=', timer.caseId);
        if (deps.engine === 'postgres') caseQuery = caseQuery.forUpdate();
        const row = await caseQuery.executeTakeFirst();
        if (!row || row.version !== timer.caseVersion || row.stateCategory !== 'open') {
          counts.stale++;
          continue;
        }
        const module = moduleFor(deps, row.kind);
        const snapshot = toSnapshot(row);
        const ctx = await decideContext(trx, deps, actor, module, snapshot.jurisdictionId, directory);
        const command = module.onTimer(snapshot, timer.kind, ctx);
        if (!command) continue;
        await applyCommand(trx, deps, module, actor, snapshot, command, ctx, null);
        counts.acted++;
      }
      // Acting may set new clocks that are already due; look again until a batch acts on nothing.
      return { counts, done: timers.length === 0 || (timers.length < batchSize && counts.acted === 0) };
    });
    total.fired += result.counts.fired;
    total.acted += result.counts.acted;
    total.stale += result.counts.stale;
    if (result.done) break;
  }
  return total;
}

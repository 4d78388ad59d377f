import { newId } from '../../../shared/ids.ts';
import type { Deps } from '../../../server/deps.ts';
import { loadDirectory } from '../../../server/core/jurisdictions/jurisdiction-directory.ts';
import { DEMO_SERVICES } from './application.catalogue.ts';
import { applicationDb } from './application-service.repository.ts';

/**
 * Every new district starts with the standard catalogue; administrators edit it from there. Units are named by
 * the demo district's codes: where a district has no such unit, a fixed unit is left unset (the level's unit of
 * the applicant's place handles it) and a joint unit is left out.
 */
export async function installApplicationCatalogue(deps: Deps) {
  const directory = await loadDirectory(deps.db, deps.tenantId);
  const now = deps.clock.now().toISOString();
  const root = directory.root();
  await applicationDb(deps.db).insertInto('applicationService').values(DEMO_SERVICES.map((s, i) => {
    const fixed = s.handlingUnitCode ? directory.byCode(s.handlingUnitCode) : undefined;
    const handlingUnitId = fixed?.id ?? (s.level === 'district' ? root?.id ?? null : null);
    return {
      id: newId(), tenantId: deps.tenantId, code: s.code, nameZh: s.nameZh, nameEn: s.nameEn, content: s.content, procedure: JSON.stringify(s.procedure),
      fees: s.fees, legalBasis: JSON.stringify(s.legalBasis),
      materials: JSON.stringify(s.materials.map((m) => ({ ...m, note: m.note ?? null, templateText: m.templateText ?? null }))),
      statutoryDays: s.statutoryDays, promisedDays: s.promisedDays, level: s.level, unitKind: s.unitKind, handlingUnitId,
      jointUnitIds: JSON.stringify(s.jointUnitCodes.flatMap((code) => directory.byCode(code)?.id ?? [])),
      online: s.online ? 1 : 0, counterNote: s.counterNote, deemedApproval: s.deemedApproval ? 1 : 0, active: 1, sortOrder: i, updatedAt: now,
    };
  })).execute();
}

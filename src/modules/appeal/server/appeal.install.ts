import { newId } from '../../../shared/ids.ts';
import type { Deps } from '../../../server/deps.ts';
import { DEMO_CATEGORIES } from './appeal.catalogue.ts';
import { appealDb } from './appeal.intake.ts';

/** Every new district starts with the standard category tree; administrators edit it from there. */
export async function installAppealCatalogue(deps: Deps) {
  await appealDb(deps.db).insertInto('appealCategory').values(DEMO_CATEGORIES.map((c, i) => ({
    id: newId(), tenantId: deps.tenantId, code: c.code, parentCode: c.parentCode, nameZh: c.nameZh, nameEn: c.nameEn, slaClass: c.slaClass, level: c.level,
    departmentCode: c.departmentCode ?? null, keywords: c.keywords.join(' '), active: 1, sortOrder: i,
  }))).execute();
}

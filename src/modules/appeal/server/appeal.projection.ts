// Keeps appeal_record and the search index in step with every transition, in the kernel's
// transaction: statistics, duplicate checks and search read these, never the JSON data.
import type { AppliedEvent, DecideContext } from '../../../server/core/cases/case-module.ts';
import type { Db, Deps } from '../../../server/deps.ts';
import { claimAttachments } from '../../../server/core/attachments/attachment.service.ts';
import { indexDocument } from '../../../server/platform/search/full-text.ts';
import { segment } from '../../../server/platform/search/segmenter.ts';
import type { AppealSnapshot } from '../shared/appeal.machine.ts';
import { APPEAL_STATES } from '../shared/appeal.machine.ts';
import { APPEAL_SEARCH_INDEX } from './appeal.migrations.ts';
import { appealDb } from './appeal.intake.ts';
import type { AppealRecordTable } from './appeal.tables.ts';

export function searchText(s: AppealSnapshot): string {
  return [s.trackingCode, s.title, s.data.description, s.locationText ?? '', s.data.reply?.text ?? ''].join(' ');
}

/** The appeal_record fields that follow from one transition's events (besides the snapshot's counters). */
export type EventProjection = Partial<Pick<AppealRecordTable, 'signedForAt' | 'signedInTime' | 'repliedAt' | 'repliedOnTime' | 'repliedByLevel' | 'repliedByUnitId' | 'rating' | 'lastEscalationReason' | 'lastEscalationAutomatic'>>;

export function projectEvents(s: AppealSnapshot, events: AppliedEvent[]): EventProjection {
  const signed = events.find((e) => e.type === 'signed_for');
  const replied = events.find((e) => e.type === 'replied');
  const rated = events.find((e) => e.type === 'rated');
  const escalated = events.find((e) => e.type === 'escalated');
  // A new unit must sign for it anew: whether the last one did so in time no longer speaks for this one.
  const handedOn = events.some((e) => e.type === 'dispatched' || e.type === 'escalated');
  return {
    ...(handedOn && { signedInTime: null }),
    ...(signed && { signedForAt: signed.at, signedInTime: signedInTime(signed) }),
    ...(replied && { repliedAt: replied.at, repliedOnTime: replied.at <= s.data.feedbackDueAt ? 1 : 0, repliedByLevel: s.data.level, repliedByUnitId: s.handlingUnitId }),
    ...(rated && { rating: String(rated.data.rating) }),
    // The deadline engine acts without an actor id: a missed clock, not a person's choice.
    ...(escalated && { lastEscalationReason: String(escalated.data.reason), lastEscalationAutomatic: escalated.actorId === null ? 1 : 0 }),
    ...(events.some((e) => e.type === 'reopened') && { repliedAt: null, repliedOnTime: null, repliedByLevel: null, repliedByUnitId: null, rating: null }),
  };
}

/** 1 when the sign-for met the limit it answered, 0 when it came later; null when the event does not say (older events). */
export function signedInTime(signed: AppliedEvent): number | null {
  const dueAt = signed.data.dueAt;
  if (typeof dueAt !== 'string') return null;
  return signed.at <= dueAt ? 1 : 0;
}

export async function projectAppeal(trx: Db, deps: Deps, s: AppealSnapshot, events: AppliedEvent[], ctx: DecideContext) {
  const db = appealDb(trx);
  const types = new Set(events.map((e) => e.type));
  const stateCategory = APPEAL_STATES[s.state as keyof typeof APPEAL_STATES];
  const current = {
    stateCategory, returns: s.data.returns, escalations: s.data.escalations, reopens: s.data.reopenCount, supervised: s.data.supervision ? 1 : 0, parentId: s.data.parentId,
    handlingUnitId: s.handlingUnitId, ...projectEvents(s, events),
  };
  if (types.has('registered')) {
    // One insert with the values after this transition (the same as inserting blank and updating).
    const street = ctx.directory.ancestorOfKind(s.jurisdictionId, 'street');
    await db.insertInto('appealRecord').values({
      caseId: s.id, tenantId: deps.tenantId, categoryCode: s.data.categoryCode, slaClass: s.data.slaClass, channel: s.data.channel,
      communityId: s.jurisdictionId, streetId: street?.id ?? null, lng: s.lng, lat: s.lat, tokens: segment(`${s.title} ${s.data.description}`).join(' '),
      receivedAt: s.createdAt, signedForAt: null, signedInTime: null, repliedAt: null, repliedOnTime: null, repliedByLevel: null, repliedByUnitId: null,
      lastEscalationReason: null, lastEscalationAutomatic: 0,
      rating: null, hideIdentity: s.data.hideIdentity ? 1 : 0, publish: s.data.publish ? 1 : 0,
      ...current,
    }).execute();
    await claimAttachments(trx, deps, s.id, s.data.attachmentIds, 'body.attachmentIds');
  } else {
    await db.updateTable('appealRecord').set(current).where('caseId', '=', s.id).execute();
  }

  if (types.has('registered') || types.has('replied') || types.has('parent_replied')) {
    await indexDocument(trx, deps.engine, APPEAL_SEARCH_INDEX, deps.tenantId, s.id, searchText(s));
  }
  // Learn the words of settled appeals for category suggestions.
  if (types.has('closed') && s.data.rating?.value !== 'unsatisfied') {
    for (const term of new Set(segment(`${s.title} ${s.data.description}`))) {
      const updated = await db.updateTable('appealCategoryTerm').set((eb) => ({ count: eb('count', '+', 1) }))
        .where('tenantId', '=', deps.tenantId).where('categoryCode', '=', s.data.categoryCode).where('term', '=', term).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) await db.insertInto('appealCategoryTerm').values({ tenantId: deps.tenantId, categoryCode: s.data.categoryCode, term, count: 1 }).execute();
    }
  }
}

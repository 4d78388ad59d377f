// A minimal case type used to test the kernel on its own: opened at a community, signed for
// within one working day or escalated to the parent unit by the deadline engine, then closed.
import { z } from 'zod';
import { DomainError } from '../../src/shared/errors.ts';
import { newId } from '../../src/shared/ids.ts';
import type { CaseModule, CaseSnapshot } from '../../src/server/core/cases/case-module.ts';

type TicketData = { escalations: number };

const command = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('open'), title: z.string().min(1), jurisdictionId: z.string(), requesterUserId: z.string().nullable(), requesterPersonId: z.string().nullable() }),
  z.strictObject({ type: z.literal('sign_for') }),
  z.strictObject({ type: z.literal('close'), note: z.string().min(1) }),
  z.strictObject({ type: z.literal('escalate'), reason: z.string() }),
  z.strictObject({ type: z.literal('withdraw') }),
]);
type TicketCommand = z.infer<typeof command>;

export const ticketModule: CaseModule<TicketData, TicketCommand> = {
  kind: 'ticket',
  trackingPrefix: 'TK',
  states: { registered: 'open', handling: 'open', closed: 'closed', withdrawn: 'closed' },
  commandSchema: command,
  commandPermission: (type) => (type === 'withdraw' ? 'resident' : type === 'escalate' ? 'case.dispatch' : 'case.act'),
  decide(snapshot, cmd, ctx) {
    if (cmd.type === 'open') {
      if (snapshot) throw new DomainError('invalid_transition', 'Already open');
      return [{ type: 'opened', visibility: 'public', data: { ...cmd, id: newId(), due: ctx.calendar.dueAt(ctx.now, { amount: 1, unit: 'working_day' })!.toISOString() } }];
    }
    if (!snapshot) throw new DomainError('invalid_transition', 'No case');
    switch (cmd.type) {
      case 'sign_for':
        if (snapshot.state !== 'registered') throw new DomainError('invalid_transition', 'Only a registered ticket can be signed for');
        return [{ type: 'signed_for', visibility: 'public', data: {} }];
      case 'close':
        if (snapshot.state !== 'handling') throw new DomainError('invalid_transition', 'Sign for it first');
        return [{ type: 'closed', visibility: 'public', data: { note: cmd.note } }];
      case 'withdraw':
        return [{ type: 'withdrawn', visibility: 'public', data: {} }];
      case 'escalate': {
        const parent = ctx.directory.parentOf(snapshot.handlingUnitId ?? snapshot.jurisdictionId);
        if (!parent) return [];
        return [{ type: 'escalated', visibility: 'public', data: { from: snapshot.handlingUnitId, to: parent.id, reason: cmd.reason, due: ctx.calendar.dueAt(ctx.now, { amount: 1, unit: 'working_day' })!.toISOString() } }];
      }
    }
  },
  evolve(snapshot, event) {
    const d = event.data as Record<string, string>;
    if (event.type === 'opened') {
      return {
        id: d.id!, kind: 'ticket', state: 'registered', trackingCode: '', title: d.title!, jurisdictionId: d.jurisdictionId!, handlingUnitId: d.jurisdictionId!,
        assigneeId: null, priority: 'normal', lng: null, lat: null, locationText: null, requesterPersonId: d.requesterPersonId ?? null,
        requesterUserId: d.requesterUserId ?? null, dueAt: d.due!, version: 0, createdAt: event.at, updatedAt: event.at, closedAt: null, data: { escalations: 0 },
      } satisfies CaseSnapshot<TicketData>;
    }
    const s = snapshot!;
    switch (event.type) {
      case 'signed_for': return { ...s, state: 'handling', dueAt: null };
      case 'closed': return { ...s, state: 'closed' };
      case 'withdrawn': return { ...s, state: 'withdrawn' };
      case 'escalated': return { ...s, handlingUnitId: d.to!, dueAt: d.due!, data: { escalations: s.data.escalations + 1 } };
      default: return s;
    }
  },
  abilities(snapshot) {
    if (snapshot.state === 'registered') return ['sign_for', 'escalate', 'withdraw'];
    if (snapshot.state === 'handling') return ['close', 'withdraw'];
    return [];
  },
  timers(snapshot) {
    return snapshot.state === 'registered' && snapshot.dueAt ? [{ kind: 'sign_for', dueAt: snapshot.dueAt }] : [];
  },
  onTimer(snapshot, kind) {
    return kind === 'sign_for' && snapshot.state === 'registered' ? { type: 'escalate', reason: 'not signed for in time' } : null;
  },
  messages(_snapshot, events) {
    return events.filter((e) => e.type === 'closed').map(() => ({ template: 'ticket_closed', params: {} }));
  },
  migrations: [],
};

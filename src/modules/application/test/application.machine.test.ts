// The application lifecycle as pure rules (DOMAIN.md §3 "Approvals"): one complete notice of missing materials,
// acceptance explicit or by the 5-working-day rule, pauses out of the decision clock, one extension, joint
// opinions before the decision, refusal with reasons and redress, deemed approval or an overdue flag when the
// period passes, withdrawal — on the real statutory calendar (Spring Festival and National Day 2026 included).
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import { applicationModule } from '../manifest.ts';
import { decideApplication, type ApplicationSnapshot } from '../shared/application.machine.ts';
import { DEFAULT_REDRESS, type ApplicationCommand } from '../shared/application.schemas.ts';
import { ACTORS, ctx, FILE, ID, local, openCommand, run, step } from './application.fixtures.ts';

const SUBMIT = local('2026-03-03T09:00:00.000'); // a Tuesday morning
const NEXT_DAY = local('2026-03-04T10:00:00.000');
const endOf = (day: string) => local(`${day}T23:59:59.999`);

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

const submitted = () => run([[openCommand(), SUBMIT, ACTORS.applicant]]);
const underReview = (service: Parameters<typeof openCommand>[0] = {}) => run([[openCommand(service), SUBMIT, ACTORS.applicant], [{ type: 'accept' }, NEXT_DAY, ACTORS.civic]]);

describe('submission', () => {
  it('opens with the 5-working-day acceptance clock (the day of receipt not counted)', () => {
    const s = submitted();
    expect(s.state).toBe('submitted');
    expect(s.data.acceptanceDueAt).toBe(endOf('2026-03-10'));
    expect(s.dueAt).toBe(endOf('2026-03-10'));
    expect(applicationModule.timers(s, ctx(SUBMIT))).toEqual([{ kind: 'acceptance', dueAt: endOf('2026-03-10') }]);
  });

  it('refuses a missing required material, naming the materials field', () => {
    const error = refusal(() => step(null, openCommand({ materials: [{ code: 'id_card', attachmentIds: [FILE] }] }), SUBMIT, ACTORS.applicant));
    expect(error.code).toBe('validation_failed');
    expect(error.details?.issues).toEqual([expect.objectContaining({ field: 'body.materials', message: expect.stringContaining('deed') })]);
  });

  it('refuses unknown, repeated and empty materials, each by its field', () => {
    const error = refusal(() => step(null, openCommand({
      materials: [{ code: 'id_card', attachmentIds: [FILE] }, { code: 'deed', attachmentIds: [] }, { code: 'nonsense', attachmentIds: [FILE] }, { code: 'id_card', attachmentIds: [FILE] }],
    }), SUBMIT, ACTORS.applicant));
    const fields = (error.details?.issues as Array<{ field: string }>).map((i) => i.field);
    expect(fields).toEqual(['body.materials.1.attachmentIds', 'body.materials.2.code', 'body.materials.3.code', 'body.materials']);
  });
});

describe('missing materials: all at once, once', () => {
  it('notifies the complete list from submitted, stops the acceptance clock, and restarts it on resubmission', () => {
    const asked = step(submitted(), { type: 'request_materials', codes: ['id_card', 'deed'], note: '身份证照片模糊，房产证缺页' }, NEXT_DAY, ACTORS.civic);
    expect(asked.events[0]).toMatchObject({ type: 'materials_requested', visibility: 'public', data: { codes: ['id_card', 'deed'], missing: [{ code: 'id_card', name: '申请人居民身份证' }, { code: 'deed', name: '房屋所有权证' }] } });
    expect(asked.snapshot).toMatchObject({ state: 'materials_incomplete', dueAt: null });
    expect(applicationModule.timers(asked.snapshot, ctx(NEXT_DAY))).toEqual([]);

    // Only what was asked for must come back; everything asked for must.
    const partial = refusal(() => step(asked.snapshot, { type: 'resubmit', materials: [{ code: 'id_card', attachmentIds: [FILE] }] }, local('2026-03-06T10:00:00'), ACTORS.applicant));
    expect(partial.details?.issues).toEqual([expect.objectContaining({ field: 'body.materials' })]);
    const back = step(asked.snapshot, { type: 'resubmit', materials: [{ code: 'id_card', attachmentIds: [FILE] }, { code: 'deed', attachmentIds: [FILE] }] }, local('2026-03-06T10:00:00'), ACTORS.applicant);
    expect(back.snapshot).toMatchObject({ state: 'resubmitted', dueAt: endOf('2026-03-13') });

    // After resubmission the office accepts or rejects; it cannot ask again.
    expect(refusal(() => step(back.snapshot, { type: 'request_materials', codes: ['plan'], note: '还缺装修方案' }, local('2026-03-09T10:00:00'), ACTORS.civic)).code).toBe('invalid_transition');
    expect(applicationModule.abilities(back.snapshot, ACTORS.civic, ctx(SUBMIT).directory)).toEqual(['accept', 'reject']);
  });

  it('refuses a second notice and a notice after acceptance, and unknown codes by their field', () => {
    const s = submitted();
    const error = refusal(() => step(s, { type: 'request_materials', codes: ['id_card', 'passport'], note: '请补正' }, NEXT_DAY, ACTORS.civic));
    expect(error.details?.issues).toEqual([expect.objectContaining({ field: 'body.codes.1' })]);
    expect(refusal(() => step(underReview(), { type: 'request_materials', codes: ['id_card'], note: '请补正' }, NEXT_DAY, ACTORS.civic)).code).toBe('invalid_transition');
  });
});

describe('acceptance', () => {
  it('explicit: the decision clock runs the promised period from the acceptance', () => {
    const s = underReview();
    expect(s).toMatchObject({ state: 'under_review', dueAt: endOf('2026-04-01'), data: { deemedAccepted: false, decisionDueAt: endOf('2026-04-01') } });
    expect(applicationModule.timers(s, ctx(NEXT_DAY))).toEqual([{ kind: 'decision', dueAt: endOf('2026-04-01') }]);
  });

  it('implicit: 5 working days without a notice count as acceptance from the day of receipt (Art. 32)', () => {
    const s = submitted();
    expect(applicationModule.onTimer(s, 'acceptance', ctx(SUBMIT))).toEqual({ type: 'accept_implicitly' });
    // Not yet due: nothing happens.
    expect(step(s, { type: 'accept_implicitly' }, local('2026-03-10T18:00:00'), ACTORS.system).events).toEqual([]);
    const accepted = step(s, { type: 'accept_implicitly' }, local('2026-03-11T00:00:30'), ACTORS.system);
    expect(accepted.events[0]).toMatchObject({ type: 'accepted', data: { implicit: true, decisionStartedAt: SUBMIT } });
    expect(accepted.snapshot).toMatchObject({ state: 'under_review', dueAt: endOf('2026-03-31'), data: { deemedAccepted: true } });
  });

  it('across the 2026 Spring Festival: the make-up Saturday 14 February counts, the holiday does not', () => {
    const s = run([[openCommand(), local('2026-02-12T10:00:00'), ACTORS.applicant]]);
    expect(s.data.acceptanceDueAt).toBe(endOf('2026-02-26'));
    const accepted = step(s, { type: 'accept' }, local('2026-02-13T10:00:00'), ACTORS.civic).snapshot;
    // 14 Feb (make-up), 24–28 Feb (28th a make-up Saturday), then March: the 20th working day is 19 March.
    expect(accepted.data.decisionDueAt).toBe(endOf('2026-03-19'));
  });
});

describe('pauses for hearing, testing and expert time (Art. 45)', () => {
  it('stop the clock while open and move the due date by the paused working days on resumption', () => {
    const paused = step(underReview(), { type: 'pause', reason: 'testing', note: '现场检测' }, local('2026-03-10T10:00:00'), ACTORS.civic).snapshot;
    expect(paused).toMatchObject({ state: 'paused', dueAt: null, data: { pause: { reason: 'testing' } } });
    expect(applicationModule.timers(paused, ctx(NEXT_DAY))).toEqual([]);
    expect(refusal(() => step(paused, { type: 'approve' }, local('2026-03-11T10:00:00'), ACTORS.civic)).code).toBe('invalid_transition');
    const resumed = step(paused, { type: 'resume' }, local('2026-03-12T10:00:00'), ACTORS.civic).snapshot;
    // 10, 11 and 12 March are touched by the pause: three working days later than 1 April, past Qingming (4–6 April).
    expect(resumed).toMatchObject({ state: 'under_review', dueAt: endOf('2026-04-07'), data: { pauses: [{ reason: 'testing', from: local('2026-03-10T10:00:00'), to: local('2026-03-12T10:00:00') }] } });
  });
});

describe('the one extension', () => {
  it('is asked for with a reason, approved by a leader, and adds 10 working days', () => {
    const asked = step(underReview(), { type: 'request_extension', reason: '需征求相邻居民意见' }, local('2026-03-20T10:00:00'), ACTORS.civic);
    expect(asked.events[0]).toMatchObject({ type: 'extension_requested', visibility: 'internal', data: { days: 10 } });
    const { directory } = ctx(SUBMIT);
    expect(applicationModule.abilities(asked.snapshot, ACTORS.leader, directory)).toEqual(['approve_extension', 'refuse_extension']);
    expect(applicationModule.abilities(asked.snapshot, ACTORS.civic, directory)).not.toContain('request_extension');
    const approved = step(asked.snapshot, { type: 'approve_extension' }, local('2026-03-21T10:00:00'), ACTORS.leader);
    expect(approved.events[0]).toMatchObject({ type: 'extension_approved', visibility: 'public', data: { days: 10, reason: '需征求相邻居民意见' } });
    expect(approved.snapshot.dueAt).toBe(endOf('2026-04-16'));
    expect(refusal(() => step(approved.snapshot, { type: 'request_extension', reason: '再延长一次' }, local('2026-03-25T10:00:00'), ACTORS.civic)).message).toContain('one extension');
  });

  it('is 15 working days for a joint service, and a refused one is not asked again', () => {
    const joint = underReview({ service: { jointUnitIds: [ID.urban], periodDays: 45 } });
    const asked = step(joint, { type: 'request_extension', reason: '联办单位需要现场勘查' }, local('2026-03-20T10:00:00'), ACTORS.civic);
    expect(asked.events[0]!.data.days).toBe(15);
    const refused = step(asked.snapshot, { type: 'refuse_extension', note: '期限内可以办结' }, local('2026-03-20T11:00:00'), ACTORS.leader).snapshot;
    expect(refused.data.extension?.status).toBe('refused');
    expect(refused.dueAt).toBe(joint.dueAt);
    expect(applicationModule.abilities(refused, ACTORS.civic, ctx(SUBMIT).directory)).not.toContain('request_extension');
  });
});

describe('joint handling', () => {
  const joint = () => underReview({ service: { jointUnitIds: [ID.urban, ID.market], periodDays: 45 } });

  it('runs 45 working days, and the lead unit decides only after every joint unit has given its opinion', () => {
    const s = joint();
    const { directory } = ctx(SUBMIT);
    // Qingming (4–6 April) and Labour Day (1–5 May) are off, Saturday 9 May is a make-up day: 11 May.
    expect(s.data.decisionDueAt).toBe(endOf('2026-05-11'));
    expect(applicationModule.abilities(s, ACTORS.civic, directory)).toEqual(['pause', 'request_extension']);
    expect(applicationModule.abilities(s, ACTORS.urban, directory)).toEqual(['give_opinion']);
    expect(refusal(() => step(s, { type: 'approve' }, NEXT_DAY, ACTORS.civic)).details).toEqual({ pendingUnits: ['城市管理委员会', '市场监督管理局'] });

    const one = step(s, { type: 'give_opinion', agree: true, text: '同意，不影响通行' }, local('2026-03-10T10:00:00'), ACTORS.urban).snapshot;
    expect(one.data.opinions).toEqual([expect.objectContaining({ unitId: ID.urban, unitName: '城市管理委员会', agree: true })]);
    expect(applicationModule.abilities(one, ACTORS.urban, directory)).toEqual([]);
    expect(refusal(() => step(one, { type: 'give_opinion', agree: false, text: '再说一次' }, local('2026-03-10T11:00:00'), ACTORS.urban)).code).toBe('invalid_transition');
    expect(refusal(() => step(one, { type: 'give_opinion', agree: true, text: '无关单位' }, local('2026-03-10T11:00:00'), ACTORS.worker)).code).toBe('forbidden');

    const both = step(one, { type: 'give_opinion', agree: false, text: '占道经营需另行审批' }, local('2026-03-11T10:00:00'), ACTORS.market).snapshot;
    expect(applicationModule.abilities(both, ACTORS.civic, directory)).toEqual(['approve', 'reject', 'pause', 'request_extension']);
    expect(step(both, { type: 'reject', reasons: '市场监管部门不同意' }, local('2026-03-12T10:00:00'), ACTORS.civic).snapshot.state).toBe('rejected');
  });
});

describe('decisions', () => {
  it('approves; rejects with reasons and the statutory redress', () => {
    expect(step(underReview(), { type: 'approve', note: '符合条件' }, local('2026-03-05T10:00:00'), ACTORS.civic).snapshot).toMatchObject({ state: 'approved', dueAt: null, data: { decision: { outcome: 'approved' } } });
    const rejected = step(underReview(), { type: 'reject', reasons: '装修方案涉及拆改承重墙' }, local('2026-03-05T10:00:00'), ACTORS.civic);
    expect(rejected.events[0]).toMatchObject({ type: 'rejected', visibility: 'public', data: { reasons: '装修方案涉及拆改承重墙', redress: DEFAULT_REDRESS } });
  });

  it('deems a flagged service approved when its period has passed, recording the missed due date', () => {
    const s = underReview();
    expect(applicationModule.onTimer(s, 'decision', ctx(SUBMIT))).toEqual({ type: 'deem_approve' });
    expect(step(s, { type: 'deem_approve' }, local('2026-04-01T20:00:00'), ACTORS.system).events).toEqual([]);
    const deemed = step(s, { type: 'deem_approve' }, local('2026-04-02T00:00:30'), ACTORS.system);
    expect(deemed.events[0]).toMatchObject({ type: 'deemed_approved', visibility: 'public', data: { missedDueAt: endOf('2026-04-01') } });
    expect(deemed.snapshot).toMatchObject({ state: 'deemed_approved', data: { decision: { outcome: 'deemed_approved', missedDueAt: endOf('2026-04-01') } } });
    expect(applicationModule.messages!(deemed.snapshot, deemed.events)).toEqual([expect.objectContaining({ template: 'application_deemed', params: expect.objectContaining({ due: '2026-04-01' }) })]);
  });

  it('flags an unflagged service overdue instead; it stays under review, and the clock stops firing', () => {
    const s = underReview({ service: { deemedApproval: false } });
    expect(applicationModule.onTimer(s, 'decision', ctx(SUBMIT))).toEqual({ type: 'flag_overdue' });
    const flagged = step(s, { type: 'flag_overdue' }, local('2026-04-02T00:00:30'), ACTORS.system).snapshot;
    expect(flagged).toMatchObject({ state: 'under_review', data: { overdue: true } });
    expect(applicationModule.timers(flagged, ctx(SUBMIT))).toEqual([]);
    expect(refusal(() => step(flagged, { type: 'deem_approve' }, local('2026-04-03T00:00:30'), ACTORS.system)).code).toBe('invalid_transition');
    expect(step(flagged, { type: 'approve' }, local('2026-04-03T10:00:00'), ACTORS.civic).snapshot.state).toBe('approved');
  });

  it('never deems approval on a provisional due date (a year without holiday data): it flags instead', () => {
    const s = run([[openCommand(), local('2026-12-10T10:00:00'), ACTORS.applicant], [{ type: 'accept' }, local('2026-12-11T10:00:00'), ACTORS.civic]]);
    expect(s.data.decisionDueProvisional).toBe(true);
    const fired = step(s, { type: 'deem_approve' }, new Date(new Date(s.data.decisionDueAt!).getTime() + 60_000).toISOString(), ACTORS.system);
    expect(fired.events.map((e) => e.type)).toEqual(['overdue_flagged']);
  });
});

describe('withdrawal and the applicant\'s abilities', () => {
  it('lets the applicant withdraw while open, and resubmit when asked', () => {
    const { directory } = ctx(SUBMIT);
    const s = submitted();
    expect(applicationModule.abilities(s, ACTORS.applicant, directory)).toEqual(['withdraw']);
    expect(applicationModule.abilities(s, ACTORS.otherResident, directory)).toEqual([]);
    const asked = step(s, { type: 'request_materials', codes: ['deed'], note: '缺页' }, NEXT_DAY, ACTORS.civic).snapshot;
    expect(applicationModule.abilities(asked, ACTORS.applicant, directory)).toEqual(['resubmit', 'withdraw']);
    const withdrawn = step(asked, { type: 'withdraw', reason: '不办了' }, NEXT_DAY, ACTORS.applicant).snapshot;
    expect(withdrawn).toMatchObject({ state: 'withdrawn', dueAt: null });
    expect(applicationModule.abilities(withdrawn, ACTORS.applicant, directory)).toEqual([]);
    expect(refusal(() => step(withdrawn, { type: 'withdraw' }, NEXT_DAY, ACTORS.applicant)).code).toBe('invalid_transition');
  });
});

describe('every command in every state', () => {
  const states: Record<string, () => ApplicationSnapshot> = {
    submitted,
    under_review: () => underReview(),
    paused: () => step(underReview(), { type: 'pause', reason: 'hearing' }, NEXT_DAY, ACTORS.civic).snapshot,
    approved: () => step(underReview(), { type: 'approve' }, NEXT_DAY, ACTORS.civic).snapshot,
    withdrawn: () => step(submitted(), { type: 'withdraw' }, NEXT_DAY, ACTORS.applicant).snapshot,
  };
  const commands: ApplicationCommand[] = [
    { type: 'accept' }, { type: 'pause', reason: 'expert' }, { type: 'resume' }, { type: 'approve' }, { type: 'reject', reasons: '不符合条件' },
    { type: 'request_extension', reason: '情况复杂' }, { type: 'withdraw' },
  ];
  const allowed: Record<string, string[]> = {
    submitted: ['accept', 'withdraw'],
    under_review: ['pause', 'approve', 'reject', 'request_extension', 'withdraw'],
    paused: ['resume', 'withdraw'],
    approved: [],
    withdrawn: [],
  };
  for (const [state, make] of Object.entries(states)) {
    it(`${state}: only ${allowed[state]!.join(', ') || 'nothing'}`, () => {
      const s = make();
      const ok = commands.filter((c) => {
        try {
          decideApplication(s, c, ctx(NEXT_DAY, ACTORS.civic));
          return true;
        } catch (error) {
          expect((error as DomainError).code).toBe('invalid_transition');
          return false;
        }
      }).map((c) => c.type);
      expect(ok).toEqual(allowed[state]);
    });
  }
});

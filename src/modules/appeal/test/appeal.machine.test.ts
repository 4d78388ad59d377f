// The appeal work order as pure rules (DOMAIN.md §3 "Appeals", "Working-day calendar"): every command in
// every state, the SLA clocks on the real statutory calendar, settings over the defaults, the return window
// and the designation rule, escalation, extension, rating, supervision, merging, and the manifest's timers.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import { decideAppeal, escalationTarget, evolveAppeal, type AppealSnapshot, type AppealState } from '../shared/appeal.machine.ts';
import type { AppealCommand } from '../shared/appeal.schemas.ts';
import { appealModule } from '../manifest.ts';
import { ACTORS, ctx, directory, ID, local, openCommand, run, step } from './appeal.fixtures.ts';

const NOW = local('2026-03-03T09:00:00.000'); // a Tuesday morning
const LATER = local('2026-03-03T11:00:00.000');
const PARENT = '00000000-0000-4000-8000-0000000000aa';
const CHILD = '00000000-0000-4000-8000-0000000000bb';

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

// ---- every command in every state ------------------------------------------------------------

type Row = 'registered' | 'dispatched' | 'handling' | 'handling_extension_pending' | 'returned' | 'replied' | 'followed_up' | 'closed' | 'merged' | 'withdrawn';

const open = openCommand();
const unrouted = openCommand({ target: null });
const reply: AppealCommand = { type: 'reply', text: '已联系装修方，晚上十点后停止施工' };

function inState(row: Row): AppealSnapshot {
  switch (row) {
    case 'registered': return run([unrouted], NOW);
    case 'dispatched': return run([open], NOW);
    case 'handling': return run([open, { type: 'sign_for' }], NOW);
    case 'handling_extension_pending': return run([open, { type: 'sign_for' }, { type: 'request_extension', days: 5, reason: '需协调物业与施工方' }], NOW);
    case 'returned': return run([open, { type: 'return', reason: '不属于本社区管辖' }], NOW);
    case 'replied': return run([open, { type: 'sign_for' }, reply], NOW);
    case 'followed_up': return run([open, { type: 'sign_for' }, reply, { type: 'rate', rating: 'unsatisfied' }], NOW);
    case 'closed': return run([open, { type: 'sign_for' }, reply, { type: 'rate', rating: 'satisfied' }], NOW);
    case 'merged': return run([unrouted, { type: 'merge_into', parentId: PARENT }], NOW);
    case 'withdrawn': return run([unrouted, { type: 'withdraw', reason: '问题已自行解决' }], NOW);
  }
}

const COMMANDS: Record<string, AppealCommand> = {
  open,
  dispatch: { type: 'dispatch', unitId: ID.community },
  designate: { type: 'designate', unitId: ID.community },
  sign_for: { type: 'sign_for' },
  return: { type: 'return', reason: '不属于本单位职责' },
  escalate: { type: 'escalate', reason: '需街道协调' },
  request_extension: { type: 'request_extension', days: 5, reason: '需协调物业与施工方' },
  decide_extension: { type: 'decide_extension', approve: true },
  reply,
  rate: { type: 'rate', rating: 'satisfied' },
  record_follow_up: { type: 'record_follow_up', rating: 'satisfied' },
  reopen: { type: 'reopen', reason: '噪音仍然存在' },
  close: { type: 'close' },
  close_unrated: { type: 'close_unrated' },
  supervise: { type: 'supervise', note: '请加快办理', dueAt: local('2026-03-05T18:00:00.000') },
  flag_overdue: { type: 'flag_overdue', clock: 'feedback' },
  merge_into: { type: 'merge_into', parentId: PARENT },
  absorb: { type: 'absorb', childId: CHILD },
  reply_from_parent: { type: 'reply_from_parent', parentId: PARENT, text: '已统一处理' },
  withdraw: { type: 'withdraw' },
  note: { type: 'note', text: '电话回访未接通' },
};

/** [event types, state afterwards] for each allowed command; everything else is refused with invalid_transition. */
type Outcome = [string[], AppealState];
const same = (row: Row): AppealState => (row === 'handling_extension_pending' ? 'handling' : row);
// Kernel-internal commands without a state guard: a note and the deadline engine's flag.
const always = (row: Row): Record<string, Outcome> => ({
  note: [['note_added'], same(row)],
  flag_overdue: [['overdue_flagged'], same(row)],
});
// A duplicate joins a parent only while the parent's reply is still to come.
const beforeReply = (row: Row): Record<string, Outcome> => ({
  absorb: [['duplicate_absorbed'], same(row)],
  supervise: [['supervised'], same(row)],
  merge_into: [['merged'], 'merged'],
  withdraw: [['withdrawn'], 'withdrawn'],
});

const ALLOWED: Record<Row, Record<string, Outcome>> = {
  registered: { ...always('registered'), ...beforeReply('registered'), dispatch: [['dispatched'], 'dispatched'], designate: [['dispatched'], 'dispatched'] },
  dispatched: {
    ...always('dispatched'), ...beforeReply('dispatched'),
    designate: [['dispatched'], 'dispatched'], sign_for: [['signed_for'], 'handling'], return: [['returned'], 'returned'], escalate: [['escalated'], 'dispatched'],
  },
  handling: {
    ...always('handling'), ...beforeReply('handling'),
    escalate: [['escalated'], 'dispatched'], request_extension: [['extension_requested'], 'handling'], reply: [['replied'], 'replied'],
  },
  handling_extension_pending: {
    ...always('handling_extension_pending'), ...beforeReply('handling_extension_pending'),
    escalate: [['escalated'], 'dispatched'], decide_extension: [['extension_decided'], 'handling'], reply: [['replied'], 'replied'],
  },
  returned: { ...always('returned'), ...beforeReply('returned'), dispatch: [['dispatched'], 'dispatched'], designate: [['dispatched'], 'dispatched'] },
  replied: {
    ...always('replied'),
    rate: [['rated', 'closed'], 'closed'], record_follow_up: [['rated', 'closed'], 'closed'], close_unrated: [['closed'], 'closed'],
  },
  followed_up: { ...always('followed_up'), reopen: [['reopened'], 'handling'], close: [['closed'], 'closed'], close_unrated: [['closed'], 'closed'] },
  closed: always('closed'),
  merged: { ...always('merged'), reply_from_parent: [['parent_replied'], 'merged'] },
  withdrawn: always('withdrawn'),
};

const VISIBILITY: Record<string, 'public' | 'internal'> = {
  registered: 'public', dispatched: 'public', signed_for: 'public', returned: 'internal', escalated: 'public', extension_requested: 'internal',
  extension_decided: 'public', replied: 'public', note_added: 'internal', rated: 'public', closed: 'public', reopened: 'public', supervised: 'internal',
  overdue_flagged: 'internal', merged: 'public', duplicate_absorbed: 'internal', parent_replied: 'public', withdrawn: 'public',
};

const ROWS = Object.keys(ALLOWED) as Row[];
const cells = ROWS.flatMap((row) => Object.keys(COMMANDS).map((command) => ({ row, command, outcome: ALLOWED[row][command] })));

describe('every command in every state', () => {
  it('the fixtures reach the state each row names', () => {
    for (const row of ROWS) expect(inState(row).state, row).toBe(same(row));
    expect(inState('handling_extension_pending').data.extension?.status).toBe('pending');
  });

  it.each(cells.filter((c) => c.outcome))('$row + $command → allowed', ({ row, command, outcome }) => {
    const before = inState(row);
    const { snapshot, events } = step(before, COMMANDS[command]!, LATER);
    expect(events.map((e) => e.type)).toEqual(outcome![0]);
    expect(snapshot.state).toBe(outcome![1]);
    for (const e of events) expect(e.visibility, e.type).toBe(VISIBILITY[e.type]);
  });

  it.each(cells.filter((c) => !c.outcome))('$row + $command → invalid_transition', ({ row, command }) => {
    const before = inState(row);
    const error = refusal(() => decideAppeal(before, COMMANDS[command]!, ctx(LATER)));
    expect(error.code).toBe('invalid_transition');
  });

  it('no command but open works without an appeal, and no event but registered starts one', () => {
    for (const [type, command] of Object.entries(COMMANDS)) {
      if (type === 'open') continue;
      expect(refusal(() => decideAppeal(null, command, ctx(NOW))).code, type).toBe('invalid_transition');
    }
    expect(() => evolveAppeal(null, { type: 'signed_for', visibility: 'public', data: {}, at: NOW, actorId: null, actorLabel: 'x' })).toThrow(DomainError);
  });
});

// ---- opening and the SLA classes ------------------------------------------------------------------

describe('opening', () => {
  it('an unrouted appeal stays with the district dispatcher, due by its feedback clock', () => {
    const { snapshot, events } = step(null, unrouted, NOW);
    expect(events.map((e) => e.type)).toEqual(['registered']);
    expect(snapshot).toMatchObject({
      state: 'registered', handlingUnitId: ID.district, dueAt: local('2026-03-10T23:59:59.999'), priority: 'normal',
      requesterPersonId: 'person-owner', requesterUserId: 'resident-owner', jurisdictionId: ID.community,
    });
    expect(snapshot.data).toMatchObject({ level: 'district', returns: 0, escalations: 0, signForDueAt: null, dispatcherUnitId: ID.district });
  });

  it('a routed appeal is dispatched at once, due by its sign-for clock', () => {
    const { snapshot, events } = step(null, open, NOW);
    expect(events.map((e) => e.type)).toEqual(['registered', 'dispatched']);
    expect(events[1]!.data).toMatchObject({ unitId: ID.community, unitName: '长华里社区', level: 'community', auto: true, designated: false });
    expect(snapshot).toMatchObject({ state: 'dispatched', handlingUnitId: ID.community, dueAt: local('2026-03-04T23:59:59.999') });
    expect(snapshot.data).toMatchObject({ level: 'community', dispatchedAt: NOW, signForDueAt: local('2026-03-04T23:59:59.999'), feedbackDueAt: local('2026-03-10T23:59:59.999') });
  });

  it('priority follows the class', () => {
    const priority = (slaClass: 'emergency' | 'utilities' | 'general' | 'complex') => step(null, openCommand({ slaClass }), NOW).snapshot.priority;
    expect([priority('emergency'), priority('utilities'), priority('general'), priority('complex')]).toEqual(['urgent', 'high', 'normal', 'normal']);
  });
});

describe('SLA classes on the statutory calendar', () => {
  // Sign-for: 15 min (life or property at risk), 30 min (utilities), 1 working day otherwise (Tianjin).
  // Feedback: 2 h, 24 h, 7 and 15 calendar days (Beijing draft); a period ending on a rest day moves to the
  // next working day (Civil Code Art. 203); the start day is not counted (Art. 201).
  const cases: Array<{ name: string; slaClass: 'emergency' | 'utilities' | 'general' | 'complex'; at: string; signFor: string; feedback: string }> = [
    { name: 'emergency: 15 min and 2 h on the clock', slaClass: 'emergency', at: '2026-09-30T15:50:00.000', signFor: '2026-09-30T16:05:00.000', feedback: '2026-09-30T17:50:00.000' },
    { name: 'emergency into National Day: the clock ignores the holiday', slaClass: 'emergency', at: '2026-09-30T23:50:00.000', signFor: '2026-10-01T00:05:00.000', feedback: '2026-10-01T01:50:00.000' },
    { name: 'utilities on a holiday: 30 min and 24 h on the clock', slaClass: 'utilities', at: '2026-10-01T10:00:00.000', signFor: '2026-10-01T10:30:00.000', feedback: '2026-10-02T10:00:00.000' },
    { name: 'general before National Day: the 7th day (10-06) is a holiday, so 10-08', slaClass: 'general', at: '2026-09-29T10:00:00.000', signFor: '2026-09-30T23:59:59.999', feedback: '2026-10-08T23:59:59.999' },
    { name: 'general on the eve of National Day: one working day is 10-08', slaClass: 'general', at: '2026-09-30T10:00:00.000', signFor: '2026-10-08T23:59:59.999', feedback: '2026-10-08T23:59:59.999' },
    { name: 'complex before National Day: the 15th day (10-14) is a working day', slaClass: 'complex', at: '2026-09-29T10:00:00.000', signFor: '2026-09-30T23:59:59.999', feedback: '2026-10-14T23:59:59.999' },
    { name: 'general before the Spring Festival: the 7th day (02-19) is a holiday, so 02-24', slaClass: 'general', at: '2026-02-12T10:00:00.000', signFor: '2026-02-13T23:59:59.999', feedback: '2026-02-24T23:59:59.999' },
    { name: 'general on Friday 02-13: the next working day is the make-up Saturday 02-14', slaClass: 'general', at: '2026-02-13T16:00:00.000', signFor: '2026-02-14T23:59:59.999', feedback: '2026-02-24T23:59:59.999' },
    { name: 'complex across the Spring Festival: 15 days end on working 02-25', slaClass: 'complex', at: '2026-02-10T10:00:00.000', signFor: '2026-02-11T23:59:59.999', feedback: '2026-02-25T23:59:59.999' },
    { name: 'general on Saturday 09-19: the make-up Sunday 09-20 is the next working day', slaClass: 'general', at: '2026-09-19T10:00:00.000', signFor: '2026-09-20T23:59:59.999', feedback: '2026-09-28T23:59:59.999' },
    { name: 'general on a plain Saturday: 7th day Saturday 03-14 moves to Monday 03-16', slaClass: 'general', at: '2026-03-07T10:00:00.000', signFor: '2026-03-09T23:59:59.999', feedback: '2026-03-16T23:59:59.999' },
    { name: 'just after local midnight counts from the local date, not the UTC one', slaClass: 'general', at: '2026-03-03T00:30:00.000', signFor: '2026-03-04T23:59:59.999', feedback: '2026-03-10T23:59:59.999' },
  ];

  it.each(cases)('$name', ({ slaClass, at, signFor, feedback }) => {
    const { snapshot } = step(null, openCommand({ slaClass }), local(at));
    expect(snapshot.data.signForDueAt).toBe(local(signFor));
    expect(snapshot.data.feedbackDueAt).toBe(local(feedback));
    expect(snapshot.dueAt).toBe(local(signFor));
  });

  it('the due instants are the literal ends of local days', () => {
    // 2026-10-08T23:59:59.999+08:00 written out in UTC, so a zone mistake cannot hide in the helper.
    expect(step(null, openCommand(), local('2026-09-29T10:00:00.000')).snapshot.data.feedbackDueAt).toBe('2026-10-08T15:59:59.999Z');
    expect(step(null, openCommand({ slaClass: 'emergency' }), '2026-09-30T07:50:00.000Z').snapshot.data.signForDueAt).toBe('2026-09-30T08:05:00.000Z');
  });

  it('in a year without holiday data an appeal is still accepted, with the earliest possible deadlines', () => {
    // 2031-03-03 is a Monday; 1 working day and 7 days counted on plain calendar days, no holiday guessed.
    const events = decideAppeal(null, { ...openCommand(), target: null }, ctx('2031-03-03T01:00:00.000Z'));
    expect(events[0]!.data.feedbackDueAt).toBe(local('2031-03-10T23:59:59.999'));
  });
});

describe('settings override the default limits', () => {
  it('sign-for and feedback limits per class', () => {
    const settings = {
      'signFor.general': { amount: 2, unit: 'hour' },
      'feedback.general': { amount: 3, unit: 'working_day' },
      'signFor.emergency': { amount: 5, unit: 'minute' },
      'feedback.emergency': { amount: 4, unit: 'hour' },
    };
    const general = step(null, openCommand(), local('2026-09-29T10:00:00.000'), settings).snapshot;
    expect(general.data.signForDueAt).toBe(local('2026-09-29T12:00:00.000'));
    // 3 working days from Tuesday 09-29: 09-30, 10-08, 10-09.
    expect(general.data.feedbackDueAt).toBe(local('2026-10-09T23:59:59.999'));
    const emergency = step(null, openCommand({ slaClass: 'emergency' }), local('2026-09-29T10:00:00.000'), settings).snapshot;
    expect(emergency.data.signForDueAt).toBe(local('2026-09-29T10:05:00.000'));
    expect(emergency.data.feedbackDueAt).toBe(local('2026-09-29T14:00:00.000'));
    // Classes without a setting keep the defaults.
    const complex = step(null, openCommand({ slaClass: 'complex' }), local('2026-09-29T10:00:00.000'), settings).snapshot;
    expect(complex.data.feedbackDueAt).toBe(local('2026-10-14T23:59:59.999'));
  });

  it('a malformed setting is ignored, not trusted', () => {
    for (const bad of [{ amount: 1.5, unit: 'working_day' }, { amount: 2, unit: 'fortnight' }, { amount: -1, unit: 'hour' }, '2h', null]) {
      const s = step(null, openCommand(), local('2026-09-29T10:00:00.000'), { 'signFor.general': bad }).snapshot;
      expect(s.data.signForDueAt, JSON.stringify(bad)).toBe(local('2026-09-30T23:59:59.999'));
    }
  });

  it('the follow-up window for rating a reply', () => {
    const handling = run([open, { type: 'sign_for' }], NOW);
    expect(step(handling, reply, NOW).snapshot.data.followUpDueAt).toBe(local('2026-03-10T23:59:59.999'));
    expect(step(handling, reply, NOW, { followUpWindow: { amount: 3, unit: 'calendar_day' } }).snapshot.data.followUpDueAt).toBe(local('2026-03-06T23:59:59.999'));
  });
});

// ---- return and designation ------------------------------------------------------------------------

describe('return window (1 working day) and designation (兜底)', () => {
  const reason = '不属于本社区管辖';

  it('a wrong dispatch goes back to the dispatcher, with the reason, counted', () => {
    const dispatched = run([open], NOW);
    const { snapshot, events } = step(dispatched, { type: 'return', reason }, LATER);
    expect(events[0]!.data).toEqual({ from: ID.community, to: ID.district, reason, returns: 1, mustDesignate: false });
    expect(snapshot).toMatchObject({ state: 'returned', handlingUnitId: ID.district, dueAt: local('2026-03-10T23:59:59.999') });
    expect(snapshot.data).toMatchObject({ returns: 1, level: null, signForDueAt: null });
  });

  it('the window is one working day from dispatch: National Day', () => {
    const dispatched = run([open], local('2026-09-29T10:00:00.000'));
    expect(step(dispatched, { type: 'return', reason }, local('2026-09-30T23:59:59.000')).snapshot.state).toBe('returned');
    const late = refusal(() => decideAppeal(dispatched, { type: 'return', reason }, ctx(local('2026-10-01T00:00:00.000'))));
    expect(late.code).toBe('invalid_transition');
    expect(late.details).toEqual({ windowEnds: local('2026-09-30T23:59:59.999') });
    // Dispatched the day before the holiday: the window runs over it to 10-08.
    const eve = run([open], local('2026-09-30T10:00:00.000'));
    expect(step(eve, { type: 'return', reason }, local('2026-10-05T09:00:00.000')).snapshot.state).toBe('returned');
    expect(step(eve, { type: 'return', reason }, local('2026-10-08T23:00:00.000')).snapshot.state).toBe('returned');
    expect(refusal(() => decideAppeal(eve, { type: 'return', reason }, ctx(local('2026-10-09T00:00:00.000')))).code).toBe('invalid_transition');
  });

  it('the window is one working day from dispatch: Spring Festival make-up Saturday', () => {
    const dispatched = run([open], local('2026-02-13T10:00:00.000'));
    expect(step(dispatched, { type: 'return', reason }, local('2026-02-14T20:00:00.000')).snapshot.state).toBe('returned');
    const error = refusal(() => decideAppeal(dispatched, { type: 'return', reason }, ctx(local('2026-02-15T08:00:00.000'))));
    expect(error.details).toEqual({ windowEnds: local('2026-02-14T23:59:59.999') });
  });

  it('a setting widens the window', () => {
    const dispatched = run([open], local('2026-03-03T10:00:00.000'));
    const at = local('2026-03-05T10:00:00.000');
    expect(() => decideAppeal(dispatched, { type: 'return', reason }, ctx(at))).toThrow(DomainError);
    expect(step(dispatched, { type: 'return', reason }, at, { returnWindow: { amount: 2, unit: 'working_day' } }).snapshot.state).toBe('returned');
  });

  it('after 3 returns dispatch is refused; designating works; a designated owner cannot return', () => {
    let s = run([open], NOW);
    for (let i = 1; i <= 3; i++) {
      s = step(s, { type: 'return', reason }, NOW).snapshot;
      expect(s.data.returns).toBe(i);
      if (i < 3) s = step(s, { type: 'dispatch', unitId: ID.community }, NOW).snapshot;
    }
    expect(s.state).toBe('returned');
    const refused = refusal(() => decideAppeal(s, { type: 'dispatch', unitId: ID.otherCommunity }, ctx(NOW)));
    expect(refused.code).toBe('invalid_transition');
    expect(refused.details).toEqual({ returns: 3 });

    const designated = step(s, { type: 'designate', unitId: ID.community, note: '由长华里社区兜底办理' }, NOW);
    expect(designated.events[0]!.data).toMatchObject({ unitId: ID.community, designated: true, level: 'community', dispatcherUnitId: ID.district });
    expect(designated.snapshot).toMatchObject({ state: 'dispatched', handlingUnitId: ID.community });
    expect(designated.snapshot.data).toMatchObject({ designated: true, returns: 3, signForDueAt: local('2026-03-04T23:59:59.999') });
    expect(refusal(() => decideAppeal(designated.snapshot, { type: 'return', reason }, ctx(NOW))).code).toBe('invalid_transition');
    expect(step(designated.snapshot, { type: 'sign_for' }, NOW).snapshot.state).toBe('handling');
  });

  it('the district may designate even a dispatched appeal, and designated appeals still escalate', () => {
    const dispatched = run([open], NOW);
    const designated = step(dispatched, { type: 'designate', unitId: ID.housing }, NOW).snapshot;
    expect(designated).toMatchObject({ handlingUnitId: ID.housing, data: { level: 'department', designated: true } });
    expect(refusal(() => decideAppeal(designated, { type: 'return', reason }, ctx(NOW))).message).toMatch(/designated/);
  });

  it('the number of returns before designation is a setting', () => {
    let s = run([open], NOW);
    s = run([{ type: 'return', reason }, { type: 'dispatch', unitId: ID.community }, { type: 'return', reason }], NOW, {}, s);
    expect(step(s, { type: 'dispatch', unitId: ID.community }, NOW).snapshot.state).toBe('dispatched');
    expect(refusal(() => decideAppeal(s, { type: 'dispatch', unitId: ID.community }, ctx(NOW, { maxReturns: 2 }))).details).toEqual({ returns: 2 });
  });

  it('the return that reaches the limit says so, so the workbench offers designation only', () => {
    const limit = { maxReturns: 2 };
    const once = step(run([open], NOW), { type: 'return', reason }, NOW, limit).snapshot;
    expect(once.data.mustDesignate).toBe(false);
    const again = run([{ type: 'dispatch', unitId: ID.community }], NOW, limit, once);
    const twice = step(again, { type: 'return', reason }, NOW, limit);
    expect(twice.events[0]!.data).toMatchObject({ returns: 2, mustDesignate: true });
    expect(twice.snapshot.data.mustDesignate).toBe(true);
  });

  it('an escalated appeal that is returned goes to the district dispatcher, not back down', () => {
    const toStreet = step(run([open], NOW), { type: 'escalate', reason: '需街道协调' }, NOW).snapshot;
    const returned = step(toStreet, { type: 'return', reason: '应由区住建委处理' }, LATER);
    expect(returned.events[0]!.data).toMatchObject({ from: ID.street, to: ID.district });
    expect(returned.snapshot).toMatchObject({ state: 'returned', handlingUnitId: ID.district });
  });

  it('dispatch names a real handling unit: not a grid cell, not an unknown id', () => {
    const registered = run([unrouted], NOW);
    for (const unitId of [ID.grid, '00000000-0000-4000-8000-0000000000ff']) {
      const error = refusal(() => decideAppeal(registered, { type: 'dispatch', unitId }, ctx(NOW)));
      expect(error.code).toBe('validation_failed');
      expect(error.details).toMatchObject({ issues: [{ field: 'body.unitId' }] });
    }
  });
});

// ---- escalation -----------------------------------------------------------------------------------

describe('escalation: community → street → district, department → district, none above the district', () => {
  it('escalationTarget follows the tree', () => {
    expect(escalationTarget(directory, ID.community)?.id).toBe(ID.street);
    expect(escalationTarget(directory, ID.street)?.id).toBe(ID.district);
    expect(escalationTarget(directory, ID.housing)?.id).toBe(ID.district);
    expect(escalationTarget(directory, ID.streetCentre)?.id).toBe(ID.district);
    expect(escalationTarget(directory, ID.grid)?.id).toBe(ID.community);
    expect(escalationTarget(directory, ID.district)).toBeUndefined();
    expect(escalationTarget(directory, null)).toBeUndefined();
  });

  it('each step hands the appeal up with fresh clocks, and the district refuses', () => {
    const dispatched = run([open], NOW);
    const toStreet = step(dispatched, { type: 'escalate', reason: '需街道协调' }, LATER);
    expect(toStreet.events[0]!.data).toMatchObject({ from: ID.community, to: ID.street, toName: '长虹街', level: 'street', reason: '需街道协调' });
    expect(toStreet.snapshot).toMatchObject({ state: 'dispatched', handlingUnitId: ID.street, dueAt: local('2026-03-04T23:59:59.999') });
    expect(toStreet.snapshot.data).toMatchObject({ level: 'street', escalations: 1, dispatchedAt: LATER, dispatcherUnitId: null, feedbackDueAt: local('2026-03-10T23:59:59.999') });

    const signed = step(toStreet.snapshot, { type: 'sign_for' }, LATER).snapshot;
    const toDistrict = step(signed, { type: 'escalate', reason: '需区级协调' }, local('2026-03-04T10:00:00.000'));
    expect(toDistrict.snapshot).toMatchObject({ state: 'dispatched', handlingUnitId: ID.district, data: { level: 'district', escalations: 2 } });
    // Escalated on Wednesday: fresh sign-for (Thursday) and feedback (7 days: 03-11) clocks.
    expect(toDistrict.snapshot.data.signForDueAt).toBe(local('2026-03-05T23:59:59.999'));
    expect(toDistrict.snapshot.data.feedbackDueAt).toBe(local('2026-03-11T23:59:59.999'));

    const error = refusal(() => decideAppeal(toDistrict.snapshot, { type: 'escalate', reason: '再上报' }, ctx(LATER)));
    expect(error.code).toBe('invalid_transition');
    expect(error.message).toMatch(/district/);
  });

  it('a department escalates to the district; escalation clears designation', () => {
    const atHousing = run([openCommand({ categoryCode: 'heating', slaClass: 'utilities', target: { unitId: ID.housing, level: 'department' } })], NOW);
    expect(atHousing.data.level).toBe('department');
    const up = step(atHousing, { type: 'escalate', reason: '涉及多部门' }, NOW).snapshot;
    expect(up).toMatchObject({ handlingUnitId: ID.district, data: { level: 'district', designated: false } });
    const designated = run([{ type: 'designate', unitId: ID.community }, { type: 'escalate', reason: '社区无法解决' }], NOW, {}, run([open], NOW));
    expect(designated.data).toMatchObject({ designated: false, escalations: 1 });
  });
});

// ---- extension, reply, rating, reopening ----------------------------------------------------------

describe('extension: one only, at most maxExtensionDays, decided above', () => {
  // Opened Tuesday 09-15: feedback due Tuesday 09-22.
  const handling = run([open, { type: 'sign_for' }], local('2026-09-15T10:00:00.000'));
  const at = local('2026-09-18T10:00:00.000');

  it('too many days names the field', () => {
    expect(handling.data.feedbackDueAt).toBe(local('2026-09-22T23:59:59.999'));
    const error = refusal(() => decideAppeal(handling, { type: 'request_extension', days: 16, reason: '需要更多时间' }, ctx(at)));
    expect(error.code).toBe('validation_failed');
    expect(error.details).toMatchObject({ issues: [{ field: 'body.days' }] });
    expect(step(handling, { type: 'request_extension', days: 15, reason: '需要更多时间' }, at).snapshot.data.extension?.days).toBe(15);
    expect(refusal(() => decideAppeal(handling, { type: 'request_extension', days: 6, reason: '需要更多时间' }, ctx(at, { maxExtensionDays: 5 }))).code).toBe('validation_failed');
  });

  it('approval moves the feedback deadline by calendar days, off the holiday (09-22 + 10 = 10-02 → 10-08)', () => {
    const requested = step(handling, { type: 'request_extension', days: 10, reason: '需协调供热单位' }, at);
    expect(requested.events[0]!.data).toEqual({ days: 10, reason: '需协调供热单位' });
    expect(requested.snapshot.data.extension).toEqual({ days: 10, reason: '需协调供热单位', status: 'pending', requestedAt: at });
    expect(requested.snapshot.dueAt).toBe(local('2026-09-22T23:59:59.999'));
    const approved = step(requested.snapshot, { type: 'decide_extension', approve: true, note: '同意' }, at);
    expect(approved.events[0]!.data).toMatchObject({ approve: true, days: 10, feedbackDueAt: local('2026-10-08T23:59:59.999') });
    expect(approved.snapshot).toMatchObject({ state: 'handling', dueAt: local('2026-10-08T23:59:59.999') });
    expect(approved.snapshot.data.extension?.status).toBe('approved');
    // One extension only.
    expect(refusal(() => decideAppeal(approved.snapshot, { type: 'request_extension', days: 3, reason: '还需要时间' }, ctx(at))).code).toBe('invalid_transition');
    expect(refusal(() => decideAppeal(approved.snapshot, { type: 'decide_extension', approve: true }, ctx(at))).code).toBe('invalid_transition');
  });

  it('a rejected request leaves the deadline and may be asked again', () => {
    const requested = step(handling, { type: 'request_extension', days: 10, reason: '需协调供热单位' }, at).snapshot;
    expect(refusal(() => decideAppeal(requested, { type: 'request_extension', days: 3, reason: '再申请' }, ctx(at))).code).toBe('invalid_transition');
    const rejected = step(requested, { type: 'decide_extension', approve: false, note: '理由不充分' }, at).snapshot;
    expect(rejected.dueAt).toBe(local('2026-09-22T23:59:59.999'));
    expect(rejected.data.extension?.status).toBe('rejected');
    expect(step(rejected, { type: 'request_extension', days: 3, reason: '补充理由后再申请' }, at).snapshot.data.extension?.status).toBe('pending');
  });

  it('an approved extension clears a feedback overdue flag', () => {
    const flagged = step(handling, { type: 'flag_overdue', clock: 'feedback' }, at).snapshot;
    expect(flagged.data.overdue.feedback).toBe(at);
    const approved = run([{ type: 'request_extension', days: 5, reason: '需要更多时间' }, { type: 'decide_extension', approve: true }], at, {}, flagged);
    expect(approved.data.overdue.feedback).toBeUndefined();
  });
});

describe('reply, rating, follow-up, reopening', () => {
  const handling = run([open, { type: 'sign_for' }], NOW);

  it('satisfied or basically satisfied closes; unsatisfied waits in followed_up', () => {
    const replied = step(handling, { ...reply, internalNote: '已现场查看' } as AppealCommand, NOW);
    expect(replied.events.map((e) => [e.type, e.visibility])).toEqual([['replied', 'public'], ['note_added', 'internal']]);
    expect(replied.snapshot).toMatchObject({ state: 'replied', dueAt: local('2026-03-10T23:59:59.999'), data: { reply: { text: (reply as { text: string }).text, at: NOW } } });
    for (const rating of ['satisfied', 'basically_satisfied'] as const) {
      const { snapshot, events } = step(replied.snapshot, { type: 'rate', rating, comment: '谢谢' }, LATER);
      expect(events.map((e) => e.type)).toEqual(['rated', 'closed']);
      expect(events[0]!.data).toEqual({ rating, comment: '谢谢', by: 'resident' });
      expect(events[1]!.data).toEqual({ reason: 'rated' });
      expect(snapshot).toMatchObject({ state: 'closed', dueAt: null, data: { rating: { value: rating, by: 'resident' } } });
    }
    const staff = step(replied.snapshot, { type: 'record_follow_up', rating: 'unsatisfied' }, LATER).snapshot;
    expect(staff).toMatchObject({ state: 'followed_up', data: { rating: { value: 'unsatisfied', by: 'staff', comment: null } } });
  });

  it('unsatisfied → reopen gets a new feedback clock from the reopening', () => {
    const followed = run([reply, { type: 'rate', rating: 'unsatisfied', comment: '还是很吵' }], NOW, {}, handling);
    const reopenedAt = local('2026-03-12T10:00:00.000');
    const { snapshot, events } = step(followed, { type: 'reopen', reason: '噪音仍然存在' }, reopenedAt);
    expect(events[0]!.data).toEqual({ reason: '噪音仍然存在', feedbackDueAt: local('2026-03-19T23:59:59.999') });
    expect(snapshot).toMatchObject({ state: 'handling', dueAt: local('2026-03-19T23:59:59.999') });
    expect(snapshot.data).toMatchObject({ reopenCount: 1, reply: null, rating: null, followUpDueAt: null, feedbackDueAt: local('2026-03-19T23:59:59.999') });
    // and the cycle runs again
    expect(run([reply, { type: 'rate', rating: 'satisfied' }], reopenedAt, {}, snapshot).state).toBe('closed');
  });

  it('close after follow-up and close_unrated', () => {
    const followed = run([reply, { type: 'rate', rating: 'unsatisfied' }], NOW, {}, handling);
    expect(step(followed, { type: 'close', note: '已尽力协调' }, LATER).events[0]!.data).toEqual({ reason: 'closed_after_follow_up', note: '已尽力协调' });
    const replied = step(handling, reply, NOW).snapshot;
    const unrated = step(replied, { type: 'close_unrated' }, LATER);
    expect(unrated.events[0]!.data).toEqual({ reason: 'not_rated_in_time' });
    expect(unrated.snapshot.state).toBe('closed');
  });
});

// ---- supervision, merging, withdrawal ------------------------------------------------------------------

describe('supervision, merging, withdrawal', () => {
  const handling = run([open, { type: 'sign_for' }], NOW);

  it('supervise needs a deadline in the future', () => {
    for (const dueAt of [local('2026-03-03T08:00:00.000'), NOW]) {
      const error = refusal(() => decideAppeal(handling, { type: 'supervise', note: '请尽快办理', dueAt }, ctx(NOW)));
      expect(error.code).toBe('validation_failed');
      expect(error.details).toMatchObject({ issues: [{ field: 'body.dueAt' }] });
    }
    const { snapshot, events } = step(handling, { type: 'supervise', note: '请尽快办理', dueAt: '2026-03-05T18:00:00+08:00' }, NOW, {}, ACTORS.leader);
    expect(events[0]).toMatchObject({ type: 'supervised', visibility: 'internal', data: { note: '请尽快办理', dueAt: local('2026-03-05T18:00:00.000') } });
    expect(snapshot.data.supervision).toEqual({ note: '请尽快办理', dueAt: local('2026-03-05T18:00:00.000'), at: NOW, by: 'leader' });
    // without a deadline
    expect(step(handling, { type: 'supervise', note: '关注' }, NOW).snapshot.data.supervision?.dueAt).toBeNull();
  });

  it('an appeal cannot be merged into itself; merged ones are closed with their parent', () => {
    const registered = run([unrouted], NOW);
    const error = refusal(() => decideAppeal(registered, { type: 'merge_into', parentId: registered.id }, ctx(NOW)));
    expect(error.code).toBe('invalid_transition');
    const merged = step(registered, { type: 'merge_into', parentId: PARENT }, NOW).snapshot;
    expect(merged).toMatchObject({ state: 'merged', dueAt: null, data: { parentId: PARENT } });
    expect(appealModule.states[merged.state]).toBe('closed');
    const passed = step(merged, { type: 'reply_from_parent', parentId: PARENT, text: '已统一处理' }, LATER).snapshot;
    expect(passed.data.reply).toEqual({ text: '已统一处理', at: LATER });
    const parent = step(handling, { type: 'absorb', childId: CHILD }, NOW).snapshot;
    expect(parent.data.childIds).toEqual([CHILD]);
  });

  it('a parent that has replied or closed takes no more duplicates', () => {
    for (const row of ['replied', 'closed', 'merged', 'withdrawn'] as const) {
      const error = refusal(() => decideAppeal(inState(row), { type: 'absorb', childId: CHILD }, ctx(NOW)));
      expect(error.code, row).toBe('invalid_transition');
      expect(error.details, row).toEqual({ parentState: same(row) });
    }
  });

  it('withdrawal closes before the reply, not after', () => {
    expect(step(handling, { type: 'withdraw', reason: '已解决' }, NOW).snapshot).toMatchObject({ state: 'withdrawn', dueAt: null });
    expect(refusal(() => decideAppeal(step(handling, reply, NOW).snapshot, { type: 'withdraw' }, ctx(NOW))).code).toBe('invalid_transition');
  });
});

// ---- the manifest's clocks ------------------------------------------------------------------------

describe('timers() and onTimer()', () => {
  const timers = (s: AppealSnapshot) => appealModule.timers(s, ctx(NOW));
  const onTimer = (s: AppealSnapshot, kind: string) => appealModule.onTimer(s, kind, ctx(NOW));

  it('each state runs the clock it owes', () => {
    expect(timers(inState('registered'))).toEqual([]);
    expect(timers(inState('dispatched'))).toEqual([{ kind: 'sign_for', dueAt: local('2026-03-04T23:59:59.999') }]);
    expect(timers(inState('handling'))).toEqual([{ kind: 'feedback', dueAt: local('2026-03-10T23:59:59.999') }]);
    expect(timers(inState('returned'))).toEqual([]);
    expect(timers(inState('replied'))).toEqual([{ kind: 'follow_up', dueAt: local('2026-03-10T23:59:59.999') }]);
    expect(timers(inState('followed_up'))).toEqual([{ kind: 'follow_up', dueAt: local('2026-03-10T23:59:59.999') }]);
    for (const row of ['closed', 'merged', 'withdrawn'] as const) expect(timers(inState(row)), row).toEqual([]);
  });

  it('a supervision deadline runs until the reply', () => {
    const dueAt = local('2026-03-05T18:00:00.000');
    const supervised = (row: Row) => step(inState(row), { type: 'supervise', note: '督办', dueAt }, NOW).snapshot;
    expect(timers(supervised('registered'))).toEqual([{ kind: 'supervision', dueAt }]);
    expect(timers(supervised('returned'))).toEqual([{ kind: 'supervision', dueAt }]);
    expect(timers(supervised('handling'))).toContainEqual({ kind: 'supervision', dueAt });
    const replied = step(supervised('handling'), reply, NOW).snapshot;
    expect(timers(replied).map((t) => t.kind)).toEqual(['follow_up']);
    expect(onTimer(supervised('handling'), 'supervision')).toEqual({ type: 'flag_overdue', clock: 'supervision' });
    const flagged = step(supervised('handling'), { type: 'flag_overdue', clock: 'supervision' }, NOW).snapshot;
    expect(timers(flagged).map((t) => t.kind)).toEqual(['feedback']);
  });

  it('a missed supervision deadline stays flagged when the appeal moves to another unit, and is not flagged twice', () => {
    const dueAt = local('2026-03-05T18:00:00.000');
    const supervised = step(inState('handling'), { type: 'supervise', note: '督办', dueAt }, NOW).snapshot;
    const flagged = step(supervised, { type: 'flag_overdue', clock: 'supervision' }, NOW).snapshot;
    const escalated = step(flagged, { type: 'escalate', reason: '需街道协调' }, LATER).snapshot;
    expect(escalated.data.overdue.supervision).toBe(flagged.data.overdue.supervision);
    expect(timers(escalated).map((t) => t.kind)).toEqual(['sign_for']);
    // a leader's new deadline starts the supervision clock again
    const renewed = step(escalated, { type: 'supervise', note: '再次督办', dueAt: local('2026-03-09T18:00:00.000') }, LATER).snapshot;
    expect(timers(renewed).map((t) => t.kind)).toContain('supervision');
  });

  it('sign_for overdue at a community escalates to the street, with the reason', () => {
    const dispatched = inState('dispatched');
    const command = onTimer(dispatched, 'sign_for');
    expect(command).toEqual({ type: 'escalate', reason: '签收超时，自动上报' });
    const up = step(dispatched, command!, local('2026-03-05T00:00:00.000')).snapshot;
    expect(up).toMatchObject({ handlingUnitId: ID.street, state: 'dispatched' });
    // escalated at 00:00 on Thursday: the street has until the end of Friday
    expect(timers(up)).toEqual([{ kind: 'sign_for', dueAt: local('2026-03-06T23:59:59.999') }]);
  });

  it('feedback overdue escalates too; a department goes to the district', () => {
    expect(onTimer(inState('handling'), 'feedback')).toEqual({ type: 'escalate', reason: '办理超时，自动上报' });
    const atHousing = run([openCommand({ slaClass: 'utilities', target: { unitId: ID.housing, level: 'department' } })], NOW);
    expect(onTimer(atHousing, 'sign_for')).toEqual({ type: 'escalate', reason: '签收超时，自动上报' });
  });

  it('at the district the appeal is flagged red instead, once, and no clock runs again', () => {
    const atDistrict = run([open, { type: 'escalate', reason: '上报' }, { type: 'escalate', reason: '上报' }], NOW);
    expect(atDistrict.handlingUnitId).toBe(ID.district);
    const command = onTimer(atDistrict, 'sign_for');
    expect(command).toEqual({ type: 'flag_overdue', clock: 'sign_for' });
    const at = local('2026-03-05T00:00:00.000');
    const flagged = step(atDistrict, command!, at);
    expect(flagged.events).toMatchObject([{ type: 'overdue_flagged', visibility: 'internal', data: { clock: 'sign_for' } }]);
    expect(flagged.snapshot.data.overdue).toEqual({ sign_for: at });
    expect(timers(flagged.snapshot)).toEqual([]);
    // flagging twice adds nothing
    expect(decideAppeal(flagged.snapshot, command!, ctx(at))).toEqual([]);
    // signing for starts the feedback clock; its own miss is flagged the same way
    const handling = step(flagged.snapshot, { type: 'sign_for' }, at).snapshot;
    expect(onTimer(handling, 'feedback')).toEqual({ type: 'flag_overdue', clock: 'feedback' });
    const red = step(handling, { type: 'flag_overdue', clock: 'feedback' }, at).snapshot;
    expect(timers(red)).toEqual([]);
  });

  it('the follow-up clock closes an unrated reply; unknown timers do nothing', () => {
    expect(onTimer(inState('replied'), 'follow_up')).toEqual({ type: 'close_unrated' });
    expect(onTimer(inState('handling'), 'something_else')).toBeNull();
  });
});

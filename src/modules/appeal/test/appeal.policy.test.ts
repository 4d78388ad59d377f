// Who may do what to an appeal now (the module's policy, DESIGN.md principle 5, third check), per actor,
// both as the module answers and as the kernel filters it by the permission held where the case is.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/actor.ts';
import { abilitiesOf } from '../../../server/core/cases/case.service.ts';
import type { CaseSnapshot } from '../../../server/core/cases/case-module.ts';
import { appealAbilities, COMMAND_PERMISSIONS } from '../shared/appeal.policy.ts';
import { appealCommand } from '../shared/appeal.schemas.ts';
import type { AppealSnapshot } from '../shared/appeal.machine.ts';
import type { AppealCommand } from '../shared/appeal.schemas.ts';
import { appealModule } from '../manifest.ts';
import { ACTORS, directory, ID, local, openCommand, run } from './appeal.fixtures.ts';

const NOW = local('2026-03-03T09:00:00.000');
const open = openCommand();
const reply: AppealCommand = { type: 'reply', text: '已联系装修方' };

const at = {
  registered: () => run([openCommand({ target: null })], NOW),
  dispatched: () => run([open], NOW),
  designated: () => run([open, { type: 'designate', unitId: ID.community }], NOW),
  handling: () => run([open, { type: 'sign_for' }], NOW),
  extensionPending: () => run([open, { type: 'sign_for' }, { type: 'request_extension', days: 5, reason: '需协调施工方' }], NOW),
  returned: () => run([open, { type: 'return', reason: '不属于本社区' }], NOW),
  returnedThrice: () => run([
    open, { type: 'return', reason: '不属于本社区' }, { type: 'dispatch', unitId: ID.community }, { type: 'return', reason: '不属于本社区' },
    { type: 'dispatch', unitId: ID.community }, { type: 'return', reason: '不属于本社区' },
  ], NOW),
  replied: () => run([open, { type: 'sign_for' }, reply], NOW),
  followedUp: () => run([open, { type: 'sign_for' }, reply, { type: 'rate', rating: 'unsatisfied' }], NOW),
  closed: () => run([open, { type: 'sign_for' }, reply, { type: 'rate', rating: 'satisfied' }], NOW),
  atStreet: () => run([open, { type: 'escalate', reason: '需街道协调' }, { type: 'sign_for' }, { type: 'request_extension', days: 5, reason: '需协调' }], NOW),
  atHousing: () => run([openCommand({ categoryCode: 'heating', slaClass: 'utilities', target: { unitId: ID.housing, level: 'department' } })], NOW),
  housingHandling: () => run([openCommand({ categoryCode: 'heating', slaClass: 'utilities', target: { unitId: ID.housing, level: 'department' } }), { type: 'sign_for' }], NOW),
};

const abilities = (s: AppealSnapshot, actor: Actor) => appealAbilities(s, actor, directory);
/** What the kernel returns: the policy, kept only where the actor holds the command's permission. */
const kernel = (s: AppealSnapshot, actor: Actor) => abilitiesOf(appealModule, s as unknown as CaseSnapshot, actor, directory);

describe('residents', () => {
  it('the owner withdraws before the reply, rates the reply, reopens when unsatisfied', () => {
    for (const s of [at.registered(), at.dispatched(), at.handling(), at.returned()]) expect(kernel(s, ACTORS.owner), s.state).toEqual(['withdraw']);
    expect(kernel(at.replied(), ACTORS.owner)).toEqual(['rate']);
    expect(kernel(at.followedUp(), ACTORS.owner)).toEqual(['reopen']);
    expect(kernel(at.closed(), ACTORS.owner)).toEqual([]);
    // A follow-up call recorded by staff as basically satisfied closes it: nothing is left for the owner.
    const staffSatisfied = run([open, { type: 'sign_for' }, reply, { type: 'record_follow_up', rating: 'basically_satisfied' }], NOW);
    expect(kernel(staffSatisfied, ACTORS.owner)).toEqual([]);
  });

  it('the owner is known by the person record too (matched by phone before signing up)', () => {
    const byPerson: Actor = { kind: 'resident', tenantId: 't', userId: 'another-account', label: '李秀英', personId: 'person-owner' };
    expect(kernel(at.replied(), byPerson)).toEqual(['rate']);
  });

  it('another resident may do nothing, in any state', () => {
    for (const make of Object.values(at)) expect(kernel(make(), ACTORS.otherResident)).toEqual([]);
    expect(kernel(at.replied(), ACTORS.anonymous)).toEqual([]);
  });
});

describe('community workers', () => {
  it('at the handling unit: sign for, escalate or return a dispatch; reply or ask for more time while handling', () => {
    expect(kernel(at.dispatched(), ACTORS.worker)).toEqual(['sign_for', 'escalate', 'return', 'note']);
    expect(kernel(at.handling(), ACTORS.worker)).toEqual(['reply', 'escalate', 'request_extension', 'note']);
    expect(kernel(at.extensionPending(), ACTORS.worker)).toEqual(['reply', 'escalate', 'note']);
    expect(kernel(at.replied(), ACTORS.worker)).toEqual(['record_follow_up', 'note']);
    expect(kernel(at.followedUp(), ACTORS.worker)).toEqual(['reopen', 'note']);
    expect(kernel(at.closed(), ACTORS.worker)).toEqual(['note']);
  });

  it('a designated owner cannot return', () => {
    expect(kernel(at.designated(), ACTORS.worker)).toEqual(['sign_for', 'escalate', 'note']);
  });

  it('cannot dispatch, designate, decide extensions, close or supervise', () => {
    const all = Object.values(at).flatMap((make) => kernel(make(), ACTORS.worker));
    for (const type of ['dispatch', 'designate', 'decide_extension', 'close', 'supervise', 'merge_into']) expect(all).not.toContain(type);
  });

  it('a community worker elsewhere may do nothing', () => {
    for (const make of Object.values(at)) expect(kernel(make(), ACTORS.otherWorker)).toEqual([]);
  });

  it('once the appeal moved up to the street, the community only adds notes', () => {
    expect(kernel(at.atStreet(), ACTORS.worker)).toEqual(['note']);
  });
});

describe('street handlers', () => {
  it('decide an extension their community asked for', () => {
    expect(kernel(at.extensionPending(), ACTORS.streetHandler)).toEqual(['reply', 'escalate', 'decide_extension', 'note']);
    expect(kernel(at.extensionPending(), ACTORS.otherStreetHandler)).toEqual([]);
  });

  it('do not decide an extension of an appeal they handle themselves: that is the district\'s', () => {
    expect(kernel(at.atStreet(), ACTORS.streetHandler)).not.toContain('decide_extension');
    expect(kernel(at.atStreet(), ACTORS.dispatcher)).toContain('decide_extension');
  });

  it('close a followed-up appeal of their community and merge duplicates dispatched below them', () => {
    expect(kernel(at.followedUp(), ACTORS.streetHandler)).toEqual(['reopen', 'close', 'note']);
    expect(kernel(at.dispatched(), ACTORS.streetHandler)).toContain('merge_into');
  });

  it('never designate', () => {
    for (const make of [at.registered, at.returned, at.returnedThrice, at.dispatched]) expect(kernel(make(), ACTORS.streetHandler)).not.toContain('designate');
  });
});

describe('the district dispatcher', () => {
  it('dispatches and designates what sits with the district', () => {
    expect(kernel(at.registered(), ACTORS.dispatcher)).toEqual(['dispatch', 'designate', 'merge_into', 'note']);
    expect(kernel(at.returned(), ACTORS.dispatcher)).toEqual(['dispatch', 'designate', 'merge_into', 'note']);
  });

  it('after 3 returns may only designate', () => {
    const abilitiesNow = kernel(at.returnedThrice(), ACTORS.dispatcher);
    expect(abilitiesNow).toContain('designate');
    expect(abilitiesNow).not.toContain('dispatch');
  });

  it('may designate a dispatched appeal too', () => {
    expect(kernel(at.dispatched(), ACTORS.dispatcher)).toContain('designate');
  });
});

describe('leaders', () => {
  it('supervise open appeals before the reply, and nothing else', () => {
    for (const make of [at.registered, at.dispatched, at.handling, at.returned]) expect(kernel(make(), ACTORS.leader)).toEqual(['supervise']);
    for (const make of [at.replied, at.followedUp, at.closed]) expect(kernel(make(), ACTORS.leader)).toEqual([]);
  });

  it('nobody else supervises', () => {
    for (const actor of [ACTORS.worker, ACTORS.streetHandler, ACTORS.dispatcher, ACTORS.housing]) expect(kernel(at.handling(), actor)).not.toContain('supervise');
  });
});

describe('department handlers', () => {
  it('act on an appeal their department handles', () => {
    expect(kernel(at.atHousing(), ACTORS.housing)).toEqual(['sign_for', 'escalate', 'return', 'note']);
    expect(kernel(at.housingHandling(), ACTORS.housing)).toEqual(['reply', 'escalate', 'request_extension', 'note']);
  });

  it('see nothing to do on a community\'s appeal', () => {
    for (const make of [at.dispatched, at.handling, at.replied]) expect(kernel(make(), ACTORS.housing)).toEqual([]);
  });

  it('the community where the matter lies may only add notes to a department\'s appeal', () => {
    expect(kernel(at.atHousing(), ACTORS.worker)).toEqual(['note']);
  });
});

describe('the policy and the command permissions agree', () => {
  it('every command residents and staff can send has a permission', () => {
    const types = appealCommand.options.map((o) => o.shape.type.value);
    for (const type of types) expect(COMMAND_PERMISSIONS[type], type).toBeDefined();
  });

  it('administrators and the system', () => {
    for (const make of Object.values(at)) expect(kernel(make(), ACTORS.admin)).toEqual([]);
    expect(abilities(at.dispatched(), ACTORS.system)).toEqual([]);
  });
});

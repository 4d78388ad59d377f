// Who may do what to an application, state by state (the third access check): the handling unit's staff, the
// street's handler above it, joint units, leaders, the applicant, other residents and staff elsewhere — and the
// kernel's permission names for every command.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/actor.ts';
import { isPermission } from '../../../shared/permissions.ts';
import { applicationCommand } from '../shared/application.schemas.ts';
import { applicationAbilities, COMMAND_PERMISSIONS } from '../shared/application.policy.ts';
import type { ApplicationSnapshot } from '../shared/application.machine.ts';
import { ACTORS, directory, ID, local, openCommand, run, step } from './application.fixtures.ts';

const T0 = local('2026-03-03T09:00:00');
const T1 = local('2026-03-04T10:00:00');
const joint = { service: { jointUnitIds: [ID.urban], periodDays: 45 } };

const STATES: Record<string, () => ApplicationSnapshot> = {
  submitted: () => run([[openCommand(), T0, ACTORS.applicant]]),
  materials_incomplete: () => run([[openCommand(), T0, ACTORS.applicant], [{ type: 'request_materials', codes: ['deed'], note: '缺页' }, T1, ACTORS.civic]]),
  under_review: () => run([[openCommand(), T0, ACTORS.applicant], [{ type: 'accept' }, T1, ACTORS.civic]]),
  under_review_joint: () => run([[openCommand(joint), T0, ACTORS.applicant], [{ type: 'accept' }, T1, ACTORS.civic]]),
  extension_pending: () => run([[openCommand(), T0, ACTORS.applicant], [{ type: 'accept' }, T1, ACTORS.civic], [{ type: 'request_extension', reason: '情况复杂' }, T1, ACTORS.civic]]),
  paused: () => run([[openCommand(), T0, ACTORS.applicant], [{ type: 'accept' }, T1, ACTORS.civic], [{ type: 'pause', reason: 'expert' }, T1, ACTORS.civic]]),
  approved: () => run([[openCommand(), T0, ACTORS.applicant], [{ type: 'accept' }, T1, ACTORS.civic], [{ type: 'approve' }, T1, ACTORS.civic]]),
};

const TABLE: Array<[string, keyof typeof ACTORS, string[]]> = [
  ['submitted', 'civic', ['accept', 'request_materials']],
  ['submitted', 'streetHandler', ['accept', 'request_materials']],
  ['submitted', 'worker', []],
  ['submitted', 'urban', []],
  ['submitted', 'leader', []],
  ['submitted', 'admin', []],
  ['submitted', 'applicant', ['withdraw']],
  ['submitted', 'otherResident', []],
  ['submitted', 'anonymous', []],
  ['submitted', 'system', []],
  ['materials_incomplete', 'civic', []],
  ['materials_incomplete', 'applicant', ['resubmit', 'withdraw']],
  ['under_review', 'civic', ['approve', 'reject', 'pause', 'request_extension']],
  ['under_review', 'urban', []],
  ['under_review', 'applicant', ['withdraw']],
  ['under_review_joint', 'civic', ['pause', 'request_extension']],
  ['under_review_joint', 'urban', ['give_opinion']],
  ['under_review_joint', 'market', []],
  ['extension_pending', 'civic', ['approve', 'reject', 'pause']],
  ['extension_pending', 'leader', ['approve_extension', 'refuse_extension']],
  ['extension_pending', 'streetLeader', ['approve_extension', 'refuse_extension']],
  ['extension_pending', 'worker', []],
  ['paused', 'civic', ['resume']],
  ['paused', 'applicant', ['withdraw']],
  ['approved', 'civic', []],
  ['approved', 'applicant', []],
  ['approved', 'leader', []],
];

describe('abilities by state and actor', () => {
  for (const [state, actor, expected] of TABLE) {
    it(`${state} · ${actor}: ${expected.join(', ') || 'nothing'}`, () => {
      expect(applicationAbilities(STATES[state]!(), ACTORS[actor] as Actor, directory)).toEqual(expected);
    });
  }

  it('every ability is a command the machine accepts from that actor in that state', () => {
    for (const [state, actor, expected] of TABLE) {
      for (const type of expected) {
        const sample: Record<string, Record<string, unknown>> = {
          request_materials: { codes: ['deed'], note: '缺页' }, resubmit: { materials: [{ code: 'deed', attachmentIds: ['00000000-0000-4000-8000-0000000000f3'] }] },
          pause: { reason: 'hearing' }, give_opinion: { agree: true, text: '同意' }, request_extension: { reason: '情况复杂' }, reject: { reasons: '不符合条件' },
        };
        expect(() => step(STATES[state]!(), { type, ...sample[type] } as never, T1, ACTORS[actor] as Actor), `${state} ${actor} ${type}`).not.toThrow();
      }
    }
  });
});

describe('permissions', () => {
  it('every command a client may send has a permission the kernel knows (or is the applicant\'s own)', () => {
    const types = applicationCommand.options.map((o) => o.shape.type.value);
    for (const type of types) {
      const permission = COMMAND_PERMISSIONS[type];
      expect(permission, type).toBeDefined();
      for (const p of [permission].flat()) expect(p === 'resident' || isPermission(p!), `${type}: ${p}`).toBe(true);
    }
    expect(COMMAND_PERMISSIONS.approve_extension).toBe('case.supervise');
    expect(COMMAND_PERMISSIONS.withdraw).toBe('resident');
  });
});

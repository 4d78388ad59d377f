// Who may do what to an application now (the third access check). The handling unit's staff check the
// materials, accept, pause, ask for an extension and decide; staff of each joint unit give their opinion;
// a leader (case.supervise) approves or refuses the one extension; the applicant resubmits and withdraws.
import { canAt, isRequester, type Actor } from '../../../shared/actor.ts';
import type { JurisdictionDirectory } from '../../../shared/jurisdiction-directory.ts';
import type { Permission } from '../../../shared/permissions.ts';
import { OPEN_STATES, opinionUnitsOf, pendingOpinionUnits, type ApplicationSnapshot, type ApplicationStateName } from './application.machine.ts';

export const COMMAND_PERMISSIONS: Record<string, Permission | 'resident' | Array<Permission | 'resident'>> = {
  // Online applications come from signed-in residents; counter staff open them on an applicant's behalf.
  open: ['resident', 'case.act'],
  accept: 'case.act',
  request_materials: 'case.act',
  pause: 'case.act',
  resume: 'case.act',
  give_opinion: 'case.act',
  request_extension: 'case.act',
  approve: 'case.act',
  reject: 'case.act',
  approve_extension: 'case.supervise',
  refuse_extension: 'case.supervise',
  resubmit: 'resident',
  withdraw: 'resident',
};

export function applicationAbilities(snapshot: ApplicationSnapshot, actor: Actor, directory: JurisdictionDirectory): string[] {
  const state = snapshot.state as ApplicationStateName;
  const data = snapshot.data;
  const open = OPEN_STATES.includes(state);
  if (actor.kind === 'resident') {
    if (!isRequester(actor, snapshot) || !open) return [];
    return state === 'materials_incomplete' ? ['resubmit', 'withdraw'] : ['withdraw'];
  }
  if (actor.kind !== 'staff') return [];
  const unit = directory.get(snapshot.handlingUnitId);
  const location = directory.get(snapshot.jurisdictionId);
  const atUnit = (p: Permission) => Boolean(unit && canAt(actor, p, unit.path));
  const supervises = atUnit('case.supervise') || Boolean(location && canAt(actor, 'case.supervise', location.path));
  const out: string[] = [];
  const mayDecide = pendingOpinionUnits(data).length === 0;
  switch (state) {
    case 'submitted':
      if (atUnit('case.act')) out.push('accept', ...(data.requestedMaterials ? [] : ['request_materials']));
      break;
    case 'resubmitted':
      if (atUnit('case.act')) out.push('accept', 'reject');
      break;
    case 'under_review':
      if (atUnit('case.act')) {
        if (mayDecide) out.push('approve', 'reject');
        out.push('pause');
        if (!data.extension) out.push('request_extension');
      }
      if (opinionUnitsOf(snapshot, actor, directory).length > 0) out.push('give_opinion');
      break;
    case 'paused':
      if (atUnit('case.act')) out.push('resume');
      break;
    default:
      break;
  }
  if ((state === 'under_review' || state === 'paused') && data.extension?.status === 'pending' && supervises) out.push('approve_extension', 'refuse_extension');
  return out;
}

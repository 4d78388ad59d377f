// Who may do what to an appeal now (the third access check). Staff act at the handling unit;
// the level above approves extensions and closes; the district designates; leaders supervise.
import { canAt, isRequester, type Actor } from '../../../shared/actor.ts';
import type { JurisdictionDirectory } from '../../../shared/jurisdiction-directory.ts';
import type { Permission } from '../../../shared/permissions.ts';
import { escalationTarget, type AppealSnapshot, type AppealState } from './appeal.machine.ts';

export const COMMAND_PERMISSIONS: Record<string, Permission | 'resident' | Array<Permission | 'resident'>> = {
  // Intake is the public door: anyone may open an appeal (routes add their own checks).
  open: 'resident',
  dispatch: 'case.dispatch',
  designate: 'case.dispatch',
  decide_extension: 'case.dispatch',
  merge_into: 'case.dispatch',
  close: 'case.dispatch',
  sign_for: 'case.act',
  return: 'case.act',
  escalate: 'case.act',
  request_extension: 'case.act',
  reply: 'case.act',
  record_follow_up: 'case.act',
  note: 'case.act',
  reopen: ['resident', 'case.act'],
  supervise: 'case.supervise',
  rate: 'resident',
  withdraw: 'resident',
};

export function appealAbilities(snapshot: AppealSnapshot, actor: Actor, directory: JurisdictionDirectory): string[] {
  const state = snapshot.state as AppealState;
  const data = snapshot.data;
  if (actor.kind === 'resident') {
    if (!isRequester(actor, snapshot)) return [];
    if (['registered', 'dispatched', 'handling', 'returned'].includes(state)) return ['withdraw'];
    if (state === 'replied') return ['rate'];
    if (state === 'followed_up' && data.rating?.value === 'unsatisfied') return ['reopen'];
    return [];
  }
  if (actor.kind !== 'staff') return [];
  const unit = directory.get(snapshot.handlingUnitId);
  const location = directory.get(snapshot.jurisdictionId);
  const above = escalationTarget(directory, snapshot.handlingUnitId) ?? unit;
  const root = directory.root();
  const atUnit = (p: Permission) => Boolean(unit && canAt(actor, p, unit.path));
  const above_ = (p: Permission) => Boolean(above && canAt(actor, p, above.path));
  const anywhere = (p: Permission) => atUnit(p) || Boolean(location && canAt(actor, p, location.path));
  const out: string[] = [];
  switch (state) {
    case 'registered':
    case 'returned':
      if (atUnit('case.dispatch') && !data.mustDesignate) out.push('dispatch');
      if (root && canAt(actor, 'case.dispatch', root.path)) out.push('designate');
      if (atUnit('case.dispatch')) out.push('merge_into');
      break;
    case 'dispatched':
      if (atUnit('case.act')) out.push('sign_for', 'escalate');
      if (atUnit('case.act') && !data.designated) out.push('return');
      if (root && canAt(actor, 'case.dispatch', root.path)) out.push('designate');
      if (above_('case.dispatch')) out.push('merge_into');
      break;
    case 'handling':
      if (atUnit('case.act')) {
        out.push('reply', 'escalate');
        if (!data.extension || data.extension.status === 'rejected') out.push('request_extension');
      }
      if (data.extension?.status === 'pending' && above_('case.dispatch')) out.push('decide_extension');
      break;
    case 'replied':
      if (atUnit('case.act') || above_('case.dispatch')) out.push('record_follow_up');
      break;
    case 'followed_up':
      if (atUnit('case.act')) out.push('reopen');
      if (atUnit('case.dispatch') || above_('case.dispatch')) out.push('close');
      break;
    default:
      break;
  }
  if (['registered', 'dispatched', 'handling', 'returned'].includes(state) && anywhere('case.supervise')) out.push('supervise');
  if (anywhere('case.act') || atUnit('case.dispatch')) out.push('note');
  return out;
}

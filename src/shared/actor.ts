// Who is asking. Every service takes an Actor; routes get it from the auth hook.
import { DomainError } from './errors.ts';
import { ROLE_PERMISSIONS, type Permission, type StaffRole } from './permissions.ts';

export interface Grant {
  role: StaffRole;
  jurisdictionId: string;
  jurisdictionPath: string;
}

export type Actor =
  | { kind: 'staff'; tenantId: string; userId: string; label: string; grants: Grant[]; tokenScopes: ReadonlySet<Permission> | null }
  | { kind: 'resident'; tenantId: string; userId: string; label: string; personId: string | null }
  | { kind: 'system'; tenantId: string; label: string }
  | { kind: 'anonymous'; tenantId: string };

export function systemActor(tenantId: string, label = 'system'): Actor {
  return { kind: 'system', tenantId, label };
}

export function actorId(actor: Actor): string | null {
  return actor.kind === 'staff' || actor.kind === 'resident' ? actor.userId : null;
}

export function actorLabel(actor: Actor): string {
  return actor.kind === 'anonymous' ? 'anonymous' : actor.label;
}

/** The grants under which the actor holds `permission` (an API token narrows them to its scopes). */
export function grantsWith(actor: Actor, permission: Permission): Grant[] {
  if (actor.kind !== 'staff') return [];
  if (actor.tokenScopes && !actor.tokenScopes.has(permission)) return [];
  return actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'system' || grantsWith(actor, permission).length > 0;
}

/** True when the actor holds `permission` on a jurisdiction at `path` (or above it). */
export function canAt(actor: Actor, permission: Permission, path: string): boolean {
  if (actor.kind === 'system') return true;
  return grantsWith(actor, permission).some((g) => path.startsWith(g.jurisdictionPath));
}

export function requireSignedIn(actor: Actor): asserts actor is Exclude<Actor, { kind: 'anonymous' }> {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated', 'Please sign in first');
}

/** Route check (DESIGN.md principle 5, first of three). */
export function requirePermission(actor: Actor, permission: Permission): void {
  requireSignedIn(actor);
  if (!can(actor, permission)) {
    throw new DomainError('forbidden', `This needs the permission ${permission}`, { permission });
  }
}

export function permissionsOf(actor: Actor): Permission[] {
  if (actor.kind !== 'staff') return [];
  const all = new Set<Permission>();
  for (const g of actor.grants) for (const p of ROLE_PERMISSIONS[g.role]) all.add(p);
  return [...all].filter((p) => !actor.tokenScopes || actor.tokenScopes.has(p)).sort();
}

/** The actor fields of an audit entry. */
export function auditedBy(actor: Actor) {
  return { actorId: actorId(actor), actorLabel: actorLabel(actor) };
}

/** The resident who raised a case: by account, or by the person record their phone matched. */
export function isRequester(actor: Actor, requester: { requesterUserId: string | null; requesterPersonId: string | null }): boolean {
  return actor.kind === 'resident' && (requester.requesterUserId === actor.userId || (actor.personId !== null && requester.requesterPersonId === actor.personId));
}

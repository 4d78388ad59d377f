// Permission names and the roles that carry them. A route names one permission; an API
// token's scopes are a subset of these; a grant gives a role on a jurisdiction subtree.

export const PERMISSIONS = [
  'jurisdiction.read',
  'jurisdiction.manage',
  'user.read',
  'user.manage',
  'calendar.read',
  'calendar.manage',
  'settings.manage',
  'token.manage',
  'audit.read',
  'person.read',
  'person.reveal',
  'case.read',
  'case.act',
  'case.dispatch',
  'case.supervise',
  'dashboard.read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const STAFF_ROLES = [
  'grid_worker',
  'community_worker',
  'street_handler',
  'department_handler',
  'district_dispatcher',
  'leader',
  'admin',
  'auditor',
] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];

// Every staff member may hold API tokens, scoped to what they themselves hold.
const CASE_WORK: Permission[] = ['jurisdiction.read', 'calendar.read', 'token.manage', 'case.read', 'case.act', 'person.read'];

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  grid_worker: CASE_WORK,
  community_worker: [...CASE_WORK, 'person.reveal'],
  street_handler: [...CASE_WORK, 'person.reveal', 'case.dispatch', 'dashboard.read'],
  department_handler: [...CASE_WORK, 'person.reveal'],
  district_dispatcher: [...CASE_WORK, 'person.reveal', 'case.dispatch', 'dashboard.read'],
  leader: ['jurisdiction.read', 'calendar.read', 'token.manage', 'case.read', 'case.supervise', 'person.read', 'dashboard.read'],
  admin: [
    'jurisdiction.read', 'jurisdiction.manage', 'user.read', 'user.manage', 'calendar.read', 'calendar.manage',
    'settings.manage', 'token.manage',
  ],
  // The auditor reads the audit trail and nothing else that identifies residents.
  auditor: ['audit.read', 'jurisdiction.read', 'user.read', 'token.manage'],
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

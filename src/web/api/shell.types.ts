// Shapes of the shell API answers (docs/api-shell.md).
import type { Permission, StaffRole } from '../../shared/permissions.ts';

export type { Permission, StaffRole };

export interface SessionGrant {
  role: StaffRole;
  jurisdictionId: string;
  jurisdictionNameZh: string;
  jurisdictionNameEn: string;
}

export interface SessionUser {
  id: string;
  kind: 'staff' | 'resident';
  username: string | null;
  displayName: string;
  permissions: Permission[];
  grants: SessionGrant[];
}

export interface SessionAnswer {
  user: SessionUser;
  csrfToken: string;
}

export type JurisdictionKind = 'district' | 'street' | 'community' | 'grid' | 'department';
export type LngLat = [number, number];

export interface JurisdictionSummary {
  id: string;
  parentId: string | null;
  kind: JurisdictionKind;
  code: string;
  nameZh: string;
  nameEn: string;
  centroid: LngLat | null;
  sortOrder: number;
}

export interface JurisdictionDetail extends JurisdictionSummary {
  path: string;
  polygon: LngLat[] | null;
  abilities: { update: boolean; addChild: boolean };
}

export interface StaffGrant extends SessionGrant {
  id: string;
}

export interface Staff {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  locked: boolean;
  lockedUntil: string | null;
  createdAt: string;
  grants: StaffGrant[];
}

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: Permission[];
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
}

export type DayReason = 'weekday' | 'weekend' | 'holiday' | 'makeup_workday' | 'override_workday' | 'override_restday';

export interface CalendarDay {
  date: string;
  working: boolean;
  reason: DayReason;
  name?: string;
}

export interface CalendarOverride {
  id: string;
  date: string;
  kind: 'workday' | 'restday';
  note: string | null;
}

export interface CalendarYear {
  year: number;
  jurisdictionId: string;
  covered: boolean;
  days: CalendarDay[];
  overrides: CalendarOverride[];
}

export interface StatutoryYear {
  year: number;
  /** 'package': the holiday data shipped with the platform; 'district': entered by the district */
  source: 'package' | 'district';
  /** what the district's entry is based on (the State Council's notice) */
  note: string | null;
  updatedAt: string | null;
}

export interface StatutoryYears {
  years: StatutoryYear[];
  nextYearMissing: boolean;
  /** the year nextYearMissing and warnNextYear are about (the district's calendar year + 1, by the server's clock) */
  nextYear: number;
  /** next year is missing and the year is far enough on for periods to reach into it */
  warnNextYear: boolean;
}

export interface StatutoryDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string | null;
  result: string;
  requestId: string | null;
  detail: unknown;
}

export interface AuditVerdict {
  ok: boolean;
  rows: number;
  firstBadSeq?: number;
  reason?: string;
}

export interface DataAccessEntry {
  at: string;
  action: string;
  viewer: string;
  fields: string[];
  purpose: string | null;
}

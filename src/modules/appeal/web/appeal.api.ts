// The appeal module's server API as the pages use it (src/modules/appeal/server/appeal.routes.ts and
// the kernel's /api/cases routes): shapes of the answers and one function per call.
import { api, ApiError } from '../../../web/api/client.ts';
import type { Page } from '../../../web/api/shell.types.ts';
import type { DashboardWeights, UnitCounts, UnitRates } from '../shared/appeal.dashboard.ts';

export const CHANNELS = ['portal', 'hotline', 'mailbox', 'walk_in', 'grid', 'api', 'open311'] as const;
export type Channel = (typeof CHANNELS)[number];
/** What staff may register an appeal through (the portal and Open311 have their own doors). */
export const STAFF_CHANNELS = ['hotline', 'walk_in', 'grid', 'mailbox'] as const;
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const STATES = ['registered', 'dispatched', 'handling', 'returned', 'replied', 'followed_up', 'closed', 'merged', 'withdrawn'] as const;
export type AppealState = (typeof STATES)[number];

export const QUEUES = ['all_open', 'to_dispatch', 'to_sign', 'handling', 'due_soon', 'overdue', 'returned', 'supervised', 'replied', 'closed'] as const;
export type Queue = (typeof QUEUES)[number];

export type SlaClass = 'emergency' | 'utilities' | 'general' | 'complex';
export type LngLat = [number, number];

export interface Category {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  slaClass: SlaClass;
  level: string;
}

export interface CategorySuggestion {
  code: string;
  score: number;
  nameZh: string;
  nameEn: string;
}

export type Location = { lng: number; lat: number } | { communityId: string };

export interface IntakeBody {
  categoryCode: string;
  description: string;
  location: Location;
  address?: string;
  contact?: { name?: string; phone?: string; email?: string };
  hideIdentity: boolean;
  publish: boolean;
  attachmentIds: string[];
}

export interface Duplicate {
  id: string;
  trackingCode: string;
  title: string;
  state: AppealState;
  createdAt: string;
  similarity: number;
  distanceMeters: number | null;
}

export interface DuplicatesAnswer {
  communityId: string;
  communityNameZh: string;
  items: Duplicate[];
}

export interface Submitted {
  id: string;
  trackingCode: string;
  state: AppealState;
  handlingUnitId: string | null;
  dueAt: string | null;
  duplicates: Duplicate[];
}

export interface TrackStep {
  type: string;
  at: string;
  unit: string | null;
}

export interface Tracked {
  trackingCode: string;
  title: string;
  state: AppealState;
  stateCategory: 'open' | 'closed';
  categoryCode: string;
  community: string | null;
  handlingUnit: string | null;
  createdAt: string;
  dueAt: string | null;
  reply: { text: string; at: string } | null;
  rating: Rating | null;
  steps: TrackStep[];
}

export interface InboxItem {
  id: string;
  trackingCode: string;
  title: string;
  state: AppealState;
  stateCategory: 'open' | 'closed';
  priority: string;
  dueAt: string | null;
  createdAt: string;
  handlingUnitId: string | null;
  jurisdictionId: string;
  categoryCode: string;
  slaClass: SlaClass;
  channel: Channel;
  returns: number;
  escalations: number;
  supervised: boolean;
  warning: 'yellow' | 'red' | null;
}

export interface InboxQuery {
  queue: Queue;
  unitId?: string | undefined;
  categoryCode?: string | undefined;
  q?: string | undefined;
  page?: number;
  pageSize?: number;
}

export interface AppealData {
  channel: Channel;
  categoryCode: string;
  slaClass: SlaClass;
  description: string;
  hideIdentity: boolean;
  publish: boolean;
  attachmentIds: string[];
  receivedBy?: string | null;
  level: string | null;
  signForDueAt?: string | null;
  feedbackDueAt: string;
  followUpDueAt?: string | null;
  returns?: number;
  designated?: boolean;
  escalations?: number;
  extension: { days: number; reason?: string; status: 'pending' | 'approved' | 'rejected'; requestedAt?: string } | null;
  reply: { text: string; at: string } | null;
  rating: { value: Rating; comment: string | null; at: string; by: 'resident' | 'staff' } | null;
  reopenCount?: number;
  supervision?: { note: string; dueAt: string | null; at: string; by: string } | null;
  overdue?: Partial<Record<'sign_for' | 'feedback' | 'supervision', string>>;
  parentId: string | null;
  childIds?: string[];
}

export interface AppealCase {
  id: string;
  kind: string;
  state: AppealState;
  trackingCode: string;
  title: string;
  jurisdictionId: string;
  handlingUnitId: string | null;
  assigneeId: string | null;
  priority: string;
  lng: number | null;
  lat: number | null;
  locationText: string | null;
  requesterPersonId: string | null;
  requesterUserId: string | null;
  dueAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  data: AppealData;
}

export interface TimelineEvent {
  seq: number;
  type: string;
  actorId: string | null;
  actorLabel: string;
  visibility: 'public' | 'internal';
  data: Record<string, unknown>;
  at: string;
}

export interface CaseDetail {
  case: AppealCase;
  stateCategory: 'open' | 'closed';
  abilities: string[];
  timeline: TimelineEvent[];
  requesterHidden?: boolean;
}

export interface CaseListItem {
  id: string;
  kind: string;
  state: AppealState;
  stateCategory: 'open' | 'closed';
  trackingCode: string;
  title: string;
  jurisdictionId: string;
  handlingUnitId: string | null;
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CallerAnswer {
  known: boolean;
  items: Array<{ id: string; trackingCode: string; title: string; state: AppealState; createdAt: string }>;
}

export interface MaskedPerson {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  idNumber: string | null;
  address: string | null;
  abilities: { reveal: boolean };
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface BulkResult {
  caseId: string;
  ok: boolean;
  state?: string;
  code?: string;
  message?: string;
}

export type Command = { type: string; [field: string]: unknown };

/** A unit's counts and rates (fractions, null when there is nothing to measure) as the dashboard answers them. */
export interface DashboardUnit extends UnitCounts, UnitRates {
  unitId: string;
  nameZh: string;
  nameEn: string;
  kind: string | null;
  /** composite score 0–100 */
  score: number | null;
  rank: number | null;
}

export interface Dashboard {
  from: string;
  to: string;
  weights: DashboardWeights;
  totals: UnitCounts & UnitRates & { score: number | null };
  /** in ranking order */
  units: DashboardUnit[];
  hotIssues: Array<{ categoryCode: string; nameZh: string; nameEn: string; count: number; share: number | null }>;
}

export const appealApi = {
  categories: () => api.get<{ items: Category[] }>('/api/appeals/categories').then((a) => a.items),
  suggest: (text: string) => api.get<{ items: CategorySuggestion[] }>('/api/appeals/categories/suggest', { text }).then((a) => a.items),
  submit: (body: IntakeBody) => api.post<Submitted>('/api/appeals', body),
  staffIntake: (body: IntakeBody & { channel: StaffChannel }) => api.post<Submitted>('/api/appeals/staff-intake', body),
  duplicates: (body: { categoryCode: string; description: string; location: Location }) => api.post<DuplicatesAnswer>('/api/appeals/duplicates', body),
  track: (code: string) => api.get<Tracked>(`/api/appeals/track/${encodeURIComponent(code.trim())}`),
  inbox: (query: InboxQuery) => api.get<Page<InboxItem>>('/api/appeals/inbox', { ...query }),
  bulkDispatch: (caseIds: string[], unitId: string, note?: string) => api.post<{ results: BulkResult[] }>('/api/appeals/bulk-dispatch', { caseIds, unitId, ...(note ? { note } : {}) }),
  /** The leaders' dashboard over district-local days (YYYY-MM-DD; the server defaults to the last 365). */
  dashboard: (query: { from?: string | undefined; to?: string | undefined }) => api.get<Dashboard>('/api/appeals/dashboard', query),
  callers: (phone: string) => api.get<CallerAnswer>('/api/appeals/callers', { phone }),
  detail: (id: string) => api.get<CaseDetail>(`/api/cases/${id}`),
  command: (id: string, command: Command, expectedVersion?: number) =>
    api.post<{ case: AppealCase; abilities: string[]; events: TimelineEvent[] }>(`/api/cases/${id}/commands`, { ...command, ...(expectedVersion ? { expectedVersion } : {}) }),
  /** My appeals (a resident), or appeals within reach (staff), newest first; `q` matches a tracking code exactly. */
  list: (query: { q?: string; page?: number; pageSize?: number; sort?: 'due' | 'newest'; category?: 'open' | 'closed' }) =>
    api.get<Page<CaseListItem>>('/api/cases', { kind: 'appeal', sort: 'newest', ...query }),
  person: (id: string) => api.get<MaskedPerson>(`/api/people/${id}`),
  reveal: (id: string, fields: string[], purpose: string) => api.post<Record<string, string | null>>(`/api/people/${id}/reveal`, { fields, purpose }),
};

/**
 * Uploads one photo as the raw request body (POST /api/attachments). The shell's JSON client cannot
 * send a file, so this is a fetch of its own; a signed-in user's session needs the CSRF token.
 */
export async function uploadAttachment(file: File, csrfToken: string | null): Promise<Attachment> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': file.type || 'application/octet-stream' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/attachments?name=${encodeURIComponent(file.name.slice(0, 200))}`, { method: 'POST', headers, body: file, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
  const payload = (await response.json().catch(() => null)) as (Attachment & { error?: { code?: string; message?: string; details?: Record<string, unknown>; requestId?: string } }) | null;
  if (response.ok && payload) return payload;
  const error = payload?.error;
  throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? response.statusText, error?.details ?? {}, error?.requestId ?? null);
}

/** The CSRF token of the current session (the shell keeps its own copy private): from GET /api/auth/me. */
export async function currentCsrfToken(): Promise<string | null> {
  const me = await api.get<{ csrfToken: string }>('/api/auth/me');
  return me.csrfToken;
}

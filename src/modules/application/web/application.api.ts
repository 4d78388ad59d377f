// The application module's server API as the pages use it (docs/case-types/application.md "API"): the
// service catalogue, applications and their inbox, documents and their verification, and the kernel's
// /api/cases commands. Shapes of the answers and one function per call.
import { api, ApiError } from '../../../web/api/client.ts';
import type { Page } from '../../../web/api/shell.types.ts';
import type {
  ApplicationState as SharedState, ApplyBody as SharedApplyBody, Level as SharedLevel, PauseReason as SharedPauseReason, Queue as SharedQueue,
  ServiceCreate, ServiceView, Submitted as SharedSubmitted,
} from '../shared/application.schemas.ts';
import type { ApplicationData as SharedApplicationData } from '../shared/application.machine.ts';

// The lists are repeated here (the shared module also builds zod schemas, which the browser does not need)
// and checked against its types, so they cannot drift apart.
export const LEVELS = ['community', 'street', 'district'] as const satisfies readonly SharedLevel[];
export type Level = SharedLevel;

export const STATES = [
  'submitted', 'materials_incomplete', 'resubmitted', 'under_review', 'paused', 'approved', 'rejected', 'deemed_approved', 'withdrawn',
] as const satisfies readonly SharedState[];
export type ApplicationState = SharedState;
/** States in which the applicant still waits for a decision. */
export const OPEN_STATES: readonly ApplicationState[] = ['submitted', 'materials_incomplete', 'resubmitted', 'under_review', 'paused'];

export const QUEUES = ['to_check', 'under_review', 'paused', 'due_soon', 'overdue', 'joint_opinions', 'decided'] as const satisfies readonly SharedQueue[];
export type Queue = SharedQueue;

export const DOCUMENT_KINDS = ['acknowledgement', 'missing_materials', 'decision', 'certificate'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const PAUSE_REASONS = ['hearing', 'testing', 'expert'] as const satisfies readonly SharedPauseReason[];
export type PauseReason = SharedPauseReason;

export type Service = ServiceView;
export type Material = ServiceView['materials'][number];
export type ServiceInput = ServiceCreate;
export type ApplyBody = SharedApplyBody;
export type Applicant = SharedApplyBody['applicant'];
export type Submitted = SharedSubmitted;

export interface DocumentRef {
  id: string;
  kind: DocumentKind;
  verificationCode: string;
  issuedAt: string;
  /** decision documents: granted or not, and whether by operation of the deemed-approval rule */
  outcome?: 'approved' | 'rejected' | 'deemed_approved' | null | undefined;
}

export interface MaterialState {
  code: string;
  name: string;
  required: boolean;
  attachmentIds: string[];
  /** listed in the office's request for missing materials */
  missing?: boolean | undefined;
}

export interface Clock {
  dueAt: string | null;
  /** working days left (negative: overdue by that many) */
  workingDaysLeft: number | null;
  paused: boolean;
  overdue: boolean;
  /** which period the clock runs: acceptance (5 working days to check materials) or the decision */
  phase?: 'acceptance' | 'decision' | null | undefined;
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

/** The application's own data on the case row, as the module's machine keeps it. */
export type ApplicationData = SharedApplicationData;

export interface ApplicationCase {
  id: string;
  kind: string;
  state: ApplicationState;
  trackingCode: string;
  title: string;
  jurisdictionId: string;
  handlingUnitId: string | null;
  dueAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  data: ApplicationData;
}

export interface ApplicationDetail {
  case: ApplicationCase;
  stateCategory: 'open' | 'closed';
  abilities: string[];
  timeline: TimelineEvent[];
  /** null only if the service was removed from the catalogue since (see serviceOf) */
  service: Service | null;
  materials: MaterialState[];
  clock: Clock;
  documents: DocumentRef[];
}

export interface InboxItem {
  id: string;
  trackingCode: string;
  title: string;
  state: ApplicationState;
  serviceCode: string;
  serviceName?: string | undefined;
  applicantName?: string | null | undefined;
  handlingUnitId: string | null;
  handlingUnitName?: string | null | undefined;
  dueAt: string | null;
  workingDaysLeft?: number | null | undefined;
  overdue?: boolean | undefined;
  deemedApproval?: boolean | undefined;
  createdAt: string;
}

/** GET /api/documents/verify/:code: the masked facts of a document, never more. */
export interface Verification {
  kind: DocumentKind;
  serviceCode: string;
  serviceName: string;
  trackingCode: string;
  outcome: 'approved' | 'rejected' | 'deemed_approved' | null;
  applicantNameMasked: string;
  /** YYYY-MM-DD in the district's zone */
  issuedOn: string;
  /** SHA-256 (hex) of the PDF as issued */
  sha256: string;
}

export interface LapseRow {
  unitId: string;
  unitName: string;
  onTime: number;
  late: number;
  deemedApproved: number;
  overdueNow: number;
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

export type Command = { type: string; [field: string]: unknown };

/**
 * The application's service: from the catalogue, or — should it have left the catalogue — rebuilt from what
 * the application recorded when it came in (its name and list of materials).
 */
export function serviceOf(detail: ApplicationDetail): Service {
  if (detail.service) return detail.service;
  const d = detail.case.data as Partial<ApplicationData>;
  return {
    code: d.serviceCode ?? '', nameZh: d.serviceName ?? detail.case.title, nameEn: d.serviceName ?? detail.case.title, content: '', procedure: [], fees: '', legalBasis: [],
    materials: (d.materialCatalogue ?? detail.materials).map((m) => ({ code: m.code, name: m.name, required: m.required, copies: 1, note: null, templateText: null, hasTemplate: false })),
    statutoryDays: d.statutoryDays ?? 20, promisedDays: d.periodDays ?? 20, level: 'street', unitKind: null, handlingUnitId: detail.case.handlingUnitId, handlingUnitName: null, handlingUnitNameEn: null,
    jointUnitIds: d.jointUnitIds ?? [], jointUnitNames: [], jointUnitNamesEn: [], online: true, counterNote: null, deemedApproval: Boolean(d.deemedApproval), active: false,
  };
}

const enc = encodeURIComponent;

export const applicationApi = {
  services: (query: { q?: string | undefined; level?: Level | undefined } = {}) => api.get<{ items: Service[] }>('/api/services', query).then((a) => a.items),
  service: (code: string) => api.get<Service>(`/api/services/${enc(code)}`),
  allServices: () => api.get<{ items: Service[] }>('/api/services/admin/list').then((a) => a.items),
  createService: (body: ServiceInput) => api.post<Service>('/api/services', body),
  updateService: (code: string, body: Partial<Omit<ServiceInput, 'code'>>) => api.patch<Service>(`/api/services/${enc(code)}`, body),
  apply: (body: ApplyBody) => api.post<Submitted>('/api/applications', body),
  counter: (body: ApplyBody) => api.post<Submitted>('/api/applications/counter', body),
  list: (query: { queue?: Queue | undefined; q?: string | undefined; page?: number; pageSize?: number }) => api.get<Page<InboxItem>>('/api/applications', query),
  detail: (id: string) => api.get<ApplicationDetail>(`/api/applications/${enc(id)}`),
  command: (id: string, command: Command, expectedVersion?: number) =>
    api.post<{ case: ApplicationCase; abilities: string[]; events: TimelineEvent[] }>(`/api/cases/${enc(id)}/commands`, { ...command, ...(expectedVersion ? { expectedVersion } : {}) }),
  /** A joint unit's opinion: its own route, since joint units may lie outside the kernel's place-based reach. */
  opinion: (id: string, body: { agree: boolean; text: string }, expectedVersion?: number) =>
    api.post<{ case: ApplicationCase; abilities: string[]; events: TimelineEvent[] }>(`/api/applications/${enc(id)}/opinion`, { ...body, ...(expectedVersion ? { expectedVersion } : {}) }),
  verify: (code: string) => api.get<Verification>(`/api/documents/verify/${enc(code.trim().toUpperCase())}`),
  lapses: (query: { from?: string | undefined; to?: string | undefined } /* YYYY-MM-DD */) => api.get<{ items: LapseRow[] }>('/api/applications/lapses', query).then((a) => a.items),
};

export const templateUrl = (service: string, material: string) => `/api/services/${enc(service)}/materials/${enc(material)}/template.pdf`;
export const documentUrl = (applicationId: string, documentId: string) => `/api/applications/${enc(applicationId)}/documents/${enc(documentId)}.pdf`;
export const attachmentUrl = (id: string) => `/api/attachments/${enc(id)}`;

/** What POST /api/attachments takes (the server sniffs the bytes too): photos and PDFs up to 5 MB. */
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'];
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/**
 * Uploads one file as the raw request body (POST /api/attachments). The shell's JSON client cannot
 * send a file, so this is a fetch of its own; a signed-in user's session needs the CSRF token.
 */
export async function uploadAttachment(file: File, csrfToken: string | null): Promise<Attachment> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': file.type || 'application/octet-stream' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/attachments?name=${enc(file.name.slice(0, 200))}`, { method: 'POST', headers, body: file, credentials: 'same-origin' });
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

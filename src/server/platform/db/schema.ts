// Row types of the core tables. Times are ISO-8601 UTC strings (sortable as text on both
// engines); flags are 0/1 integers; JSON is text. Modules declare their own tables beside
// their code and reach them through `db.withTables<…>()`.

export interface TenantTable {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  createdAt: string;
}

export type JurisdictionKind = 'district' | 'street' | 'community' | 'grid' | 'department';

export interface JurisdictionTable {
  id: string;
  tenantId: string;
  parentId: string | null;
  /** '/<rootId>/<streetId>/<id>/' — subtree checks are a prefix match */
  path: string;
  kind: JurisdictionKind;
  code: string;
  nameZh: string;
  nameEn: string;
  centroidLng: number | null;
  centroidLat: number | null;
  /** GeoJSON Polygon coordinates as JSON text */
  polygon: string | null;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
}

export type UserKind = 'staff' | 'resident';

export interface UserTable {
  id: string;
  tenantId: string;
  kind: UserKind;
  /** staff login name; null for residents, who log in by phone or e-mail */
  username: string | null;
  displayName: string;
  passwordHash: string | null;
  personId: string | null;
  /** blind index of the resident's phone or e-mail, for login lookups */
  contactIndex: string | null;
  locale: string;
  active: number;
  failedLogins: number;
  lockedUntil: string | null;
  synthetic: number;
  createdAt: string;
  updatedAt: string;
}

export interface RoleGrantTable {
  id: string;
  tenantId: string;
  userId: string;
  role: string;
  jurisdictionId: string;
  createdAt: string;
}

export interface SessionTable {
  /** sha256 of the cookie token: a stolen database does not yield live sessions */
  id: string;
  tenantId: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface ApiTokenTable {
  id: string;
  tenantId: string;
  userId: string;
  name: string;
  tokenHash: string;
  /** JSON array of permission names the token may use */
  scopes: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
}

export interface OneTimeCodeTable {
  id: string;
  tenantId: string;
  contactIndex: string;
  codeHash: string;
  attempts: number;
  expiresAt: string;
  consumedAt: string | null;
  createdAt: string;
}

export interface PersonTable {
  id: string;
  tenantId: string;
  /** AES-256-GCM ciphertexts (see platform/crypto); never stored in clear */
  nameEnc: string | null;
  phoneEnc: string | null;
  phoneIndex: string | null;
  emailEnc: string | null;
  emailIndex: string | null;
  idNumberEnc: string | null;
  idNumberIndex: string | null;
  addressEnc: string | null;
  communityId: string | null;
  synthetic: number;
  createdAt: string;
  updatedAt: string;
}

export interface AuditLogTable {
  seq: number;
  tenantId: string;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string | null;
  /** subject whose personal data was touched, for "who looked at my data" */
  subjectPersonId: string | null;
  result: string;
  requestId: string | null;
  detail: string;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  tenantId: string;
  lastSeq: number;
  lastHash: string;
}

export interface CaseTable {
  id: string;
  tenantId: string;
  kind: string;
  state: string;
  stateCategory: string;
  trackingCode: string;
  title: string;
  jurisdictionId: string;
  /** path of the jurisdiction, copied so subtree scopes are one indexed prefix match */
  jurisdictionPath: string;
  handlingUnitId: string | null;
  assigneeId: string | null;
  priority: string;
  lng: number | null;
  lat: number | null;
  locationText: string | null;
  requesterPersonId: string | null;
  requesterUserId: string | null;
  /** 1 when the requester asked not to be named to the units concerned (complainant protection) */
  requesterHidden: number;
  dueAt: string | null;
  /** the module's own state that is not queried (JSON); queried fields live in module tables */
  data: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface CaseEventTable {
  id: string;
  tenantId: string;
  caseId: string;
  seq: number;
  type: string;
  actorId: string | null;
  actorLabel: string;
  /** 'public' events are shown to the resident; 'internal' to staff only */
  visibility: string;
  data: string;
  at: string;
}

export interface CaseTimerTable {
  id: string;
  tenantId: string;
  caseId: string;
  kind: string;
  dueAt: string;
  /** case version the timer was set at; a stale timer is discarded */
  caseVersion: number;
  firedAt: string | null;
  createdAt: string;
}

export interface OutboxTable {
  id: string;
  tenantId: string;
  channel: string;
  payload: string;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface CalendarOverrideTable {
  id: string;
  tenantId: string;
  jurisdictionId: string;
  date: string;
  kind: string;
  note: string | null;
  createdAt: string;
}

export interface SettingTable {
  tenantId: string;
  jurisdictionId: string;
  key: string;
  value: string;
  updatedAt: string;
}

export interface AttachmentTable {
  id: string;
  tenantId: string;
  caseId: string | null;
  uploadedBy: string | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
  createdAt: string;
}

export interface StatutoryYearTable {
  tenantId: string;
  year: number;
  /** JSON object date → holiday name */
  holidays: string;
  /** JSON object date → name of the holiday a make-up working day belongs to */
  workdays: string;
  /** where the arrangement comes from, e.g. the State Council notice's number */
  source: string;
  updatedAt: string;
}

export interface Database {
  tenant: TenantTable;
  jurisdiction: JurisdictionTable;
  appUser: UserTable;
  roleGrant: RoleGrantTable;
  session: SessionTable;
  apiToken: ApiTokenTable;
  oneTimeCode: OneTimeCodeTable;
  person: PersonTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
  case: CaseTable;
  caseEvent: CaseEventTable;
  caseTimer: CaseTimerTable;
  outbox: OutboxTable;
  calendarOverride: CalendarOverrideTable;
  setting: SettingTable;
  attachment: AttachmentTable;
  statutoryYear: StatutoryYearTable;
}

// Row types of the application module's own tables (reached with db.withTables<ApplicationTables>()).
export interface ApplicationServiceTable {
  id: string;
  tenantId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  content: string;
  /** JSON: string[] */
  procedure: string;
  fees: string;
  /** JSON: string[] */
  legalBasis: string;
  /** JSON: Material[] */
  materials: string;
  statutoryDays: number;
  promisedDays: number;
  level: string;
  unitKind: string | null;
  handlingUnitId: string | null;
  /** JSON: string[] */
  jointUnitIds: string;
  online: number;
  counterNote: string | null;
  deemedApproval: number;
  active: number;
  sortOrder: number;
  updatedAt: string;
}

/** The inbox's and the lapses report's view of each application, kept in the kernel's transaction. */
export interface ApplicationRecordTable {
  /** the case's id */
  id: string;
  tenantId: string;
  serviceCode: string;
  serviceName: string;
  handlingUnitId: string | null;
  channel: string;
  state: string;
  stateCategory: string;
  deemedApproval: number;
  /** space-separated unit ids */
  jointUnitIds: string;
  /** space-separated ids of joint units still to give their opinion ('' when none) */
  pendingOpinionUnitIds: string;
  submittedAt: string;
  acceptedAt: string | null;
  decisionDueAt: string | null;
  decidedAt: string | null;
  outcome: string | null;
  /** 1 decided by the due date, 0 late, null not decided by a person */
  decidedOnTime: number | null;
  overdue: number;
  searchText: string;
}

/** Each file handed in for a material, by round (1: with the application, 2: the resubmission). */
export interface ApplicationMaterialTable {
  id: string;
  tenantId: string;
  caseId: string;
  code: string;
  name: string;
  attachmentId: string;
  round: number;
  createdAt: string;
}

export type ApplicationTables = {
  applicationService: ApplicationServiceTable;
  applicationRecord: ApplicationRecordTable;
  applicationMaterial: ApplicationMaterialTable;
};

// Row types of the appeal module's own tables (reached with db.withTables<AppealTables>()).
export interface AppealCategoryTable {
  id: string;
  tenantId: string;
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  slaClass: string;
  level: string;
  departmentCode: string | null;
  keywords: string;
  active: number;
  sortOrder: number;
}

export interface AppealRoutingRuleTable {
  id: string;
  tenantId: string;
  categoryCode: string;
  areaId: string;
  targetUnitId: string;
  note: string | null;
  createdAt: string;
}

export interface AppealRecordTable {
  caseId: string;
  tenantId: string;
  categoryCode: string;
  slaClass: string;
  channel: string;
  communityId: string | null;
  streetId: string | null;
  stateCategory: string;
  lng: number | null;
  lat: number | null;
  tokens: string;
  receivedAt: string;
  signedForAt: string | null;
  /** 1 when the unit responsible now signed for it within its sign-for limit, 0 when late, null while not signed for by it */
  signedInTime: number | null;
  repliedAt: string | null;
  repliedOnTime: number | null;
  repliedByLevel: string | null;
  repliedByUnitId: string | null;
  returns: number;
  escalations: number;
  lastEscalationReason: string | null;
  /** 1 when the deadline engine escalated it (a missed clock), 0 when a person did */
  lastEscalationAutomatic: number;
  reopens: number;
  rating: string | null;
  supervised: number;
  hideIdentity: number;
  publish: number;
  parentId: string | null;
  /** the unit responsible now (as on the case), so statistics by unit read the projection alone */
  handlingUnitId: string | null;
}

export interface AppealCategoryTermTable {
  tenantId: string;
  categoryCode: string;
  term: string;
  count: number;
}

export interface Open311ClientTable {
  id: string;
  tenantId: string;
  name: string;
  keyHash: string;
  createdAt: string;
  revokedAt: string | null;
}

export type AppealTables = {
  appealCategory: AppealCategoryTable;
  appealRoutingRule: AppealRoutingRuleTable;
  appealRecord: AppealRecordTable;
  appealCategoryTerm: AppealCategoryTermTable;
  open311Client: Open311ClientTable;
};

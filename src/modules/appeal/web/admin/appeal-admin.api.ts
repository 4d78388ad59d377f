// The administrators' API of the appeal module as its pages use it: the category tree and routing rules
// (server/appeal.admin.routes.ts) and Open311 keys (server/open311-keys.ts).
import { api } from '../../../../web/api/client.ts';
import type { SlaClass } from '../appeal.api.ts';

export const SLA_CLASSES: readonly SlaClass[] = ['emergency', 'utilities', 'general', 'complex'];
export const LEVELS = ['community', 'street', 'district', 'department'] as const;
type Level = (typeof LEVELS)[number];

export interface AdminCategory {
  id: string;
  code: string;
  /** null for a group */
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  slaClass: SlaClass;
  level: Level;
  /** the code of the department that handles it (required when the level is department) */
  departmentCode: string | null;
  keywords: string[];
  active: boolean;
  sortOrder: number;
}

export type CategoryFields = Pick<AdminCategory, 'nameZh' | 'nameEn' | 'slaClass' | 'level' | 'departmentCode' | 'keywords' | 'active' | 'sortOrder'>;

export interface RoutingRule {
  id: string;
  categoryCode: string;
  areaId: string;
  targetUnitId: string;
  note: string | null;
  createdAt: string;
  areaNameZh: string | null;
  targetNameZh: string | null;
}

export interface Open311Key {
  id: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

export const adminApi = {
  categories: () => api.get<{ items: AdminCategory[] }>('/api/appeals/admin/categories').then((a) => a.items),
  /** a group (parentCode null) needs only names, active and sortOrder */
  createCategory: (body: Pick<CategoryFields, 'nameZh' | 'nameEn' | 'active' | 'sortOrder'> & Partial<CategoryFields> & { code: string; parentCode: string | null }) => api.post<{ code: string }>('/api/appeals/admin/categories', body),
  updateCategory: (code: string, body: Partial<CategoryFields>) => api.patch<{ code: string }>(`/api/appeals/admin/categories/${encodeURIComponent(code)}`, body),
  rules: () => api.get<{ items: RoutingRule[] }>('/api/appeals/admin/routing-rules').then((a) => a.items),
  createRule: (body: { categoryCode: string; areaId: string; targetUnitId: string; note?: string }) => api.post<{ id: string }>('/api/appeals/admin/routing-rules', body),
  deleteRule: (id: string) => api.delete(`/api/appeals/admin/routing-rules/${id}`),
  open311Keys: () => api.get<{ items: Open311Key[]; configuredAtStart: number }>('/api/open311/keys'),
  issueOpen311Key: (name: string) => api.post<Open311Key & { key: string }>('/api/open311/keys', { name }),
  revokeOpen311Key: (id: string) => api.delete(`/api/open311/keys/${id}`),
};

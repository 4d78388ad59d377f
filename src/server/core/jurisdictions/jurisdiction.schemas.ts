import { z } from 'zod';

export const jurisdictionKind = z.enum(['district', 'street', 'community', 'grid', 'department']);

const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const jurisdictionCreateBody = z.strictObject({
  parentId: z.uuid(),
  kind: jurisdictionKind.exclude(['district']),
  code: z.string().trim().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'Use lower-case letters, digits and hyphens'),
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(200),
  centroid: lngLat.nullable().optional(),
  polygon: z.array(lngLat).min(4).max(5000).nullable().optional(),
  sortOrder: z.int().min(0).max(100000).optional(),
});

export const jurisdictionUpdateBody = jurisdictionCreateBody.omit({ parentId: true, kind: true }).partial();

export const jurisdictionIdParams = z.strictObject({ id: z.uuid() });

export const jurisdictionSummary = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: jurisdictionKind,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  centroid: lngLat.nullable(),
  sortOrder: z.number(),
});

export type JurisdictionCreate = z.infer<typeof jurisdictionCreateBody>;
export type JurisdictionUpdate = z.infer<typeof jurisdictionUpdateBody>;

import { z } from 'zod';
import { STAFF_ROLES } from '../../../shared/permissions.ts';

export const grantInput = z.strictObject({ role: z.enum(STAFF_ROLES), jurisdictionId: z.uuid() });

export const password = z.string().min(10, 'At least 10 characters').max(200);

export const userCreateBody = z.strictObject({
  username: z.string().trim().min(3).max(64).regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use lower-case letters, digits, dots, hyphens and underscores'),
  displayName: z.string().trim().min(1).max(100),
  password,
  grants: z.array(grantInput).max(50).default([]),
});

export const userUpdateBody = z.strictObject({
  displayName: z.string().trim().min(1).max(100).optional(),
  active: z.boolean().optional(),
  password: password.optional(),
  unlock: z.literal(true).optional(),
});

export const userListQuery = z.strictObject({
  q: z.string().trim().max(64).optional(),
  jurisdictionId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export type UserCreate = z.infer<typeof userCreateBody>;
export type UserUpdate = z.infer<typeof userUpdateBody>;
export type GrantInput = z.infer<typeof grantInput>;

import { z } from 'zod';
import { SLA_CLASSES } from './appeal.deadlines.ts';

export const CHANNELS = ['portal', 'hotline', 'mailbox', 'walk_in', 'grid', 'api', 'open311'] as const;
export type Channel = (typeof CHANNELS)[number];

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const LEVELS = ['community', 'street', 'district', 'department'] as const;
export type Level = (typeof LEVELS)[number];

const reason = z.string().trim().min(2, 'Give a reason (at least 2 characters)').max(1000);
const text = (max: number) => z.string().trim().min(1).max(max);

/** Commands staff and residents send to an existing appeal (POST /api/cases/:id/commands). */
export const appealCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('dispatch'), unitId: z.uuid(), note: z.string().trim().max(1000).optional() }),
  z.strictObject({ type: z.literal('designate'), unitId: z.uuid(), note: z.string().trim().max(1000).optional() }),
  z.strictObject({ type: z.literal('sign_for') }),
  z.strictObject({ type: z.literal('return'), reason }),
  z.strictObject({ type: z.literal('escalate'), reason }),
  z.strictObject({ type: z.literal('request_extension'), days: z.int().min(1).max(60), reason }),
  z.strictObject({ type: z.literal('decide_extension'), approve: z.boolean(), note: z.string().trim().max(1000).optional() }),
  z.strictObject({ type: z.literal('reply'), text: text(4000), internalNote: z.string().trim().max(2000).optional() }),
  z.strictObject({ type: z.literal('rate'), rating: z.enum(RATINGS), comment: z.string().trim().max(1000).optional() }),
  z.strictObject({ type: z.literal('record_follow_up'), rating: z.enum(RATINGS), comment: z.string().trim().max(1000).optional() }),
  z.strictObject({ type: z.literal('reopen'), reason }),
  z.strictObject({ type: z.literal('close'), note: z.string().trim().max(1000).optional() }),
  z.strictObject({ type: z.literal('supervise'), note: text(1000), dueAt: z.iso.datetime({ offset: true }).optional() }),
  z.strictObject({ type: z.literal('merge_into'), parentId: z.uuid() }),
  z.strictObject({ type: z.literal('withdraw'), reason: z.string().trim().max(1000).optional() }),
  z.strictObject({ type: z.literal('note'), text: text(2000) }),
]);

export type AppealCommand =
  | z.infer<typeof appealCommand>
  | OpenCommand
  | { type: 'flag_overdue'; clock: 'sign_for' | 'feedback' | 'supervision' }
  | { type: 'close_unrated' }
  | { type: 'absorb'; childId: string }
  | { type: 'reply_from_parent'; parentId: string; text: string };

/** Built by the intake service after validation, routing and matching the requester. */
export interface OpenCommand {
  type: 'open';
  channel: Channel;
  categoryCode: string;
  slaClass: (typeof SLA_CLASSES)[number];
  title: string;
  description: string;
  jurisdictionId: string;
  lng: number | null;
  lat: number | null;
  locationText: string | null;
  requesterPersonId: string | null;
  requesterUserId: string | null;
  hideIdentity: boolean;
  publish: boolean;
  attachmentIds: string[];
  /** where routing sends it; null leaves it with the district dispatcher */
  target: { unitId: string; level: Level } | null;
  receivedBy: string | null;
}

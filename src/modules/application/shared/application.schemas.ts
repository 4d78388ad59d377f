// The application module's API shapes (docs/case-types/application.md "API"): the service catalogue with its
// six disclosures, online and counter applications, the inbox, the commands staff and applicants send to
// POST /api/cases/:id/commands, and the leaders' lapses report. Pure zod, shared by routes and tests.
import { z } from 'zod';

export const LEVELS = ['community', 'street', 'district'] as const;
export type Level = (typeof LEVELS)[number];

export const APPLICATION_STATE_NAMES = [
  'submitted', 'materials_incomplete', 'resubmitted', 'under_review', 'paused', 'approved', 'rejected', 'deemed_approved', 'withdrawn',
] as const;
export type ApplicationState = (typeof APPLICATION_STATE_NAMES)[number];

export const QUEUES = ['to_check', 'under_review', 'paused', 'due_soon', 'overdue', 'joint_opinions', 'decided'] as const;
export type Queue = (typeof QUEUES)[number];

export const PAUSE_REASONS = ['hearing', 'testing', 'expert'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const CHANNELS = ['online', 'counter'] as const;
export type Channel = (typeof CHANNELS)[number];

export const OUTCOMES = ['approved', 'rejected', 'deemed_approved'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The statutory means of redress told with every refusal and acknowledgement (行政复议法 Art. 20, 行政诉讼法 Art. 46). */
export const DEFAULT_REDRESS = '如对本决定不服，可以自收到本决定之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。';

// ---- the catalogue ------------------------------------------------------------------------------

/** Text stored in plain columns: PostgreSQL refuses NUL characters, so they are refused here, by field. */
const text = (min: number, max: number) => z.string().trim().min(min).max(max).regex(/^[^\u0000]*$/, 'No NUL characters');

export const serviceCode = z.string().trim().min(2).max(32).regex(/^[A-Z][A-Z0-9_-]*$/, 'Upper-case letters, digits, _ and -, starting with a letter');
export const materialCode = z.string().trim().min(1).max(32).regex(/^[a-z][a-z0-9_-]*$/, 'Lower-case letters, digits, _ and -, starting with a letter');

export const materialSchema = z.strictObject({
  code: materialCode,
  name: z.string().trim().min(1).max(100),
  required: z.boolean(),
  copies: z.int().min(1).max(20).default(1),
  note: z.string().trim().max(500).nullable().optional(),
  /** the text of a blank form; when given, the material offers a PDF template to download */
  templateText: z.string().trim().max(4000).nullable().optional(),
});
export type Material = z.infer<typeof materialSchema>;

const serviceFields = {
  nameZh: text(1, 60),
  nameEn: text(1, 120),
  content: text(1, 2000),
  procedure: z.array(z.string().trim().min(1).max(300)).min(1).max(20),
  fees: text(1, 300),
  legalBasis: z.array(z.string().trim().min(1).max(300)).min(1).max(20),
  materials: z.array(materialSchema).max(30),
  statutoryDays: z.int().min(1).max(60),
  promisedDays: z.int().min(1).max(60),
  level: z.enum(LEVELS),
  /** a department of the level's unit, by code suffix (e.g. 'civic' for a street's one-door service centre) */
  unitKind: text(0, 32).nullable(),
  /** a fixed handling unit (a department); null: the level's unit of the applicant's place */
  handlingUnitId: z.uuid().nullable(),
  jointUnitIds: z.array(z.uuid()).max(10),
  online: z.boolean(),
  counterNote: text(0, 300).nullable(),
  deemedApproval: z.boolean(),
  active: z.boolean(),
};

export const serviceCreateBody = z.strictObject({
  code: serviceCode,
  ...serviceFields,
  unitKind: serviceFields.unitKind.default(null),
  handlingUnitId: serviceFields.handlingUnitId.default(null),
  jointUnitIds: serviceFields.jointUnitIds.default([]),
  counterNote: serviceFields.counterNote.default(null),
  online: serviceFields.online.default(true),
  deemedApproval: serviceFields.deemedApproval.default(false),
  active: serviceFields.active.default(true),
  statutoryDays: serviceFields.statutoryDays.default(20),
});
export type ServiceCreate = z.infer<typeof serviceCreateBody>;

export const serviceUpdateBody = z.strictObject(serviceFields).partial();
export type ServiceUpdate = z.infer<typeof serviceUpdateBody>;

export interface ServiceView {
  code: string;
  nameZh: string;
  nameEn: string;
  content: string;
  procedure: string[];
  fees: string;
  legalBasis: string[];
  materials: Array<Material & { hasTemplate: boolean }>;
  statutoryDays: number;
  promisedDays: number;
  level: Level;
  unitKind: string | null;
  handlingUnitId: string | null;
  handlingUnitName: string | null;
  /** the same names in English, for the portal's English readers */
  handlingUnitNameEn: string | null;
  jointUnitIds: string[];
  jointUnitNames: string[];
  jointUnitNamesEn: string[];
  online: boolean;
  counterNote: string | null;
  deemedApproval: boolean;
  active: boolean;
}

export const serviceListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  level: z.enum(LEVELS).optional(),
});

// Lookups accept any reasonable text and answer "not found" for what is not in the catalogue.
const lookupCode = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Letters, digits, _ and - only');
export const serviceParams = z.strictObject({ code: lookupCode });
export const templateParams = z.strictObject({ code: lookupCode, material: lookupCode });

// ---- applying -----------------------------------------------------------------------------------

export const PHONE = /^1[3-9]\d{9}$/;
/** 18 characters, the last a digit or X (GB 11643); the checksum is checked by the intake. */
export const ID_NUMBER = /^\d{17}[\dX]$/;
/** Unified social credit code (GB 32100): 18 characters without I, O, S, V, Z. */
export const ORG_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export const applicantSchema = z.strictObject({
  kind: z.enum(['person', 'organisation']),
  name: text(1, 60),
  idNumber: z.string().trim().toUpperCase().regex(ID_NUMBER, 'An ID number of 18 characters').optional(),
  orgCode: z.string().trim().toUpperCase().regex(ORG_CODE, 'A unified social credit code of 18 characters').optional(),
  phone: z.string().trim().regex(PHONE, 'A mainland mobile number of 11 digits'),
});
export type Applicant = z.infer<typeof applicantSchema>;

export const materialsInput = z.array(z.strictObject({
  code: z.string().trim().min(1).max(32),
  attachmentIds: z.array(z.uuid()).max(10),
})).max(30);
export type MaterialsInput = z.infer<typeof materialsInput>;

export const applyBody = z.strictObject({
  serviceCode: text(1, 32),
  applicant: applicantSchema,
  /** the community the matter belongs to (where the applicant lives, or the place applied for) */
  placeId: z.uuid().optional(),
  materials: materialsInput,
  note: z.string().trim().max(1000).optional(),
});
export type ApplyBody = z.infer<typeof applyBody>;

export interface Submitted {
  id: string;
  trackingCode: string;
  state: ApplicationState;
  handlingUnitId: string | null;
  dueAt: string | null;
}

export const inboxQuery = z.strictObject({
  queue: z.enum(QUEUES).optional(),
  q: text(0, 100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

export const idParams = z.strictObject({ id: z.uuid() });

export const lapsesQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const opinionBody = z.strictObject({
  agree: z.boolean(),
  text: z.string().trim().min(2, 'Give the opinion in at least 2 characters').max(2000),
  expectedVersion: z.int().min(1).optional(),
});

// ---- commands -----------------------------------------------------------------------------------

const note = z.string().trim().max(1000).optional();
const reason = z.string().trim().min(2, 'Give a reason (at least 2 characters)').max(1000);

/** Commands staff and applicants send to an application (POST /api/cases/:id/commands). */
export const applicationCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('accept'), note }),
  z.strictObject({ type: z.literal('request_materials'), codes: z.array(z.string().trim().min(1).max(32)).min(1, 'List every missing material').max(30), note: reason, resubmitBy: z.iso.date().optional() }),
  z.strictObject({ type: z.literal('resubmit'), materials: materialsInput.min(1), note }),
  z.strictObject({ type: z.literal('pause'), reason: z.enum(PAUSE_REASONS), note }),
  z.strictObject({ type: z.literal('resume'), note }),
  z.strictObject({ type: z.literal('give_opinion'), agree: z.boolean(), text: z.string().trim().min(2).max(2000) }),
  z.strictObject({ type: z.literal('request_extension'), reason }),
  z.strictObject({ type: z.literal('approve_extension'), note }),
  z.strictObject({ type: z.literal('refuse_extension'), note }),
  z.strictObject({ type: z.literal('approve'), note, certificateText: z.string().trim().min(2).max(2000).optional() }),
  z.strictObject({ type: z.literal('reject'), reasons: z.string().trim().min(2, 'Give the reasons for the refusal').max(2000), redress: z.string().trim().min(2).max(1000).optional() }),
  z.strictObject({ type: z.literal('withdraw'), reason: z.string().trim().max(1000).optional() }),
]);

/** What the intake hands the kernel after checking the service, the place, the materials and the applicant. */
export interface OpenCommand {
  type: 'open';
  id: string;
  channel: Channel;
  title: string;
  jurisdictionId: string;
  handlingUnitId: string;
  requesterPersonId: string | null;
  requesterUserId: string | null;
  receivedBy: string | null;
  applicant: { kind: 'person' | 'organisation'; name: string };
  note: string | null;
  service: {
    code: string;
    nameZh: string;
    periodDays: number;
    statutoryDays: number;
    deemedApproval: boolean;
    jointUnitIds: string[];
    materials: Array<{ code: string; name: string; required: boolean }>;
  };
  materials: MaterialsInput;
}

export type ApplicationCommand =
  | z.infer<typeof applicationCommand>
  | OpenCommand
  | { type: 'accept_implicitly' }
  | { type: 'deem_approve' }
  | { type: 'flag_overdue' };

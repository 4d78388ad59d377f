// The shapes a case type's pure rules work on. Pure, so module rules in src/modules/*/shared import them.
import type { Actor } from './actor.ts';
import type { WorkingCalendar } from './time/working-calendar.ts';
import type { JurisdictionDirectory } from './jurisdiction-directory.ts';

/** What every case has; `data` is the module's own part. */
export interface CaseSnapshot<Data = Record<string, unknown>> {
  id: string;
  kind: string;
  state: string;
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
  data: Data;
}

export interface EventDraft {
  type: string;
  /** 'public' steps are shown to the resident; 'internal' ones only to staff */
  visibility: 'public' | 'internal';
  data: Record<string, unknown>;
}

export interface AppliedEvent extends EventDraft {
  at: string;
  actorId: string | null;
  actorLabel: string;
}

export interface DecideContext {
  now: Date;
  actor: Actor;
  calendar: WorkingCalendar;
  directory: JurisdictionDirectory;
  settings: Record<string, unknown>;
}


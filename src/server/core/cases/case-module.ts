// The contract between the case kernel and a case type (appeal, petition, application …).
// A module's rules are pure: decide() turns a command into events, evolve() folds events
// into the next snapshot. The kernel does all I/O around them (DESIGN.md principles 1–3).
import type { ZodType } from 'zod';
import type { Permission } from '../../../shared/permissions.ts';
import type { Actor } from '../../../shared/actor.ts';
import type { NamedMigration } from '../../platform/db/migrator.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { Db, Deps } from '../../deps.ts';
import type { JurisdictionDirectory } from '../../../shared/jurisdiction-directory.ts';
import type { AppliedEvent, CaseSnapshot, DecideContext, EventDraft } from '../../../shared/case-types.ts';
import type { SettingKind } from '../../../shared/settings.ts';

export type { AppliedEvent, CaseSnapshot, DecideContext, EventDraft } from '../../../shared/case-types.ts';

export type StateCategory = 'open' | 'closed';

export type CommandPermission = Permission | 'resident' | Array<Permission | 'resident'>;

export interface TimerSpec {
  kind: string;
  dueAt: string;
}

/** A message to the requester; the kernel sends it by SMS, or e-mail when there is no phone. */
export interface RequesterMessage {
  template: string;
  params: Record<string, string | number>;
}

export interface CaseModule<Data = any, Command extends { type: string } = any> {
  kind: string;
  /** prefix of tracking codes, e.g. 'SQ' for appeals */
  trackingPrefix: string;
  states: Record<string, StateCategory>;
  /** the command body schema; `type` selects the action */
  commandSchema: ZodType<Command>;
  /** route permission of each command type ('resident': the requester's own command; a list: any of them) */
  commandPermission(type: string): CommandPermission;
  decide(snapshot: CaseSnapshot<Data> | null, command: Command, ctx: DecideContext): EventDraft[];
  evolve(snapshot: CaseSnapshot<Data> | null, event: AppliedEvent, ctx: DecideContext): CaseSnapshot<Data>;
  /** the command types this actor may issue now (the third access check; the UI draws buttons from it) */
  abilities(snapshot: CaseSnapshot<Data>, actor: Actor, directory: JurisdictionDirectory): string[];
  /** the clocks that should be running for this snapshot */
  timers(snapshot: CaseSnapshot<Data>, ctx: DecideContext): TimerSpec[];
  /** the command the deadline engine issues when a timer fires (null: nothing to do) */
  onTimer(snapshot: CaseSnapshot<Data>, timerKind: string, ctx: DecideContext): Command | null;
  /** messages to send after commit for these new events */
  messages?(snapshot: CaseSnapshot<Data>, events: AppliedEvent[]): RequesterMessage[];
  /** the texts of those messages by template name, with `{param}` placeholders */
  messageTemplates?: Record<string, string>;
  /** the requester asked not to be named to the units concerned (stored on the case row) */
  requesterHidden?(snapshot: CaseSnapshot<Data>): boolean;
  /** true when this staff member must not learn who raised the case (complainant protection) */
  hidesRequesterFrom?(snapshot: CaseSnapshot<Data>, actor: Actor, directory: JurisdictionDirectory): boolean;
  /** what a resident may see of the module's data (the rest stays internal) */
  publicData?(snapshot: CaseSnapshot<Data>): Record<string, unknown>;
  /** keeps the module's queryable rows (projections, search index) in step, inside the kernel's transaction */
  project?(trx: Db, deps: Deps, snapshot: CaseSnapshot<Data>, events: AppliedEvent[], ctx: DecideContext): Promise<void>;
  /** commands this change sets off on other cases of the same kind (merged duplicates), run in the same transaction as the system */
  cascade?(snapshot: CaseSnapshot<Data>, events: AppliedEvent[]): Array<{ caseId: string; command: Command }>;
  /** sets up a new district: the module's default catalogue */
  install?(deps: Deps): Promise<void>;
  /** loads the module's demo data into a new demo district (after install) */
  seedDemo?(deps: Deps): Promise<void>;
  /** the settings keys the module reads (without its `kind.` prefix), each with the schema of its value */
  settings?: Record<string, ZodType>;
  /** for each of those keys, its type (how an administrator edits it) and the value in force where none is set */
  settingDefaults?: Record<string, { type: SettingKind; value: unknown }>;
  migrations: NamedMigration[];
  /** the module's tables (Kysely names), parents first, for backup and restore */
  tables?: string[];
  /** the primary key of each of those tables not keyed by `id` (backups page by it) */
  tableKeys?: Record<string, string[]>;
  routes?(app: App, deps: Deps): Promise<void>;
}

import type { NamedMigration } from './platform/db/migrator.ts';
import type { CaseModule } from './core/cases/case-module.ts';
import { coreInitial } from './core/migrations/20261126_core_initial.ts';
import { coreAttachments } from './core/migrations/20261126_core_attachments.ts';
import { coreStatutoryYears } from './core/migrations/20261126_core_statutory_years.ts';
import { coreCaseOpenScope } from './core/migrations/20261127_core_case_open_scope.ts';
import { coreCaseOpenScopeCovering } from './core/migrations/20261127_core_case_open_scope_covering.ts';
import { corePersonUniqueContacts } from './core/migrations/20261127_core_person_unique_contacts.ts';

/** Core and module migrations, interleaved by name so a module's tables can reference core ones. */
export function allMigrations(modules: CaseModule[]): NamedMigration[] {
  return [coreInitial, coreAttachments, coreStatutoryYears, corePersonUniqueContacts, coreCaseOpenScope, coreCaseOpenScopeCovering, ...modules.flatMap((m) => m.migrations)].sort((a, b) => a.name.localeCompare(b.name));
}

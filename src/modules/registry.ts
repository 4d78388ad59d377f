// The only lines outside a module that name it: removing a module is deleting its folder and its line here.
import type { CaseModule } from '../server/core/cases/case-module.ts';
import { appealModule } from './appeal/manifest.ts';
import { applicationModule } from './application/manifest.ts';

export const caseModules: CaseModule[] = [appealModule, applicationModule];

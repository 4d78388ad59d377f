// The only lines of the web shell that name a module (DESIGN.md principle 10): each module's web
// manifest lists its pages, menu entries, portal links and dictionaries; the shell reads them here.
// Removing a module is deleting its folder and its line below.
import type { ComponentType, ReactNode } from 'react';
import type { Permission } from './api/shell.types.ts';
import type { LocaleCode } from './shell/locales/index.ts';
import type { SettingKind } from '../shared/settings.ts';
import { appealWeb } from '../modules/appeal/web/appeal.web.tsx';
import { applicationWeb } from '../modules/application/web/application.web.tsx';

/** A page of a module, loaded when first visited. */
export interface WebPage {
  /** relative to /workbench or /portal */
  path: string;
  load: () => Promise<ComponentType>;
  /** workbench: the permission the page needs (the shell shows "forbidden" without it) */
  permission?: Permission;
  /** portal: the page is for a signed-in resident (others go to the sign-in page first) */
  signedIn?: boolean;
}

/** A workbench menu entry; `label` is a key of the module's own dictionary. */
export interface WebNavEntry {
  path: string;
  label: string;
  icon: ReactNode;
  permission?: Permission;
}

/** How the workbench edits one of a module's per-jurisdiction settings: a time limit, a whole number, or weights. */
export type { SettingKind } from '../shared/settings.ts';

/** A card on the portal's home page; `title` and `text` are keys of the module's dictionary. */
export interface PortalLink {
  path: string;
  title: string;
  text: string;
  action: string;
  icon: ReactNode;
  /** shown only to a signed-in resident */
  signedIn?: boolean;
}

export interface WebModule {
  name: string;
  /** the module's dictionaries, one per language the shell speaks, merged under the shell's own */
  messages: Record<LocaleCode, Record<string, string>>;
  workbenchPages?: WebPage[];
  portalPages?: WebPage[];
  nav?: WebNavEntry[];
  portalLinks?: PortalLink[];
  /**
   * The module's settings (keys without the `name.` prefix the server gives them), in the order the time
   * limits page lists them. Each is labelled by the key `name.setting.<key>` of the module's dictionary.
   */
  settings?: Record<string, SettingKind>;
}

export const webModules: WebModule[] = [appealWeb, applicationWeb];

// The workbench's sections, each shown only to users holding its permission: home, the modules'
// entries (from modules.registry.ts), then administration.
import { ApartmentOutlined, AuditOutlined, CalendarOutlined, FieldTimeOutlined, HomeOutlined, KeyOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../api/shell.types.ts';
import { webModules } from '../modules.registry.ts';
import type { MessageKey } from '../shell/locales/index.ts';

const HOME = '/workbench';

export interface NavEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  permission?: Permission;
}

export const WORKBENCH_NAV: NavEntry[] = [
  { path: HOME, label: 'nav.overview', icon: <HomeOutlined /> },
  // A module's label is a key of its own dictionary, which the i18n merges in at run time.
  ...webModules.flatMap((m) => (m.nav ?? []).map((e) => ({ ...e, label: e.label as MessageKey }))),
  { path: '/workbench/jurisdictions', label: 'nav.jurisdictions', icon: <ApartmentOutlined />, permission: 'jurisdiction.read' },
  { path: '/workbench/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'user.read' },
  { path: '/workbench/calendar', label: 'nav.calendar', icon: <CalendarOutlined />, permission: 'calendar.read' },
  { path: '/workbench/settings', label: 'nav.settings', icon: <FieldTimeOutlined />, permission: 'settings.manage' },
  { path: '/workbench/tokens', label: 'nav.tokens', icon: <KeyOutlined />, permission: 'token.manage' },
  { path: '/workbench/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
];

export function navFor(permissions: readonly Permission[]): NavEntry[] {
  return WORKBENCH_NAV.filter((entry) => !entry.permission || permissions.includes(entry.permission));
}

/** The entry whose path is the longest prefix of the current location (home only when at home). */
export function currentNavPath(entries: NavEntry[], pathname: string): string | undefined {
  return entries.filter((e) => pathname === e.path || (e.path !== HOME && pathname.startsWith(`${e.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
}

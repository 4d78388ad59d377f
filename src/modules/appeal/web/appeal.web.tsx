// The appeal module's web manifest: its pages in the workbench and the portal, its menu entries, its
// cards on the portal's home page, its dictionaries and how its settings (time limits) are edited. The shell reads this through src/web/modules.registry.ts.
import { ApiOutlined, ClusterOutlined, FundOutlined, FileSearchOutlined, FormOutlined, InboxOutlined, PhoneOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { WebModule } from '../../../web/modules.registry.ts';
import { appealEn } from '../locales/en.ts';
import { appealZhCN } from '../locales/zh-CN.ts';
import { appealZhTW } from '../locales/zh-TW.ts';

export const appealWeb: WebModule = {
  name: 'appeal',
  messages: { 'zh-CN': appealZhCN, 'zh-TW': appealZhTW, en: appealEn },
  workbenchPages: [
    { path: 'appeals', permission: 'case.read', load: async () => (await import('./workbench/inbox.page.tsx')).InboxPage },
    { path: 'appeals/new', permission: 'case.act', load: async () => (await import('./workbench/intake.page.tsx')).IntakePage },
    { path: 'appeals/dashboard', permission: 'case.supervise', load: async () => (await import('./workbench/dashboard.page.tsx')).DashboardPage },
    { path: 'appeals/:id', permission: 'case.read', load: async () => (await import('./workbench/case.page.tsx')).CasePage },
    { path: 'appeals/catalogue', permission: 'settings.manage', load: async () => (await import('./admin/catalogue.page.tsx')).CataloguePage },
    { path: 'appeals/open311', permission: 'settings.manage', load: async () => (await import('./admin/open311-keys.page.tsx')).Open311KeysPage },
  ],
  portalPages: [
    { path: 'appeals/new', load: async () => (await import('./portal/submit.page.tsx')).SubmitAppealPage },
    { path: 'track', load: async () => (await import('./portal/track.page.tsx')).TrackPage },
    { path: 'track/:code', load: async () => (await import('./portal/track.page.tsx')).TrackPage },
    { path: 'appeals', signedIn: true, load: async () => (await import('./portal/my-appeals.page.tsx')).MyAppealsPage },
  ],
  nav: [
    { path: '/workbench/appeals', label: 'appeal.nav.inbox', icon: <InboxOutlined />, permission: 'case.read' },
    { path: '/workbench/appeals/new', label: 'appeal.nav.intake', icon: <PhoneOutlined />, permission: 'case.act' },
    { path: '/workbench/appeals/dashboard', label: 'appeal.nav.dashboard', icon: <FundOutlined />, permission: 'case.supervise' },
    { path: '/workbench/appeals/catalogue', label: 'appeal.nav.catalogue', icon: <ClusterOutlined />, permission: 'settings.manage' },
    { path: '/workbench/appeals/open311', label: 'appeal.nav.open311', icon: <ApiOutlined />, permission: 'settings.manage' },
  ],
  portalLinks: [
    { path: '/portal/appeals/new', title: 'appeal.portal.submit.title', text: 'appeal.portal.submit.text', action: 'appeal.portal.submit.action', icon: <FormOutlined /> },
    { path: '/portal/track', title: 'appeal.portal.track.title', text: 'appeal.portal.track.text', action: 'appeal.portal.track.action', icon: <FileSearchOutlined /> },
    { path: '/portal/appeals', title: 'appeal.portal.mine.title', text: 'appeal.portal.mine.text', action: 'appeal.portal.mine.action', icon: <UnorderedListOutlined />, signedIn: true },
  ],
  // As the server's APPEAL_SETTINGS declares them (shared/appeal.deadlines.ts).
  settings: {
    'signFor.emergency': 'duration', 'signFor.utilities': 'duration', 'signFor.general': 'duration', 'signFor.complex': 'duration',
    'feedback.emergency': 'duration', 'feedback.utilities': 'duration', 'feedback.general': 'duration', 'feedback.complex': 'duration',
    returnWindow: 'duration', followUpWindow: 'duration', maxReturns: 'count', maxExtensionDays: 'count',
    dashboardWeights: 'weights',
  },
};

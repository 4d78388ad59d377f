// The application module's web manifest: its pages in the workbench and the portal, its menu entries, its
// cards on the portal's home page and its dictionaries. The shell reads this through src/web/modules.registry.ts.
import { AppstoreOutlined, BarChartOutlined, FileDoneOutlined, FormOutlined, ProfileOutlined, SafetyCertificateOutlined, SolutionOutlined } from '@ant-design/icons';
import type { WebModule } from '../../../web/modules.registry.ts';
import { applicationEn } from '../locales/en.ts';
import { applicationZhCN } from '../locales/zh-CN.ts';
import { applicationZhTW } from '../locales/zh-TW.ts';

export const applicationWeb: WebModule = {
  name: 'application',
  messages: { 'zh-CN': applicationZhCN, 'zh-TW': applicationZhTW, en: applicationEn },
  workbenchPages: [
    { path: 'applications', permission: 'case.read', load: async () => (await import('./workbench/inbox.page.tsx')).InboxPage },
    { path: 'applications/counter', permission: 'case.act', load: async () => (await import('./workbench/counter.page.tsx')).CounterPage },
    { path: 'applications/lapses', permission: 'case.supervise', load: async () => (await import('./workbench/lapses.page.tsx')).LapsesPage },
    { path: 'applications/:id', permission: 'case.read', load: async () => (await import('./workbench/case.page.tsx')).CasePage },
    { path: 'services', permission: 'settings.manage', load: async () => (await import('./workbench/services.page.tsx')).ServicesAdminPage },
  ],
  portalPages: [
    { path: 'services', load: async () => (await import('./portal/services.page.tsx')).ServicesPage },
    { path: 'services/:code', load: async () => (await import('./portal/service.page.tsx')).ServicePage },
    { path: 'services/:code/apply', signedIn: true, load: async () => (await import('./portal/apply.page.tsx')).ApplyPage },
    { path: 'applications', signedIn: true, load: async () => (await import('./portal/my-applications.page.tsx')).MyApplicationsPage },
    { path: 'applications/:id', signedIn: true, load: async () => (await import('./portal/application.page.tsx')).ApplicationPage },
    { path: 'verify', load: async () => (await import('./portal/verify.page.tsx')).VerifyPage },
    { path: 'verify/:code', load: async () => (await import('./portal/verify.page.tsx')).VerifyPage },
  ],
  nav: [
    { path: '/workbench/applications', label: 'application.nav.inbox', icon: <SolutionOutlined />, permission: 'case.read' },
    { path: '/workbench/applications/counter', label: 'application.nav.counter', icon: <FormOutlined />, permission: 'case.act' },
    { path: '/workbench/applications/lapses', label: 'application.nav.lapses', icon: <BarChartOutlined />, permission: 'case.supervise' },
    { path: '/workbench/services', label: 'application.nav.services', icon: <ProfileOutlined />, permission: 'settings.manage' },
  ],
  portalLinks: [
    { path: '/portal/services', title: 'application.portal.services.title', text: 'application.portal.services.text', action: 'application.portal.services.action', icon: <AppstoreOutlined /> },
    { path: '/portal/applications', title: 'application.portal.mine.title', text: 'application.portal.mine.text', action: 'application.portal.mine.action', icon: <FileDoneOutlined />, signedIn: true },
    { path: '/portal/verify', title: 'application.portal.verify.title', text: 'application.portal.verify.text', action: 'application.portal.verify.action', icon: <SafetyCertificateOutlined /> },
  ],
  // As the server's APPLICATION_SETTINGS declares them (shared/application.deadlines.ts): whole working days.
  settings: { acceptanceDays: 'count', extensionDays: 'count', jointDays: 'count', jointExtensionDays: 'count', dueSoonDays: 'count' },
};


// The application module (行政审批 / 公共服务): the one-door service centre's catalogue, applications on the
// clocks of the Administrative Licensing Law, and deemed approval (超时默许). Assembled here from its pure
// rules and its server parts; src/modules/registry.ts names it on one line.
import type { CaseModule } from '../../server/core/cases/case-module.ts';
import { toLocalDate } from '../../shared/time/local-date.ts';
import { applicationCommand, type ApplicationCommand } from './shared/application.schemas.ts';
import { APPLICATION_SETTING_DEFAULTS, APPLICATION_SETTINGS } from './shared/application.deadlines.ts';
import { APPLICATION_STATES, decideApplication, evolveApplication, type ApplicationData } from './shared/application.machine.ts';
import { applicationAbilities, COMMAND_PERMISSIONS } from './shared/application.policy.ts';
import { applicationOwnMigrations, APPLICATION_OWN_TABLES } from './server/application.migrations.ts';
import { applicationRoutes } from './server/application.routes.ts';
import { projectApplication } from './server/application.projection.ts';
import { installApplicationCatalogue } from './server/application.install.ts';
import { seedDemoApplications } from './server/application.demo.ts';
import { publicApplicationData } from './server/application.queries.ts';
import { documentMigrations, DOCUMENT_TABLES } from './server/documents/application-documents.ts';

/** Texts of the messages to the applicant, by template name. */
const MESSAGE_TEMPLATES = {
  application_accepted: '【民生】您申请的“{service}”（查询码 {code}）已受理，将于 {due} 前作出决定。',
  application_materials: '【民生】您申请的“{service}”（查询码 {code}）需要补正材料，请登录“民生”网站查看补正通知书。',
  application_decided: '【民生】您申请的“{service}”（查询码 {code}）已作出决定，请登录“民生”网站查看并下载决定书。',
  application_deemed: '【民生】您申请的“{service}”（查询码 {code}）未在期限（{due}）内作出决定，依照超时默许规定视为准予，请登录“民生”网站下载决定书。',
};

export const applicationModule: CaseModule<ApplicationData, ApplicationCommand> = {
  kind: 'application',
  trackingPrefix: 'SP',
  states: APPLICATION_STATES,
  commandSchema: applicationCommand,
  commandPermission: (type) => COMMAND_PERMISSIONS[type] ?? 'case.act',
  decide: decideApplication,
  evolve: evolveApplication,
  abilities: applicationAbilities,
  timers(snapshot) {
    const d = snapshot.data;
    if ((snapshot.state === 'submitted' || snapshot.state === 'resubmitted') && d.acceptanceDueAt) return [{ kind: 'acceptance', dueAt: d.acceptanceDueAt }];
    if (snapshot.state === 'under_review' && d.decisionDueAt && !d.overdue) return [{ kind: 'decision', dueAt: d.decisionDueAt }];
    return [];
  },
  onTimer(snapshot, kind) {
    if (kind === 'acceptance') return { type: 'accept_implicitly' };
    if (kind === 'decision') return snapshot.data.deemedApproval ? { type: 'deem_approve' } : { type: 'flag_overdue' };
    return null;
  },
  messages(snapshot, events) {
    const params = { code: snapshot.trackingCode, service: snapshot.data.serviceName };
    const day = (iso: unknown) => (typeof iso === 'string' ? toLocalDate(new Date(iso)) : '');
    return events.flatMap((e) =>
      e.type === 'accepted' ? [{ template: 'application_accepted', params: { ...params, due: day(e.data.decisionDueAt) } }]
        : e.type === 'materials_requested' ? [{ template: 'application_materials', params }]
          : e.type === 'approved' || e.type === 'rejected' ? [{ template: 'application_decided', params }]
            : e.type === 'deemed_approved' ? [{ template: 'application_deemed', params: { ...params, due: day(e.data.missedDueAt) } }]
              : []);
  },
  messageTemplates: MESSAGE_TEMPLATES,
  publicData: publicApplicationData,
  project: projectApplication,
  install: installApplicationCatalogue,
  settings: APPLICATION_SETTINGS,
  settingDefaults: APPLICATION_SETTING_DEFAULTS,
  seedDemo: seedDemoApplications,
  migrations: [...applicationOwnMigrations, ...documentMigrations],
  tables: [...APPLICATION_OWN_TABLES, ...DOCUMENT_TABLES],
  routes: applicationRoutes,
};

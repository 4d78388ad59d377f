// The appeal module (诉求): the one door. Assembled here from its pure rules and its server parts.
import type { CaseModule } from '../../server/core/cases/case-module.ts';
import { appealCommand, type AppealCommand } from './shared/appeal.schemas.ts';
import { APPEAL_SETTING_DEFAULTS, APPEAL_SETTINGS } from './shared/appeal.deadlines.ts';
import { APPEAL_STATES, decideAppeal, escalationTarget, evolveAppeal, type AppealData } from './shared/appeal.machine.ts';
import { appealAbilities, COMMAND_PERMISSIONS } from './shared/appeal.policy.ts';
import { appealMigrations, APPEAL_TABLES } from './server/appeal.migrations.ts';
import { appealRoutes } from './server/appeal.routes.ts';
import { projectAppeal } from './server/appeal.projection.ts';
import { installAppealCatalogue } from './server/appeal.install.ts';
import { seedDemoAppeals } from './server/appeal.demo.ts';
import { isRequester } from '../../shared/actor.ts';
import { dispatchesDistrict } from '../../server/core/people/person.service.ts';

export const appealModule: CaseModule<AppealData, AppealCommand> = {
  kind: 'appeal',
  trackingPrefix: 'SQ',
  states: APPEAL_STATES,
  commandSchema: appealCommand,
  commandPermission: (type) => COMMAND_PERMISSIONS[type] ?? 'case.act',
  decide: decideAppeal,
  evolve: evolveAppeal,
  abilities: (snapshot, actor, directory) => appealAbilities(snapshot, actor, directory),
  timers(snapshot) {
    const data = snapshot.data;
    const timers = [];
    if (snapshot.state === 'dispatched' && data.signForDueAt && !data.overdue.sign_for) timers.push({ kind: 'sign_for', dueAt: data.signForDueAt });
    if (snapshot.state === 'handling' && !data.overdue.feedback) timers.push({ kind: 'feedback', dueAt: data.feedbackDueAt });
    if ((snapshot.state === 'replied' || snapshot.state === 'followed_up') && data.followUpDueAt) timers.push({ kind: 'follow_up', dueAt: data.followUpDueAt });
    if (data.supervision?.dueAt && !data.overdue.supervision && ['registered', 'dispatched', 'handling', 'returned'].includes(snapshot.state)) {
      timers.push({ kind: 'supervision', dueAt: data.supervision.dueAt });
    }
    return timers;
  },
  onTimer(snapshot, kind, ctx) {
    if (kind === 'follow_up') return { type: 'close_unrated' };
    if (kind === 'supervision') return { type: 'flag_overdue', clock: 'supervision' };
    if (kind !== 'sign_for' && kind !== 'feedback') return null;
    // A level that misses its clock hands the appeal up; at the district it is flagged red instead.
    const target = escalationTarget(ctx.directory, snapshot.handlingUnitId);
    if (!target) return { type: 'flag_overdue', clock: kind };
    return { type: 'escalate', reason: kind === 'sign_for' ? '签收超时，自动上报' : '办理超时，自动上报' };
  },
  messages(snapshot, events) {
    const params = { code: snapshot.trackingCode };
    return events.flatMap((e) =>
      e.type === 'registered' ? [{ template: 'appeal_received', params }]
        : e.type === 'replied' || e.type === 'parent_replied' ? [{ template: 'appeal_replied', params }]
          : []);
  },
  publicData(snapshot) {
    const d = snapshot.data;
    return {
      channel: d.channel, categoryCode: d.categoryCode, slaClass: d.slaClass, description: d.description, hideIdentity: d.hideIdentity, publish: d.publish,
      attachmentIds: d.attachmentIds, level: d.level, reply: d.reply, rating: d.rating, extension: d.extension && { days: d.extension.days, status: d.extension.status },
      feedbackDueAt: d.feedbackDueAt, parentId: d.parentId,
    };
  },
  messageTemplates: {
    appeal_received: '【民生】您的诉求已受理，查询码 {code}。可凭查询码在“民生”网站查看办理进度。',
    appeal_replied: '【民生】您的诉求（查询码 {code}）已有答复，请登录“民生”网站查看并评价。',
  },
  requesterHidden: (snapshot) => snapshot.data.hideIdentity,
  hidesRequesterFrom(snapshot, actor) {
    // Asked for anonymity: only the district's dispatchers, who route the appeal, know who raised it.
    return snapshot.data.hideIdentity && !dispatchesDistrict(actor) && !isRequester(actor, snapshot);
  },
  cascade(snapshot, events) {
    // A merged duplicate joins its parent; the parent's reply reaches every duplicate's requester.
    return events.flatMap((e): Array<{ caseId: string; command: AppealCommand }> =>
      e.type === 'merged' ? [{ caseId: String(e.data.parentId), command: { type: 'absorb' as const, childId: snapshot.id } }]
        : e.type === 'replied' ? snapshot.data.childIds.map((childId) => ({ caseId: childId, command: { type: 'reply_from_parent' as const, parentId: snapshot.id, text: String(e.data.text) } }))
          : []);
  },
  project: projectAppeal,
  install: installAppealCatalogue,
  settings: APPEAL_SETTINGS,
  settingDefaults: APPEAL_SETTING_DEFAULTS,
  seedDemo: seedDemoAppeals,
  migrations: appealMigrations,
  tables: APPEAL_TABLES,
  tableKeys: { appealRecord: ['caseId'], appealCategoryTerm: ['tenantId', 'categoryCode', 'term'] },
  routes: appealRoutes,
};

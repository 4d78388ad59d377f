// Demo applications (DOMAIN.md §1): a few dozen synthetic applications over the last weeks, in every state of
// the lifecycle. Each step goes through the kernel's applyCommand with the clock at the step's time, and every
// clock that runs out in between is acted on as the deadline engine would, so each timeline, projection row and
// document is one the running system could have written. Applicants are synthetic (marked so) and encrypted; the
// demo tells nobody (the messages it would have sent are not kept).
import { createHash } from 'node:crypto';
import type { Db, Deps } from '../../../server/deps.ts';
import { newId } from '../../../shared/ids.ts';
import { maskName } from '../../../shared/masking.ts';
import { systemActor, type Actor, type Grant } from '../../../shared/actor.ts';
import { isStaffRole } from '../../../shared/permissions.ts';
import { addDays, startOfLocalDay, toLocalDate } from '../../../shared/time/local-date.ts';
import { loadDirectory } from '../../../server/core/jurisdictions/jurisdiction-directory.ts';
import { DEMO_RESIDENTS } from '../../../server/core/jurisdictions/demo-district.data.ts';
import type { CaseModule, CaseSnapshot } from '../../../server/core/cases/case-module.ts';
import { applyCommand, decideContext, moduleFor } from '../../../server/core/cases/case.service.ts';
import { appendAudit } from '../../../server/platform/audit/audit.repository.ts';
import { limitsFrom, periodDays } from '../shared/application.deadlines.ts';
import { APPLICATION_STATES } from '../shared/application.machine.ts';
import type { ApplicationCommand, OpenCommand } from '../shared/application.schemas.ts';
import { findService, type StoredService } from './application-service.repository.ts';
import { handlingUnitFor } from './application.intake.ts';

type Who = 'unit' | 'joint' | 'leader' | 'applicant';
type Step = [ApplicationCommand, Who, number];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const SURNAMES = Array.from('王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗');
const GIVEN = ['淑兰', '振华', '桂英', '建国', '秀珍', '国强', '丽华', '志明', '玉梅', '海涛', '春燕', '文杰', '凤兰', '永生', '晓梅', '德华'];
const SHOPS = ['南开区乐福早餐店（演示）', '天津市长虹家电维修部（演示）', '南开区鑫源便利店（演示）', '南开区小马快递代收点（演示）', '天津市鼓楼书画社（演示）'];

/** Plans by the state they leave the application in: the steps, each with who acts and the day (after submission) it happens. */
const PLANS: Record<string, { age: number; steps: Step[] }> = {
  submitted: { age: 1, steps: [] },
  materials_incomplete: { age: 6, steps: [[{ type: 'request_materials', codes: ['id_card'], note: '身份证照片模糊，请重新上传清晰的正反面照片。' }, 'unit', 1]] },
  resubmitted: { age: 6, steps: [[{ type: 'request_materials', codes: ['id_card'], note: '身份证照片不完整，缺少反面。' }, 'unit', 1], [{ type: 'resubmit', materials: [] }, 'applicant', 3]] },
  under_review: { age: 3, steps: [[{ type: 'accept' }, 'unit', 1]] },
  implicitly_accepted: { age: 10, steps: [] },
  paused: { age: 9, steps: [[{ type: 'accept' }, 'unit', 1], [{ type: 'pause', reason: 'testing', note: '需对现场进行安全检测。' }, 'unit', 3]] },
  resumed: { age: 12, steps: [[{ type: 'accept' }, 'unit', 1], [{ type: 'pause', reason: 'expert', note: '组织专家评审。' }, 'unit', 2], [{ type: 'resume', note: '专家评审完毕。' }, 'unit', 6]] },
  extension_pending: { age: 10, steps: [[{ type: 'accept' }, 'unit', 1], [{ type: 'request_extension', reason: '需征求相邻居民意见，期限内难以办结。' }, 'unit', 8]] },
  extended: { age: 14, steps: [[{ type: 'accept' }, 'unit', 1], [{ type: 'request_extension', reason: '涉及多个部门核实，需延长办理期限。' }, 'unit', 8], [{ type: 'approve_extension', note: '同意延长。' }, 'leader', 9]] },
  approved: { age: 8, steps: [[{ type: 'accept' }, 'unit', 1], [{ type: 'approve', note: '材料齐全，符合条件。' }, 'unit', 3]] },
  rejected: { age: 8, steps: [[{ type: 'accept' }, 'unit', 1], [{ type: 'reject', reasons: '经核查，申请人不在本社区实际居住，不符合出具条件。' }, 'unit', 4]] },
  deemed_approved: { age: 30, steps: [[{ type: 'accept' }, 'unit', 1]] },
  overdue: { age: 40, steps: [[{ type: 'accept' }, 'unit', 1]] },
  withdrawn: { age: 5, steps: [[{ type: 'withdraw', reason: '已不需要办理。' }, 'applicant', 2]] },
  joint_waiting: { age: 6, steps: [[{ type: 'accept' }, 'unit', 1]] },
  joint_ready: { age: 12, steps: [[{ type: 'accept' }, 'unit', 1], [{ type: 'give_opinion', agree: true, text: '经现场查看，占用范围不影响通行和消防通道，同意。' }, 'joint', 5]] },
  joint_approved: { age: 20, steps: [[{ type: 'accept' }, 'unit', 1], [{ type: 'give_opinion', agree: true, text: '同意临时占用，活动结束后及时清理场地。' }, 'joint', 6], [{ type: 'approve', note: '联办单位同意，准予临时占用。' }, 'unit', 8]] },
};

/** [service, plan, community code]: the showcase, spread over the two fully staffed streets. */
const SPECS: Array<[string, keyof typeof PLANS, string]> = [
  ['JZZM', 'submitted', 'nk-ch-01'], ['JZZM', 'materials_incomplete', 'nk-ch-01'], ['JZZM', 'resubmitted', 'nk-ch-02'], ['JZZM', 'approved', 'nk-ch-01'],
  ['JZZM', 'rejected', 'nk-gl-01'], ['JZZM', 'withdrawn', 'nk-ch-01'], ['JZZM', 'implicitly_accepted', 'nk-gl-02'],
  ['LDRKDJ', 'submitted', 'nk-gl-01'], ['LDRKDJ', 'approved', 'nk-ch-02'], ['LDRKDJ', 'under_review', 'nk-ch-01'],
  ['XXZXBA', 'under_review', 'nk-ch-01'], ['XXZXBA', 'paused', 'nk-ch-02'], ['XXZXBA', 'deemed_approved', 'nk-gl-01'], ['XXZXBA', 'approved', 'nk-gl-02'],
  ['HYQKZM', 'materials_incomplete', 'nk-gl-01'], ['HYQKZM', 'approved', 'nk-ch-01'],
  ['SQCDJY', 'submitted', 'nk-ch-02'], ['SQCDJY', 'approved', 'nk-gl-01'],
  ['LNYDZ', 'under_review', 'nk-ch-01'], ['LNYDZ', 'approved', 'nk-gl-02'], ['LNYDZ', 'deemed_approved', 'nk-ch-02'], ['LNYDZ', 'submitted', 'nk-gl-01'],
  ['DSZNGRZ', 'under_review', 'nk-ch-02'], ['DSZNGRZ', 'approved', 'nk-gl-01'],
  ['SQYYWD', 'overdue', 'nk-ch-01'], ['SQYYWD', 'extension_pending', 'nk-gl-01'], ['SQYYWD', 'extended', 'nk-ch-02'], ['SQYYWD', 'rejected', 'nk-gl-02'],
  ['MQSBZRS', 'under_review', 'nk-gl-02'], ['MQSBZRS', 'resumed', 'nk-ch-01'],
  ['LSZYCD', 'joint_waiting', 'nk-ch-01'], ['LSZYCD', 'joint_ready', 'nk-gl-01'], ['LSZYCD', 'joint_approved', 'nk-ch-02'],
  ['GYHDBA', 'under_review', 'nk-ch-01'], ['GYHDBA', 'submitted', 'nk-gl-02'],
  ['HWGGSZ', 'overdue', 'nk-gl-01'], ['HWGGSZ', 'approved', 'nk-ch-01'],
];

/** A valid-looking synthetic ID number (region 120104, checksum by GB 11643); it belongs to no one. */
function syntheticIdNumber(i: number): string {
  const first17 = `120104${1950 + (i % 40)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(500 + i).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return first17 + '10X98765432'[weights.reduce((sum, w, k) => sum + w * Number(first17[k]), 0) % 11];
}

async function staffActor(db: Db, tenantId: string, username: string): Promise<Actor | null> {
  const user = await db.selectFrom('appUser').select(['id', 'displayName']).where('tenantId', '=', tenantId).where('username', '=', username).executeTakeFirst();
  if (!user) return null;
  const grants = await db.selectFrom('roleGrant').innerJoin('jurisdiction', 'jurisdiction.id', 'roleGrant.jurisdictionId')
    .select(['roleGrant.role', 'roleGrant.jurisdictionId', 'jurisdiction.path']).where('roleGrant.userId', '=', user.id).execute();
  return {
    kind: 'staff', tenantId, userId: user.id, label: user.displayName, tokenScopes: null,
    grants: grants.flatMap((g): Grant[] => (isStaffRole(g.role) ? [{ role: g.role, jurisdictionId: g.jurisdictionId, jurisdictionPath: g.path }] : [])),
  };
}

/** The demo account that works at a unit (its community worker, the centre's or department's handler). */
async function usernameAt(db: Db, tenantId: string, unitId: string): Promise<string | null> {
  const row = await db.selectFrom('roleGrant').innerJoin('appUser', 'appUser.id', 'roleGrant.userId').select('appUser.username')
    .where('roleGrant.tenantId', '=', tenantId).where('roleGrant.jurisdictionId', '=', unitId)
    .where('roleGrant.role', 'in', ['community_worker', 'department_handler', 'street_handler', 'district_dispatcher']).orderBy('appUser.username').executeTakeFirst();
  return row?.username ?? null;
}

/** A tiny PDF standing for a scanned material (the demo stores no real documents). */
function placeholderPdf(title: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% demo material: ${encodeURIComponent(title)}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1');
}

export async function seedDemoApplications(deps: Deps): Promise<void> {
  const module: CaseModule = moduleFor(deps, 'application');
  const directory = await loadDirectory(deps.db, deps.tenantId, true);
  const now = deps.clock.now();
  const system = systemActor(deps.tenantId, 'deadline-engine');
  const actors = new Map<string, Actor | null>();
  const actorNamed = async (username: string | null, db: Db = deps.db) => {
    if (!username) return null;
    if (!actors.has(username)) actors.set(username, await staffActor(db, deps.tenantId, username));
    return actors.get(username)!;
  };
  const leader = await actorNamed('leader');
  const residents = await Promise.all(DEMO_RESIDENTS.slice(0, 6).map(async (r) => {
    const person = await deps.db.selectFrom('person').leftJoin('appUser', 'appUser.personId', 'person.id').select(['person.id', 'appUser.id as userId'])
      .where('person.tenantId', '=', deps.tenantId).where('person.phoneIndex', '=', deps.cipher.blindIndex('phone', r.phone)).executeTakeFirst();
    return person ? { name: r.name, personId: person.id, userId: person.userId } : null;
  }));

  const services = new Map<string, StoredService>();
  const states: Record<string, number> = {};
  let skipped = 0;
  await deps.db.transaction().execute(async (trx) => {
    const outboxBefore = new Set((await trx.selectFrom('outbox').select('id').execute()).map((r) => r.id));
    for (const [index, [code, planName, communityCode]] of SPECS.entries()) {
      const service = services.get(code) ?? (await findService(trx, deps.tenantId, code));
      const community = directory.byCode(communityCode);
      if (!service || !community) { skipped++; continue; }
      services.set(code, service);
      const unit = handlingUnitFor(directory, service, community);
      const unitActor = unit ? await actorNamed(await usernameAt(trx, deps.tenantId, unit.id), trx) : null;
      const jointActor = service.jointUnitIds[0] ? await actorNamed(await usernameAt(trx, deps.tenantId, service.jointUnitIds[0]), trx) : null;
      if (!unit || !unitActor) { skipped++; continue; }
      const plan = PLANS[planName]!;
      // Submitted on a weekday morning `age` days ago (the day's first office hour, plus a little).
      const day = addDays(toLocalDate(now), -plan.age);
      const submittedAt = new Date(startOfLocalDay(day).getTime() + 9 * HOUR + (index % 7) * 17 * 60_000);
      if (submittedAt >= now) { skipped++; continue; }

      const organisation = ['SQYYWD', 'MQSBZRS', 'HWGGSZ', 'GYHDBA', 'LSZYCD'].includes(code);
      const resident = !organisation && index % 4 === 0 ? residents[(index / 4) % residents.length] ?? null : null;
      const name = organisation ? SHOPS[index % SHOPS.length]! : resident?.name ?? `${SURNAMES[index % SURNAMES.length]}${GIVEN[(index * 5) % GIVEN.length]}`;
      const applicantActor: Actor | null = resident?.userId ? { kind: 'resident', tenantId: deps.tenantId, userId: resident.userId, label: name, personId: resident.personId } : null;

      {
        let personId = resident?.personId ?? null;
        if (!personId) {
          personId = newId(submittedAt.getTime());
          await trx.insertInto('person').values({
            id: personId, tenantId: deps.tenantId, nameEnc: deps.cipher.encrypt(name), phoneEnc: null, phoneIndex: null, emailEnc: null, emailIndex: null,
            idNumberEnc: organisation ? null : deps.cipher.encrypt(syntheticIdNumber(index)), idNumberIndex: null, addressEnc: null, communityId: community.id,
            synthetic: 1, createdAt: submittedAt.toISOString(), updatedAt: submittedAt.toISOString(),
          }).execute();
        }
        const upload = async (title: string, at: Date) => {
          const content = placeholderPdf(title);
          const id = newId(at.getTime());
          await trx.insertInto('attachment').values({
            id, tenantId: deps.tenantId, caseId: null, uploadedBy: applicantActor?.kind === 'resident' ? applicantActor.userId : unitActor.kind === 'staff' ? unitActor.userId : null,
            fileName: `${title}.pdf`, contentType: 'application/pdf', size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content, createdAt: at.toISOString(),
          }).execute();
          return id;
        };
        const materials = [];
        for (const m of service.materials.filter((x) => x.required || index % 2 === 0)) materials.push({ code: m.code, attachmentIds: [await upload(m.name, submittedAt)] });

        const ctxAt = async (actor: Actor, at: Date) => ({ ...(await decideContext(trx, deps, actor, module, community.id, directory)), now: at });
        const channel = applicantActor ? 'online' as const : 'counter' as const;
        const opener = applicantActor ?? unitActor;
        const limits = limitsFrom((await ctxAt(opener, submittedAt)).settings);
        const open: OpenCommand = {
          type: 'open', id: newId(submittedAt.getTime()), channel, title: `${service.nameZh} · ${organisation ? name : maskName(name)}`,
          jurisdictionId: community.id, handlingUnitId: unit.id, requesterPersonId: personId, requesterUserId: resident?.userId ?? null,
          receivedBy: channel === 'counter' && unitActor.kind === 'staff' ? unitActor.userId : null, applicant: { kind: organisation ? 'organisation' : 'person', name }, note: null,
          service: {
            code: service.code, nameZh: service.nameZh, periodDays: periodDays(service, limits), statutoryDays: service.statutoryDays, deemedApproval: service.deemedApproval,
            jointUnitIds: service.jointUnitIds, materials: service.materials.map((m) => ({ code: m.code, name: m.name, required: m.required })),
          },
          materials,
        };
        let snapshot: CaseSnapshot<any> = (await applyCommand(trx, deps, module, opener, null, open, await ctxAt(opener, submittedAt), null)).snapshot;

        // What the deadline engine would have done before `until` (it sweeps every minute).
        const sweepUntil = async (until: Date) => {
          for (let round = 0; round < 5; round++) {
            const timer = module.timers(snapshot, await ctxAt(system, until)).find((t) => t.dueAt < until.toISOString());
            if (!timer) return;
            const at = new Date(new Date(timer.dueAt).getTime() + 60_000);
            const command = module.onTimer(snapshot, timer.kind, await ctxAt(system, at));
            if (!command) return;
            const result = await applyCommand(trx, deps, module, system, snapshot, command, await ctxAt(system, at), null);
            if (result.events.length === 0) return;
            snapshot = result.snapshot;
          }
        };

        for (const [command, who, afterDays] of plan.steps) {
          const at = new Date(submittedAt.getTime() + afterDays * DAY + 2 * HOUR);
          if (at >= now) break;
          await sweepUntil(at);
          if (APPLICATION_STATES[snapshot.state as keyof typeof APPLICATION_STATES] === 'closed') break;
          const actor = who === 'unit' ? unitActor : who === 'joint' ? jointActor : who === 'leader' ? leader : applicantActor ?? unitActor;
          if (!actor) break;
          let cmd = command;
          if (cmd.type === 'resubmit') cmd = { ...cmd, materials: await Promise.all((snapshot.data.requestedMaterials?.codes ?? []).map(async (c: string) => ({ code: c, attachmentIds: [await upload(`补正-${c}`, at)] }))) };
          snapshot = (await applyCommand(trx, deps, module, actor, snapshot, cmd, await ctxAt(actor, at), null)).snapshot;
        }
        await sweepUntil(now);
        states[snapshot.state] = (states[snapshot.state] ?? 0) + 1;
      }
    }
    // The demo tells nobody: the messages its steps queued are not kept.
    const queued = (await trx.selectFrom('outbox').select('id').execute()).map((r) => r.id).filter((id) => !outboxBefore.has(id));
    for (let i = 0; i < queued.length; i += 200) await trx.deleteFrom('outbox').where('id', 'in', queued.slice(i, i + 200)).execute();
    await appendAudit(trx, deps.engine, deps.tenantId, now.toISOString(), [{
      actorId: null, actorLabel: 'system', action: 'application.seed_demo', objectType: 'tenant', objectId: deps.tenantId,
      detail: { applications: Object.values(states).reduce((a, b) => a + b, 0), states, skipped },
    }]);
  });
}

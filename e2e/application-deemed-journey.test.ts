// Journey of the deemed-approval rule (超时默许): a resident applies online for a flagged service; the
// one-door service centre accepts it and then leaves it undecided. Long after the promised period has
// passed the deadline engine sweeps (`minsheng sweep --now <later>`, here sweepDeadlines with the server's
// clock moved): the application is granted by operation of the rule. The resident sees 「超时默许，视为准予」
// and downloads the decision, which verifies; the clerk's inbox lists it as decided; the leaders' deadline
// report counts it against the unit. Every page is audited with axe; a console error fails the journey.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { sweepDeadlines } from '../src/server/core/cases/deadline-engine.ts';
import { launchBrowser } from './support/browser.ts';
import { startJourneyServer, type JourneyServer } from './support/server.ts';
import { Journey, local, SCAN_PDF } from './support/journey.ts';
import { FLAGGED, STAFF } from './application-journey.data.ts';

const RESIDENT_PHONE = '19900067890';
const ID_NUMBER = '120104196207080315'; // synthetic, with a valid check character
const APPLICANT = '赵建国';

let server: JourneyServer;
let browser: Browser;
let journey: Journey;

beforeAll(async () => {
  server = await startJourneyServer({ now: local('2026-03-03T09:00:00').toISOString() });
  browser = await launchBrowser();
  journey = new Journey(server, browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the deemed-approval journey', () => {
  it('an accepted application left undecided past its deadline is granted by the rule, and the resident sees it', async () => {
    onTestFailed(() => journey.screenshotsOnFailure('application-deemed'));

    // ---- the resident reads the service's deemed-approval note and applies
    const resident = await journey.newPage('resident', { viewport: { width: 430, height: 900 } });
    await resident.goto(`${server.url}/portal/services/${FLAGGED.code}`);
    await resident.getByRole('heading', { name: FLAGGED.name, level: 1 }).waitFor();
    await resident.getByText('本事项适用超时默许').waitFor();
    await resident.getByRole('link', { name: '登录后在线申请' }).first().click();
    await journey.residentSignsIn(resident, RESIDENT_PHONE);
    await resident.waitForURL(new RegExp(`/portal/services/${FLAGGED.code}/apply$`));
    await resident.getByLabel('姓名').fill(APPLICANT);
    await resident.getByLabel('身份证号').fill(ID_NUMBER);
    await resident.getByLabel('手机号').fill(RESIDENT_PHONE);
    if (FLAGGED.needsPlace) {
      await resident.getByRole('combobox', { name: '所在社区' }).click();
      await resident.keyboard.type(FLAGGED.place);
      await resident.keyboard.press('Enter');
    }
    for (const material of FLAGGED.materials) {
      await resident.getByLabel(`上传“${material}”`).setInputFiles({ name: `${material}.pdf`, mimeType: 'application/pdf', buffer: SCAN_PDF });
    }
    await expect.poll(() => resident.getByRole('status').filter({ hasText: '已上传' }).count()).toBe(FLAGGED.materials.length);
    await resident.getByRole('button', { name: '提交申请' }).click();
    await resident.getByRole('heading', { name: '申请已提交' }).waitFor();
    const code = (await resident.getByTestId('tracking-code').textContent())!.trim();

    // ---- the centre accepts it, and then does nothing more
    const clerk = await journey.staff(STAFF.username);
    await clerk.goto(`${server.url}/workbench/applications?queue=to_check`);
    await clerk.locator('tr', { hasText: code }).getByRole('link').click();
    await clerk.waitForURL(/\/workbench\/applications\/[0-9a-f-]{36}$/);
    const caseUrl = clerk.url();
    await clerk.getByRole('button', { name: /^受理/ }).click();
    const accept = await journey.dialog(clerk, '予以受理');
    await accept.getByRole('button', { name: /受\s*理/ }).click();
    await clerk.locator('.sp-case-tags').getByText('审查中').waitFor();
    // The flagged service's clock warns that deemed approval applies.
    await clerk.getByTestId('working-days').waitFor();

    // ---- long after the promised period (Civil Code start rule, working days), the deadline engine sweeps
    await journey.setNow(local('2026-05-20T09:00:00'));
    const swept = await sweepDeadlines(server.db.deps);
    expect(swept.acted).toBeGreaterThanOrEqual(1);

    // ---- the clerk's case page says what happened
    const clerkLater = await journey.staff(STAFF.username);
    await clerkLater.goto(caseUrl);
    await clerkLater.locator('.sp-case-tags').getByText('超时默许，视为准予').waitFor();
    await clerkLater.locator('.sp-timeline-item', { hasText: '依超时默许规则视为准予' }).getByText('系统（期限引擎）').waitFor();
    await journey.expectAccessible(clerkLater, 'case page (deemed approved)');
    await clerkLater.goto(`${server.url}/workbench/applications?queue=decided`);
    await clerkLater.locator('tr', { hasText: code }).getByText('超时默许，视为准予').waitFor();

    // ---- the resident (signed in again) sees 「超时默许，视为准予」 and the decision
    const residentLater = await journey.newPage('resident later', { viewport: { width: 430, height: 900 } });
    await residentLater.goto(`${server.url}/portal`);
    await residentLater.getByRole('banner').getByRole('link', { name: '登录' }).click();
    await journey.residentSignsIn(residentLater, RESIDENT_PHONE);
    await residentLater.waitForURL(/\/portal$/);
    await residentLater.getByRole('link', { name: '查看我的申请' }).click();
    await residentLater.waitForURL(/\/portal\/applications$/);
    const item = residentLater.locator('li', { hasText: code });
    await item.getByText('超时默许，视为准予').waitFor();
    await journey.expectAccessible(residentLater, 'my applications');
    await item.getByRole('link').click();
    await residentLater.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
    await residentLater.getByText(/超时默许，视为准予：审查期限届满未作决定/).waitFor();
    const decision = residentLater.getByRole('link', { name: '下载 PDF （准予许可决定书（超时默许））' });
    await journey.expectPdf(residentLater, await decision.getAttribute('href'));
    await residentLater.screenshot({ path: '/tmp/application-deemed.png', fullPage: true });
    await journey.expectAccessible(residentLater, 'application page (deemed approved)');

    // The decision's code verifies and says how it was granted.
    const verification = (await residentLater.getByTestId('code-decision').textContent())!.trim();
    await residentLater.getByRole('link', { name: '核验 （准予许可决定书（超时默许））' }).click();
    await residentLater.waitForURL(new RegExp(`/portal/verify/${verification}$`));
    await residentLater.getByText('核验通过：本文书由本区出具').waitFor();
    await residentLater.locator('.ant-descriptions').getByText('超时默许，视为准予').waitFor();

    // ---- the leaders' deadline report counts it against the unit
    const leader = await journey.staff('leader');
    await leader.getByRole('navigation').getByRole('link', { name: '审批时限报告' }).click();
    await leader.waitForURL(/\/workbench\/applications\/lapses$/);
    const unitRow = leader.locator('table.sp-inbox tr', { has: leader.getByRole('rowheader', { name: '长华里社区' }) });
    // on time, late, deemed approved, overdue now
    await expect.poll(() => unitRow.locator('td').allTextContents()).toEqual(['0', '0', '1', '0', '0%']);
    await leader.screenshot({ path: '/tmp/application-lapses.png', fullPage: true });
    await journey.expectAccessible(leader, 'deadline report');

    expect(journey.problems).toEqual([]);
  });
});

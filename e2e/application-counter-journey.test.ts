// Journey of a counter application with missing materials: an applicant comes to 长华里社区's counter; the
// community worker enters the application for them (keyboard first), then finds one material unreadable and
// lists it — one complete list, from the service's checklist. The applicant, signing in later with the phone
// number given at the counter, finds the application waiting for that material, downloads the notice and
// sends the file; the worker refuses the application with reasons, and the applicant reads the decision and
// the means of redress. Every page is audited with axe; a console error fails the journey.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser.ts';
import { startJourneyServer, type JourneyServer } from './support/server.ts';
import { Journey, local, SCAN_PDF } from './support/journey.ts';
import { FLAGGED, STAFF } from './application-journey.data.ts';

const APPLICANT_PHONE = '19900078901';
const ID_NUMBER = '120104197001010033'; // synthetic, with a valid check character
const APPLICANT = '刘桂芳';
const REASONS = '经社区入户核实，申请人未在本社区实际居住，不符合出具居住证明的条件';

let server: JourneyServer;
let browser: Browser;
let journey: Journey;

beforeAll(async () => {
  server = await startJourneyServer({ now: local('2026-03-04T10:00:00').toISOString() });
  browser = await launchBrowser();
  journey = new Journey(server, browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the counter journey', () => {
  it('staff enter an application at the counter, list the missing material, the applicant sends it and reads the refusal', async () => {
    onTestFailed(() => journey.screenshotsOnFailure('application-counter'));
    const [first, ...others] = FLAGGED.materials;

    // ---- the community worker at the counter
    const worker = await journey.staff(STAFF.username);
    await worker.getByRole('navigation').getByRole('link', { name: '窗口受理' }).click();
    await worker.waitForURL(/\/workbench\/applications\/counter$/);
    await expect.poll(() => worker.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await worker.keyboard.type(FLAGGED.name);
    await worker.keyboard.press('Enter');
    await worker.getByRole('heading', { name: '申请人', level: 2 }).waitFor();
    await worker.getByLabel('姓名').fill(APPLICANT);
    await worker.getByLabel('身份证号').fill(ID_NUMBER);
    await worker.getByLabel('手机号').fill(APPLICANT_PHONE);
    await worker.getByRole('combobox', { name: '所在社区' }).click();
    await worker.keyboard.type(FLAGGED.place);
    await worker.keyboard.press('Enter');
    // Tab leaves the select, and its list closes (audits run with every list closed).
    await worker.keyboard.press('Tab');
    await expect.poll(() => worker.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
    // The worker scans the materials, the ID card last.
    for (const material of others) {
      await worker.getByLabel(`上传“${material}”`).setInputFiles({ name: `${material}.pdf`, mimeType: 'application/pdf', buffer: SCAN_PDF });
    }
    await expect.poll(() => worker.getByRole('status').filter({ hasText: '已上传' }).count()).toBe(others.length);
    await journey.expectAccessible(worker, 'counter form');
    // Sent too early, the form says which required material is still missing.
    await worker.getByRole('button', { name: '录入申请' }).click();
    await worker.getByText('还有 1 项必需材料没有上传').waitFor();
    await worker.getByLabel(`上传“${first}”`).setInputFiles({ name: 'id-card-scan.pdf', mimeType: 'application/pdf', buffer: SCAN_PDF });
    await expect.poll(() => worker.getByRole('status').filter({ hasText: '已上传' }).count()).toBe(others.length + 1);
    await worker.getByRole('button', { name: '录入申请' }).click();
    const entered = worker.getByRole('heading', { name: /^已录入申请 SP260304-/ });
    await entered.waitFor();
    const code = (await entered.textContent())!.replace('已录入申请', '').trim();
    await worker.getByRole('link', { name: '打开这份申请' }).click();
    await worker.waitForURL(/\/workbench\/applications\/[0-9a-f-]{36}$/);
    const caseUrl = worker.url();
    await worker.getByText('窗口受理').first().waitFor();

    // ---- checking the materials, the worker finds the ID card scan unreadable: one complete list of what
    // is missing, from the service's checklist
    await worker.getByRole('button', { name: /^一次性告知补正/ }).click();
    const notice = await journey.dialog(worker, '需要补正的材料');
    await notice.getByRole('checkbox', { name: first! }).check();
    await notice.getByLabel('补正要求').fill('身份证复印件不清晰，请上传正反两面的清晰照片');
    await journey.expectAccessible(worker, 'request for missing materials');
    await notice.getByRole('button', { name: '出具补正通知' }).click();
    await worker.locator('.sp-case-tags').getByText('待补正材料').waitFor();
    await worker.getByText('补正材料通知书').first().waitFor();
    // Asked once: the office cannot ask again.
    expect(await worker.getByRole('button', { name: /^一次性告知补正/ }).count()).toBe(0);

    // ---- the applicant signs in with the phone given at the counter and sends the material
    const applicant = await journey.newPage('applicant', { viewport: { width: 430, height: 900 } });
    await applicant.goto(`${server.url}/portal`);
    await applicant.getByRole('banner').getByRole('link', { name: '登录' }).click();
    await journey.residentSignsIn(applicant, APPLICANT_PHONE);
    await applicant.waitForURL(/\/portal$/);
    await applicant.getByRole('link', { name: '查看我的申请' }).click();
    await applicant.locator('li', { hasText: code }).getByRole('link').click();
    await applicant.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
    const applicationUrl = applicant.url();
    await applicant.getByRole('heading', { name: '材料不齐全，请按通知补正', level: 2 }).waitFor();
    await journey.expectPdf(applicant, await applicant.getByRole('link', { name: '下载 PDF （补正材料通知书）' }).getAttribute('href'));
    await applicant.getByRole('heading', { name: '补正材料', level: 2 }).waitFor();
    await journey.expectAccessible(applicant, 'application page (materials missing)');
    await applicant.getByLabel(`上传“${first}”`).setInputFiles({ name: 'id-card.pdf', mimeType: 'application/pdf', buffer: SCAN_PDF });
    await expect.poll(() => applicant.getByRole('status').filter({ hasText: '已上传' }).count()).toBe(1);
    await applicant.getByRole('button', { name: '提交补正材料' }).click();
    await applicant.getByRole('heading', { name: '已补正材料，等待窗口受理', level: 2 }).waitFor();

    // ---- the worker refuses, with reasons
    await worker.goto(caseUrl);
    await worker.locator('.sp-case-tags').getByText('已补正待受理').waitFor();
    await worker.getByRole('button', { name: /^不予许可/ }).click();
    const refuse = await journey.dialog(worker, '不予许可的理由');
    await refuse.getByLabel('不予许可的理由').fill(REASONS);
    await refuse.getByRole('button', { name: /不予许可/ }).click();
    await worker.locator('.sp-case-tags').getByText('不予许可').waitFor();
    await journey.expectAccessible(worker, 'case page (refused)');

    // ---- the applicant reads the decision, its reasons and the means of redress
    await applicant.goto(applicationUrl);
    await applicant.getByRole('heading', { name: '已办结：不予许可', level: 2 }).waitFor();
    await applicant.getByText(`理由：${REASONS}`).first().waitFor();
    await applicant.getByText(/申请行政复议/).waitFor();
    await journey.expectPdf(applicant, await applicant.getByRole('link', { name: '下载 PDF （不予许可决定书）' }).getAttribute('href'));
    await applicant.screenshot({ path: '/tmp/application-refused.png', fullPage: true });
    await journey.expectAccessible(applicant, 'application page (refused)');

    expect(journey.problems).toEqual([]);
  });
});

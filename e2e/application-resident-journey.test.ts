// Journey of an online application, end to end in a real browser: a resident on a phone (after a look at
// 繁體, in the elderly-friendly mode) finds a service by search, reads its six disclosures and downloads a blank
// form, signs in with a one-time code and applies with the materials (a file of the wrong kind is refused
// in its row); 长华里社区's worker finds it in the inbox and accepts it (the acknowledgement PDF reaches the
// resident), then approves it; the resident downloads the certificate, and its verification code checks
// out on the public verify page for anyone, with the applicant's name masked; a second application, made by
// mistake, the resident withdraws. Every page is audited with axe
// (WCAG 2.1 AA); a console error fails the journey.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser.ts';
import { startJourneyServer, type JourneyServer } from './support/server.ts';
import { Journey, local, SCAN_PDF } from './support/journey.ts';
import { SERVICE, STAFF } from './application-journey.data.ts';

const RESIDENT_PHONE = '19900056789';
const ID_NUMBER = '120104195803120526'; // synthetic, with a valid check character
const APPLICANT = '王秀兰';

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

describe('the online application journey', () => {
  it('a resident finds a service, applies with materials, is accepted and approved, downloads the certificate and its code verifies', async () => {
    onTestFailed(() => journey.screenshotsOnFailure('application-resident'));

    // ---- the resident, on a phone-sized screen, without an account yet
    const resident = await journey.newPage('resident', { viewport: { width: 430, height: 900 } });
    await resident.goto(`${server.url}/portal`);
    // A look at the cards in 繁體, then back to 简体 with the elderly-friendly mode on for the rest of the visit.
    await resident.getByRole('button', { name: '繁體' }).click();
    await resident.getByRole('link', { name: '查找辦事事項' }).waitFor();
    await resident.getByRole('button', { name: '简体' }).click();
    await resident.getByRole('button', { name: '无障碍' }).click();
    await resident.locator('.ms-portal.ms-elderly').waitFor();
    await resident.getByRole('link', { name: '查找办事事项' }).click();
    await resident.waitForURL(/\/portal\/services$/);
    await resident.getByRole('searchbox', { name: '查找服务事项' }).fill(SERVICE.search);
    await resident.getByRole('searchbox', { name: '查找服务事项' }).press('Enter');
    await resident.waitForURL(/\/portal\/services\?q=/);
    await resident.getByRole('link', { name: SERVICE.name }).waitFor();
    await journey.expectAccessible(resident, 'service search');
    await resident.getByRole('link', { name: SERVICE.name }).click();
    await resident.waitForURL(new RegExp(`/portal/services/${SERVICE.code}$`));

    // The six disclosures, with the time limits in working days and how it is handled.
    for (const heading of ['服务内容', '办理流程', '申请材料', '办理时限与办理机构', '收费标准', '设定依据']) {
      await resident.getByRole('heading', { name: heading, level: 2 }).waitFor();
    }
    await resident.getByText('法定时限').waitFor();
    await resident.getByText('承诺时限').waitFor();
    await resident.getByText(/可在网上申请/).waitFor();
    if (SERVICE.template) {
      const template = resident.getByRole('link', { name: `下载“${SERVICE.template}”空白表格` });
      await journey.expectPdf(resident, await template.getAttribute('href'));
    }
    await resident.screenshot({ path: '/tmp/application-service.png', fullPage: true });
    await journey.expectAccessible(resident, 'service page');

    // ---- signs in, and comes back to the form
    await resident.getByRole('link', { name: '登录后在线申请' }).first().click();
    await journey.residentSignsIn(resident, RESIDENT_PHONE);
    await resident.waitForURL(new RegExp(`/portal/services/${SERVICE.code}/apply$`));
    await resident.getByRole('heading', { name: `申请：${SERVICE.name}`, level: 1 }).waitFor();
    await resident.getByLabel('姓名').fill(APPLICANT);
    await resident.getByLabel('身份证号').fill(ID_NUMBER);
    await resident.getByLabel('手机号').fill(RESIDENT_PHONE);
    // The elderly-friendly mode leaves the optional note out.
    expect(await resident.getByLabel('补充说明（选填）').count()).toBe(0);
    if (SERVICE.needsPlace) {
      await resident.getByRole('combobox', { name: '所在社区' }).click();
      await resident.keyboard.type(SERVICE.place);
      await resident.keyboard.press('Enter');
    }
    // Sending without the materials says what is missing.
    await resident.getByRole('button', { name: '提交申请' }).click();
    await resident.getByText(/项必需材料没有上传/).waitFor();
    // A file of the wrong kind is refused in the row, before any upload.
    const first = SERVICE.materials[0]!;
    await resident.getByLabel(`上传“${first}”`).setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('不是材料') });
    await resident.getByText('只能上传照片或 PDF 文件').waitFor();
    await resident.getByRole('button', { name: '删除文件 notes.txt' }).click();
    for (const material of SERVICE.materials) {
      await resident.getByLabel(`上传“${material}”`).setInputFiles({ name: `${material}.pdf`, mimeType: 'application/pdf', buffer: SCAN_PDF });
    }
    await expect.poll(() => resident.getByRole('status').filter({ hasText: '已上传' }).count()).toBe(SERVICE.materials.length);
    await resident.screenshot({ path: '/tmp/application-apply.png', fullPage: true });
    await journey.expectAccessible(resident, 'apply form');
    await resident.getByRole('button', { name: '提交申请' }).click();
    await resident.getByRole('heading', { name: '申请已提交' }).waitFor();
    const code = (await resident.getByTestId('tracking-code').textContent())!.trim();
    expect(code).toMatch(/^SP\d{6}-[0-9A-Z]{6}$/);
    await resident.getByRole('link', { name: '查看办理进度' }).click();
    await resident.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
    const applicationUrl = resident.url();
    await resident.locator('.sp-track-head').getByText('待受理').waitFor();
    await resident.getByTestId('working-days').waitFor();
    await journey.expectAccessible(resident, 'application page (submitted)');

    // ---- the one-door service centre: the inbox's first queue, then the case page
    const clerk = await journey.staff(STAFF.username);
    await clerk.getByRole('navigation').getByRole('link', { name: '审批工作台' }).click();
    await clerk.waitForURL(/\/workbench\/applications/);
    await clerk.getByRole('tab', { name: /待审查材料/, selected: true }).waitFor();
    const row = clerk.locator('tr', { hasText: code });
    await row.waitFor();
    await clerk.screenshot({ path: '/tmp/application-inbox.png', fullPage: true });
    await journey.expectAccessible(clerk, 'inbox');
    await row.getByRole('link').click();
    await clerk.waitForURL(/\/workbench\/applications\/[0-9a-f-]{36}$/);
    await clerk.getByRole('heading', { name: '申请材料' }).waitFor();
    await clerk.getByText(APPLICANT).first().waitFor();
    await journey.expectAccessible(clerk, 'case page (to check)');
    await clerk.getByRole('button', { name: /^受理/ }).click();
    const accept = await journey.dialog(clerk, '予以受理');
    await accept.getByRole('button', { name: '受 理' }).or(accept.getByRole('button', { name: '受理' })).click();
    await clerk.locator('.sp-case-tags').getByText('审查中').waitFor();
    await clerk.getByText('受理通知书').first().waitFor();

    // ---- the resident sees it accepted, with the acknowledgement to download
    await resident.goto(applicationUrl);
    await resident.locator('.sp-track-head').getByText('审查中').waitFor();
    const acknowledgement = resident.getByRole('link', { name: '下载 PDF （受理通知书）' });
    await journey.expectPdf(resident, await acknowledgement.getAttribute('href'));

    // ---- the centre approves
    await clerk.getByRole('button', { name: /^准予许可/ }).click();
    const approve = await journey.dialog(clerk, '作出准予许可决定');
    await approve.getByRole('button', { name: /准予许可/ }).click();
    await clerk.locator('.sp-case-tags').getByText('准予许可').waitFor();
    await journey.expectAccessible(clerk, 'case page (approved)');

    // ---- the resident downloads the certificate; its code checks out for anyone
    await resident.goto(applicationUrl);
    await resident.getByRole('heading', { name: '已办结：准予许可', level: 2 }).waitFor();
    const certificate = resident.getByRole('link', { name: '下载 PDF （证明/证书）' });
    await journey.expectPdf(resident, await certificate.getAttribute('href'));
    const verification = (await resident.getByTestId('code-certificate').textContent())!.trim();
    expect(verification).toMatch(/^[0-9A-Z]{12}$/);
    await resident.screenshot({ path: '/tmp/application-approved.png', fullPage: true });
    await journey.expectAccessible(resident, 'application page (approved)');

    const anyone = await journey.newPage('anyone');
    // Signed out, a resident's page asks for the resident sign-in, not the staff one.
    await anyone.goto(`${server.url}/portal/applications`);
    await anyone.waitForURL(/\/login\?as=resident&next=%2Fportal%2Fapplications$/);
    await anyone.getByLabel('手机号或电子邮箱').waitFor();
    await anyone.goto(`${server.url}/portal`);
    await anyone.getByRole('link', { name: '核验文书' }).click();
    await anyone.waitForURL(/\/portal\/verify$/);
    await anyone.getByLabel('核验码').fill(verification.toLowerCase());
    await anyone.getByRole('button', { name: /核\s*验/ }).click();
    await anyone.waitForURL(new RegExp(`/portal/verify/${verification}$`));
    await anyone.getByText('核验通过：本文书由本区出具').waitFor();
    await anyone.getByText(code).waitFor();
    await anyone.getByText(SERVICE.name).waitFor();
    // The applicant's name is masked.
    expect(await anyone.getByText(APPLICANT).count()).toBe(0);
    await journey.expectAccessible(anyone, 'verify page');

    // ---- applying a second time by mistake, the resident withdraws it while it waits
    await resident.goto(`${server.url}/portal/services/${SERVICE.code}/apply`);
    await resident.getByLabel('姓名').fill(APPLICANT);
    await resident.getByLabel('身份证号').fill(ID_NUMBER);
    await resident.getByLabel('手机号').fill(RESIDENT_PHONE);
    if (SERVICE.needsPlace) {
      await resident.getByRole('combobox', { name: '所在社区' }).click();
      await resident.keyboard.type(SERVICE.place);
      await resident.keyboard.press('Enter');
    }
    for (const material of SERVICE.materials) {
      await resident.getByLabel(`上传“${material}”`).setInputFiles({ name: `${material}.pdf`, mimeType: 'application/pdf', buffer: SCAN_PDF });
    }
    await expect.poll(() => resident.getByRole('status').filter({ hasText: '已上传' }).count()).toBe(SERVICE.materials.length);
    await resident.getByRole('button', { name: '提交申请' }).click();
    await resident.getByRole('link', { name: '查看办理进度' }).click();
    await resident.getByRole('button', { name: '撤回申请' }).click();
    const withdraw = await journey.dialog(resident, '撤回后本申请不再办理');
    await withdraw.getByLabel('撤回原因（选填）').fill('重复提交');
    await withdraw.getByRole('button', { name: /撤\s*回/ }).click();
    await resident.getByRole('heading', { name: '申请已撤回', level: 2 }).waitFor();
    await resident.goto(`${server.url}/portal/applications`);
    await resident.locator('li', { hasText: code }).getByText('准予许可').waitFor();
    await expect.poll(() => resident.locator('li').filter({ hasText: '已撤回' }).count()).toBe(1);

    expect(journey.problems).toEqual([]);
  });
});

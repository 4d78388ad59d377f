// Journey of the one door, end to end in a real browser: a resident without an account reports noise in
// the portal (description, category search, a photo, their location, phone, "do not show my name"), gets a
// tracking code by screen and SMS (in the elderly-friendly mode, after a look at 繁體); the community worker of 长华里 finds it in the inbox by full-text search,
// signs for it and answers; the resident follows the code, signs in with a one-time code and rates the
// answer. Every page is audited with axe (WCAG 2.1 AA); a console error fails the journey.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, describeViolations, launchBrowser } from './support/browser.ts';
import { startJourneyServer, type JourneyServer } from './support/server.ts';

const RESIDENT_PHONE = '19900012345';
const DESCRIPTION = '长华里5号楼楼上装修噪音扰民，每晚十点以后还在施工，老人孩子都睡不好';
const REPLY = '已上门核实，施工单位承诺每晚八点后停止施工，社区将持续跟进';
// A one-pixel PNG: the photo the resident attaches.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let server: JourneyServer;
let browser: Browser;
const problems: string[] = [];

/**
 * Fails the journey on any console error or failed page, except the one expected answer: the first visit
 * asks GET /api/auth/me, and nobody is signed in yet (401).
 */
function watch(page: Page, who: string) {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const expectedProbe = message.location().url.endsWith('/api/auth/me') && /\b401\b/.test(message.text());
    if (!expectedProbe) problems.push(`${who} console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`${who} page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`${who} HTTP ${response.status()} ${response.url()}`);
  });
}

async function expectAccessible(page: Page, where: string) {
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
}

/** A browser context whose clock reads the journey server's clock (deadlines and countdowns agree). */
async function contextAt(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 }, ...options });
  await context.clock.install({ time: server.db.clock.now() });
  return context;
}

beforeAll(async () => {
  server = await startJourneyServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the resident journey', () => {
  it('reports in the portal, the community answers, the resident follows the code, signs in and rates', async () => {
    onTestFailed(async () => {
      for (const [i, page] of browser.contexts().flatMap((c) => c.pages()).entries()) {
        await page.screenshot({ path: `/tmp/appeal-resident-failed-${i}.png`, fullPage: true }).catch(() => undefined);
        writeFileSync(`/tmp/appeal-resident-failed-${i}.txt`, await page.locator('body').ariaSnapshot().catch((e: Error) => e.message));
      }
    });
    const community = await server.db.deps.db.selectFrom('jurisdiction').select(['id', 'centroidLng', 'centroidLat'])
      .where('tenantId', '=', server.db.deps.tenantId).where('code', '=', 'nk-ch-01').executeTakeFirstOrThrow();

    // ---- the resident, on a phone-sized screen at the place, without an account
    const residentContext = await contextAt({
      viewport: { width: 430, height: 900 }, geolocation: { longitude: community.centroidLng!, latitude: community.centroidLat! }, permissions: ['geolocation'],
    });
    const resident = await residentContext.newPage();
    watch(resident, 'resident');
    await resident.goto(`${server.url}/portal`);
    await resident.getByRole('heading', { name: '居民服务', level: 1 }).waitFor();
    // The header offers "无障碍 | 简体 | 繁體 | English": the resident reads 繁體 for a moment, then turns on the
    // elderly-friendly mode (larger text, stronger contrast, fewer fields) for the rest of the visit.
    await resident.getByRole('button', { name: '繁體' }).click();
    await resident.getByRole('heading', { name: '居民服務', level: 1 }).waitFor();
    await expect.poll(() => resident.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    await expectAccessible(resident, 'portal home (繁體)');
    await resident.getByRole('button', { name: '简体' }).click();
    await resident.getByRole('button', { name: '无障碍' }).click();
    await resident.getByRole('button', { name: '无障碍', pressed: true }).waitFor();
    await resident.locator('.ms-portal.ms-elderly').waitFor();
    await expectAccessible(resident, 'portal home (elderly-friendly mode)');
    await resident.getByRole('link', { name: '反映问题' }).click();
    await resident.waitForURL(/\/portal\/appeals\/new$/);

    await resident.getByLabel('问题描述').fill(DESCRIPTION);
    // Suggestions follow the description; the resident searches the tree instead and picks the category.
    await resident.getByRole('group', { name: /根据描述/ }).getByRole('button', { name: '噪音扰民' }).waitFor();
    await resident.getByPlaceholder('搜索问题类别').fill('噪音');
    await resident.locator('.ap-category-group').getByText('噪音扰民', { exact: true }).click();
    await expect.poll(() => resident.getByRole('radio', { name: '噪音扰民' }).isChecked()).toBe(true);
    await resident.locator('input[type=file]').setInputFiles({ name: 'noise.png', mimeType: 'image/png', buffer: PHOTO });
    await resident.getByRole('img', { name: /第 1 张照片/ }).waitFor();
    await expect.poll(() => resident.getByRole('status').filter({ hasText: '正在上传' }).count()).toBe(0);

    await resident.getByRole('button', { name: '使用我现在的位置' }).click();
    await resident.getByText('已标记位置，属于：长华里社区').waitFor();
    await resident.getByLabel('详细地址（选填）').fill('长华里5号楼3门');
    await resident.getByLabel('称呼（选填）').fill('李女士');
    await resident.getByLabel('手机号').fill(RESIDENT_PHONE);
    expect(await resident.getByLabel('电子邮箱（选填）').count()).toBe(0);
    await resident.getByRole('checkbox', { name: /不向被反映的单位显示我的姓名/ }).check();
    await resident.screenshot({ path: '/tmp/appeal-portal-form.png', fullPage: true });
    await expectAccessible(resident, 'portal form');

    await resident.getByRole('button', { name: '提交' }).click();
    await resident.getByRole('heading', { name: '提交成功' }).waitFor();
    const code = (await resident.getByTestId('tracking-code').textContent())!.trim();
    expect(code).toMatch(/^SQ260303-[0-9A-Z]{6}$/);
    const sms = (await server.messages()).filter((m) => m.to === RESIDENT_PHONE);
    expect(sms).toMatchObject([{ template: 'appeal_received', params: { code } }]);

    // ---- the community worker of 长华里, at the keyboard
    const staffContext = await contextAt();
    const worker = await staffContext.newPage();
    watch(worker, 'worker');
    await worker.goto(`${server.url}/login`);
    await worker.getByLabel('用户名').fill('changhuali.worker');
    await worker.getByLabel('密码').fill('Minsheng#2026');
    await worker.getByRole('button', { name: /登\s*录/ }).click();
    await worker.waitForURL(/\/workbench$/);
    await worker.getByRole('navigation').getByRole('link', { name: '诉求工作台' }).click();
    await worker.waitForURL(/\/workbench\/appeals/);
    await worker.getByRole('tab', { name: /待签收/, selected: true }).waitFor();
    const row = worker.locator('tr', { hasText: code });
    await row.waitFor();
    await expect(row.getByText('待签收')).toBeTruthy();
    // Full-text search in Chinese, from the keyboard: "/" focuses the search box.
    await worker.keyboard.press('/');
    await worker.keyboard.type('装修');
    await worker.keyboard.press('Enter');
    await worker.waitForURL(/q=%E8%A3%85%E4%BF%AE/);
    await expect.poll(() => worker.locator('tbody tr').count()).toBe(1);
    await worker.screenshot({ path: '/tmp/appeal-inbox.png', fullPage: true });
    await expectAccessible(worker, 'inbox');
    // j moves to the first row, o opens it.
    await worker.locator('main h1').click();
    await worker.keyboard.press('j');
    await worker.keyboard.press('o');
    await worker.waitForURL(/\/workbench\/appeals\/[0-9a-f-]{36}$/);
    await worker.getByRole('heading', { name: '办理过程' }).waitFor();
    await worker.getByText('反映人要求对承办单位隐去身份').waitFor();
    await worker.getByRole('img', { name: /居民上传的第 1 张照片/ }).waitFor();
    await worker.getByRole('img', { name: /发生地点示意图/ }).waitFor();
    await worker.screenshot({ path: '/tmp/appeal-case.png', fullPage: true });
    await expectAccessible(worker, 'case page (to sign for)');

    await worker.getByRole('button', { name: /^签收/ }).click();
    await worker.locator('.ap-case-tags').getByText('办理中').waitFor();
    await worker.keyboard.press('a');
    // (Found by its content: a web build made under vitest names every dialog "test-id".)
    const dialog = worker.getByRole('dialog').filter({ hasText: '答复内容' });
    await dialog.getByLabel('答复内容').fill(REPLY);
    await dialog.getByRole('button', { name: '提交答复' }).click();
    await worker.locator('.ap-case-tags').getByText('已答复').waitFor();
    await worker.getByText(REPLY).first().waitFor();
    await expectAccessible(worker, 'case page (answered)');
    expect((await server.messages()).filter((m) => m.to === RESIDENT_PHONE).map((m) => m.template)).toEqual(['appeal_received', 'appeal_replied']);

    // ---- the resident follows the code, then signs in to rate
    await resident.goto(`${server.url}/portal/track`);
    await resident.getByLabel('查询编码').fill(code.toLowerCase());
    await resident.getByRole('button', { name: '查询' }).click();
    await resident.waitForURL(new RegExp(`/portal/track/${code}$`));
    await resident.getByText(REPLY).waitFor();
    await resident.getByText('长华里社区 签收').waitFor();
    await resident.screenshot({ path: '/tmp/appeal-track.png', fullPage: true });
    await expectAccessible(resident, 'tracking page');

    await resident.getByRole('link', { name: '用反映时留的手机号登录并评价' }).click();
    await resident.waitForURL(/\/login/);
    await resident.getByLabel('手机号或电子邮箱').fill(RESIDENT_PHONE);
    await resident.getByRole('button', { name: '获取验证码' }).click();
    await resident.getByText(/验证码已通过短信发送/).waitFor();
    const login = (await server.messages()).filter((m) => m.to === RESIDENT_PHONE && m.template === 'login_code').at(-1);
    expect(login).toBeDefined();
    await resident.getByLabel('验证码').fill(String(login!.params.code));
    await resident.getByRole('tabpanel').getByRole('button', { name: /登\s*录/ }).click();
    await resident.waitForURL(new RegExp(`/portal/track/${code}$`));
    await resident.getByRole('heading', { name: '请评价本次办理' }).waitFor();
    await expectAccessible(resident, 'tracking page (signed in, rating)');
    await resident.locator('.ap-rating-options').getByText('满意', { exact: true }).click();
    await expect.poll(() => resident.getByRole('radio', { name: '满意', exact: true }).isChecked()).toBe(true);
    await resident.getByLabel('还想说的话（选填）').fill('处理及时，谢谢社区');
    await resident.getByRole('button', { name: '提交评价' }).click();
    await resident.getByText('居民评价：满意').waitFor();
    await resident.locator('.ap-track-head').getByText('已办结').waitFor();
    await resident.screenshot({ path: '/tmp/appeal-track-rated.png', fullPage: true });

    // The resident's own list shows it closed.
    await resident.goto(`${server.url}/portal/appeals`);
    await resident.locator('li', { hasText: code }).getByText('已办结').waitFor();
    await expectAccessible(resident, 'my appeals');

    expect(problems).toEqual([]);
    await residentContext.close();
    await staffContext.close();
  });
});

// Journey of the district's administrator on 1 December 2026, before the 2027 holidays are known: the
// workbench warns that next year's statutory holidays are missing. `admin` sends parking appeals in 长虹街
// to the Urban Management Commission, gives 长虹街 a 4-hour sign-for limit for general matters (which its
// communities inherit), weighs the district's appeal assessment score 40 / 20 / 40 after the form has refused
// weights out of range and weights not making 100% (the district's leader then reads the new weights on 诉求考评),
// enters a 2027 arrangement (test data, clearly marked) after the form has caught a wrong line, after which the
// warning is gone, issues (then revokes) an Open311 key, and reads the limits again in English. Every page is
// audited with axe; a console error fails the journey.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, describeViolations, launchBrowser, watchPage } from './support/browser.ts';
import { startJourneyServer, type JourneyServer } from './support/server.ts';

const NOW = '2026-12-01T02:00:00.000Z';
const BANNER = '尚未录入2027年法定节假日安排，跨年的法定期限暂按自然日临时计算';
const WEIGHTS_LABEL = '诉求考评综合得分权重（响应率、解决率、满意率）';
/** Made-up days for the journey: not the official 2027 arrangement. */
const TEST_SOURCE = '测试数据（非正式通知）：端到端测试用 2027 年安排';
const TEST_DAYS = [
  '2027-01-01,holiday,元旦（测试）',
  '2027-02-06,workday,春节调休（测试）',
  '2027-02-10,holiday,春节（测试）',
  '2027-02-11,holiday,春节（测试）',
  '2027-02-12,holiday,春节（测试）',
];

let server: JourneyServer;
let browser: Browser;
let page: Page;
let problems: string[];
/** The bodies of PUT /api/settings for the weights, as the browser sent them. */
const weightsSent: unknown[] = [];

beforeAll(async () => {
  server = await startJourneyServer({ now: NOW });
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  // The browser's clock reads the server's: the warning names the year after the district's current one.
  await context.clock.install({ time: NOW });
  page = await context.newPage();
  problems = watchPage(page);
  page.on('request', (request) => {
    if (request.method() === 'PUT' && new URL(request.url()).pathname === '/api/settings' && request.postData()?.includes('appeal.dashboardWeights')) weightsSent.push(request.postDataJSON());
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until nothing moves (a drawer, a dialog, a message sliding in or out), so audits and screenshots see the page at rest. */
async function settle() {
  await expect.poll(() => page.locator('[class*="-enter"], [class*="-appear"], [class*="-leave"]').count(), { timeout: 5_000 }).toBe(0);
}

async function screenshot(name: string, fullPage = true) {
  await settle();
  await page.screenshot({ path: `/tmp/admin-${name}.png`, fullPage });
}

async function expectAccessible(where: string) {
  await settle();
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
}

/** Audits and screenshots run with every dropdown closed: Tab leaves the select, and its list goes. */
async function closeDropdowns() {
  await page.keyboard.press('Tab');
  await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
}

/** Opens a searchable select or tree select by its label, types, and picks the option whose text is exactly `option`. */
async function choose(label: string, search: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .locator('.ant-select-item-option-content, .ant-select-tree-title').getByText(option, { exact: true }).click();
}

async function navigate(label: string, url: RegExp) {
  await page.getByRole('navigation').getByRole('link', { name: label }).click();
  await page.waitForURL(url);
}

describe('the administrator journey', () => {
  it('routes a category, sets a time limit and the assessment weights, enters next year\'s holidays and issues an Open311 key', async () => {
    onTestFailed(async () => {
      for (const [i, failed] of browser.contexts().flatMap((c) => c.pages()).entries()) {
        const name = i === 0 ? 'admin-settings-failed' : `admin-settings-failed-${i}`;
        await failed.screenshot({ path: `/tmp/${name}.png`, fullPage: true }).catch(() => undefined);
        writeFileSync(`/tmp/${name}.txt`, await failed.locator('body').ariaSnapshot().catch((e: Error) => e.message));
      }
    });

    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('Minsheng#2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/workbench$/);
    const banner = page.getByRole('status').filter({ hasText: BANNER });
    await banner.waitFor();
    await expectAccessible('overview with the holiday warning');

    // ---- a routing rule: parking in 长虹街 goes to the Urban Management Commission
    await navigate('诉求类别与派单', /\/workbench\/appeals\/catalogue$/);
    await page.getByRole('row', { name: /停车秩序/ }).getByText('街道').waitFor();
    await screenshot('categories');
    await expectAccessible('category tree');
    await page.getByRole('button', { name: '编辑“停车秩序”' }).click();
    const drawer = page.getByRole('dialog', { name: '编辑：停车秩序' });
    await drawer.getByLabel('英文名称').waitFor();
    expect(await drawer.getByLabel('英文名称').inputValue()).toBe('Parking');
    await screenshot('category-drawer', false);
    await expectAccessible('category drawer');
    await drawer.getByRole('button', { name: /取\s*消/ }).click();
    await drawer.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: '派单规则' }).click();
    await page.getByText('暂无派单规则，诉求按类别的办理层级派发').waitFor();
    await choose('问题类别', '停车', '停车秩序');
    await choose('地区', '长虹街', '长虹街');
    await choose('派给', '城市管理', '城市管理委员会（部门）');
    await closeDropdowns();
    await page.getByRole('button', { name: '添加规则' }).click();
    await page.getByText('已添加规则：长虹街的停车秩序派给城市管理委员会').waitFor();
    await page.getByRole('row', { name: /停车秩序.*长虹街.*城市管理委员会/ }).waitFor();
    await screenshot('routing-rules');
    await expectAccessible('routing rules');

    // ---- 长虹街 signs for general matters within 4 hours; its communities inherit the limit
    await navigate('时限设置', /\/workbench\/settings$/);
    await choose('单位', '长虹街', '长虹街');
    await closeDropdowns();
    await page.getByRole('heading', { name: '长虹街的时限' }).waitFor();
    const general = page.getByRole('row', { name: /一般类签收时限/ });
    await general.getByText('系统默认值').waitFor();
    await general.getByRole('button', { name: '修改一般类签收时限' }).click();
    const modal = page.getByRole('dialog', { name: '修改：一般类签收时限' });
    await modal.getByLabel('时长').fill('4');
    await choose('计时单位', '', '小时');
    await closeDropdowns();
    await screenshot('setting-edit', false);
    await expectAccessible('setting dialog');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存长虹街的“一般类签收时限”').waitFor();
    await general.getByText('4 小时').waitFor();
    await general.getByText('本单位设置').waitFor();
    await screenshot('settings');
    await expectAccessible('time limits of 长虹街');
    await choose('单位', '长华里', '长华里社区');
    await closeDropdowns();
    await page.getByRole('heading', { name: '长华里社区的时限' }).waitFor();
    await page.getByRole('row', { name: /一般类签收时限/ }).getByText('沿用长虹街').waitFor();
    await page.getByRole('row', { name: /一般类签收时限/ }).getByText('4 小时').waitFor();

    // ---- the district weighs its appeal assessment score 40 / 20 / 40 (percentages; the default is 30 / 30 / 40)
    await choose('单位', '南开', '南开区');
    await closeDropdowns();
    await page.getByRole('heading', { name: '南开区的时限' }).waitFor();
    const weights = page.getByRole('row', { name: /诉求考评综合得分权重/ });
    await weights.getByText('响应率 30% · 解决率 30% · 满意率 40%').waitFor();
    await weights.getByText('系统默认值').waitFor();
    await weights.getByRole('button', { name: `修改${WEIGHTS_LABEL}` }).click();
    const weightsModal = page.getByRole('dialog', { name: `修改：${WEIGHTS_LABEL}` });
    const weight = (label: string) => weightsModal.getByLabel(label, { exact: true });
    await weight('响应率').waitFor();
    expect([await weight('响应率').inputValue(), await weight('解决率').inputValue(), await weight('满意率').inputValue()]).toEqual(['30', '30', '40']);
    await expect.poll(() => weight('合计').textContent()).toBe('100%');
    // Out of range, then not adding up to 100%: the form says so and sends nothing.
    await weight('响应率').fill('120');
    await weightsModal.getByText('每项权重须在 0% 至 100% 之间').waitFor();
    await weight('响应率').fill('50');
    await expect.poll(() => weightsModal.getByText('每项权重须在 0% 至 100% 之间').count()).toBe(0);
    await expect.poll(() => weight('合计').textContent()).toBe('120%');
    await weightsModal.getByRole('button', { name: /保\s*存/ }).click();
    await weightsModal.getByText('各项权重合计须为 100%，现为 120%').waitFor();
    await screenshot('weights-refused', false);
    await expectAccessible('weights dialog refusing a total of 120%');
    expect(weightsSent).toEqual([]);
    await weight('响应率').fill('40');
    await weight('解决率').fill('20');
    await expect.poll(() => weight('合计').textContent()).toBe('100%');
    // (each message of the total slides out in turn)
    await expect.poll(() => weightsModal.getByText(/各项权重合计须为 100%/).count()).toBe(0);
    await weightsModal.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(`已保存南开区的“${WEIGHTS_LABEL}”`).waitFor();
    expect(weightsSent).toEqual([{ jurisdictionId: expect.any(String), key: 'appeal.dashboardWeights', value: { response: 0.4, resolution: 0.2, satisfaction: 0.4 } }]);
    await weights.getByText('响应率 40% · 解决率 20% · 满意率 40%').waitFor();
    await weights.getByText('本单位设置').waitFor();
    await expectAccessible('time limits of 南开区 with the weights set');

    // ---- the district's leader reads the new weights in the formula of 诉求考评
    const leaderContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await leaderContext.clock.install({ time: NOW });
    const leader = await leaderContext.newPage();
    const leaderProblems = watchPage(leader);
    await leader.goto(`${server.url}/login`);
    await leader.getByLabel('用户名').fill('leader');
    await leader.getByLabel('密码').fill('Minsheng#2026');
    await leader.getByRole('button', { name: /登\s*录/ }).click();
    await leader.waitForURL(/\/workbench$/);
    await leader.getByRole('navigation').getByRole('link', { name: '诉求考评' }).click();
    await leader.waitForURL(/\/workbench\/appeals\/dashboard$/);
    await leader.getByText(/^综合得分 = 响应率 × 40\.0% \+ 解决率 × 20\.0% \+ 满意率 × 40\.0%；/).waitFor();
    await leaderContext.close();
    expect(leaderProblems).toEqual([]);

    // ---- the warning leads to the calendar, where the district enters 2027
    await banner.getByRole('link', { name: '录入2027年安排' }).click();
    await page.waitForURL(/\/workbench\/calendar#statutory$/);
    const section = page.locator('#statutory');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('法定节假日安排');
    await section.getByRole('row', { name: /2026.*平台节假日数据/ }).waitFor();
    expect(await section.getByLabel('年份').inputValue()).toBe('2027');
    await section.getByLabel('依据（通知标题或文号）').fill(TEST_SOURCE);
    // A make-up working day on a Monday is caught before anything is sent.
    await section.getByLabel('放假和调休安排').fill([...TEST_DAYS, '2027-02-08,workday,调休（测试）'].join('\n'));
    await section.getByRole('button', { name: '保存安排' }).click();
    await section.getByText('第 6 行：调休上班日应是周六或周日').waitFor();
    await screenshot('statutory-error');
    await expectAccessible('statutory form with a wrong line');
    await section.getByLabel('放假和调休安排').fill(TEST_DAYS.join('\n'));
    await section.getByRole('button', { name: '保存安排' }).click();
    await page.getByText('已保存2027年安排：放假 4 天，调休上班 1 天').waitFor();
    await banner.waitFor({ state: 'detached' });
    await section.getByRole('row', { name: /2027.*区级录入.*测试数据/ }).waitFor();
    await screenshot('calendar');
    await expectAccessible('calendar with 2027 entered');
    // The calendar now knows 2027's holidays.
    const answer = await page.evaluate(async () => (await fetch('/api/calendar/statutory')).json()) as { warnNextYear: boolean; years: Array<{ year: number; source: string }> };
    expect(answer.warnNextYear).toBe(false);
    expect(answer.years.find((y) => y.year === 2027)?.source).toBe('district');

    // ---- an Open311 key, shown once, then revoked
    await navigate('Open311 接口密钥', /\/workbench\/appeals\/open311$/);
    await page.getByText('尚未签发密钥').waitFor();
    await page.getByRole('button', { name: /签发密钥/ }).click();
    const issue = page.getByRole('dialog', { name: '签发 Open311 密钥' });
    await issue.getByLabel('使用方').fill('测试客户端（端到端测试）');
    await issue.getByRole('button', { name: /签\s*发/ }).click();
    const key = issue.getByLabel('密钥（api_key）');
    await key.waitFor();
    expect(await key.inputValue()).toMatch(/^o311_[\w-]{20,}$/);
    await screenshot('open311-issued', false);
    await expectAccessible('Open311 key shown once');
    await issue.getByRole('button', { name: '我已保存' }).click();
    const client = page.getByRole('row', { name: /测试客户端（端到端测试）/ });
    await client.getByText('有效').waitFor();
    await screenshot('open311');
    await expectAccessible('Open311 keys');
    await client.getByRole('button', { name: '吊销“测试客户端（端到端测试）”的密钥' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /吊\s*销/ }).click();
    await client.getByText('已吊销').waitFor();

    // ---- the same limits in English
    await page.getByRole('button', { name: 'English' }).click();
    await navigate('Time limits', /\/workbench\/settings$/);
    await choose('Unit', 'Changhong', 'Changhong Street');
    await closeDropdowns();
    await page.getByRole('heading', { name: 'Time limits at Changhong Street' }).waitFor();
    const generalEn = page.getByRole('row', { name: /Sign-for limit, general matters/ });
    await generalEn.getByText('4 h').waitFor();
    await generalEn.getByText('This unit').waitFor();
    const weightsEn = page.getByRole('row', { name: /Weights of the assessment score/ });
    await weightsEn.getByText('Response rate 40% · Resolution rate 20% · Satisfaction rate 40%').waitFor();
    await weightsEn.getByText(/^Inherited from /).waitFor();
    await screenshot('settings-en');
    await expectAccessible('time limits (en)');

    expect(problems).toEqual([]);
  });
});

// Journey of the ladder: the district's hotline operator registers a call at the keyboard (caller lookup,
// category suggestion, community search, Ctrl+Enter); a second call about the same thing shows the first as
// a likely duplicate. 长华里社区 does not sign for it: the next day its inbox warns yellow; once the
// deadline has passed, the deadline engine (`minsheng sweep --now <later>`, here sweepDeadlines with the
// server's clock moved) escalates it to 长虹街, whose inbox shows it overdue and escalated, and whose case
// page says why. Every page is audited with axe; a console error fails the journey.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sweepDeadlines } from '../src/server/core/cases/deadline-engine.ts';
import { axeViolations, describeViolations, launchBrowser } from './support/browser.ts';
import { startJourneyServer, type JourneyServer } from './support/server.ts';

const CALLER = '19900040001';
const DESCRIPTION = '来电反映长华里5号楼楼上装修噪音扰民，每天晚上十点以后还在施工';
/** An instant written in the district's zone (+08:00). */
const local = (wallClock: string) => new Date(`${wallClock}+08:00`);

let server: JourneyServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

/** Fails the journey on console errors and failed pages, except the first visit's expected 401 from GET /api/auth/me. */
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

/** Audits run with every dropdown closed: Tab leaves the select, and its list goes. */
async function closeDropdowns(page: Page) {
  await page.keyboard.press('Tab');
  await expect.poll(() => page.locator('[role=listbox]:visible, .ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
}

/** Moves the server's clock and every browser's with it. */
async function setNow(at: Date) {
  server.db.clock.set(at.toISOString());
  for (const context of contexts) await context.clock.setSystemTime(at);
}

async function signIn(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  await context.clock.install({ time: server.db.clock.now() });
  contexts.push(context);
  const page = await context.newPage();
  watch(page, username);
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Minsheng#2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/workbench$/);
  return page;
}

beforeAll(async () => {
  server = await startJourneyServer({ now: local('2026-03-03T09:00:00').toISOString() });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the escalation journey', () => {
  it('a community does not sign for an appeal; the deadline engine hands it to the street, which sees why', async () => {
    onTestFailed(async () => {
      for (const [i, page] of contexts.flatMap((c) => c.pages()).entries()) {
        await page.screenshot({ path: `/tmp/appeal-escalation-failed-${i}.png`, fullPage: true }).catch(() => undefined);
        writeFileSync(`/tmp/appeal-escalation-failed-${i}.txt`, await page.locator('body').ariaSnapshot().catch((e: Error) => e.message));
      }
    });

    // ---- the district's hotline operator takes a call, at the keyboard
    const operator = await signIn('dispatcher');
    await operator.getByRole('navigation').getByRole('link', { name: '热线登记' }).click();
    await operator.waitForURL(/\/workbench\/appeals\/new$/);
    await expect.poll(() => operator.evaluate(() => document.activeElement?.getAttribute('inputmode'))).toBe('tel');
    await operator.keyboard.type(CALLER);
    await operator.getByText('首次来电，没有以往诉求').waitFor();
    await operator.keyboard.press('Alt+D');
    await operator.keyboard.type(DESCRIPTION);
    await operator.getByRole('group', { name: /根据描述/ }).getByRole('button', { name: /噪音扰民/ }).waitFor();
    const noise = await operator.getByRole('group', { name: /根据描述/ }).getByRole('button').allTextContents();
    await operator.keyboard.press(`Alt+${noise.findIndex((text) => text.startsWith('噪音扰民')) + 1}`);
    await operator.getByRole('group', { name: /根据描述/ }).getByRole('button', { name: /噪音扰民/, pressed: true }).waitFor();
    await operator.getByRole('combobox', { name: '所在社区' }).click();
    await operator.keyboard.type('长华里');
    await operator.keyboard.press('Enter');
    await operator.getByText('已选择：长华里社区').waitFor();
    await closeDropdowns(operator);
    await operator.screenshot({ path: '/tmp/appeal-intake.png', fullPage: true });
    await expectAccessible(operator, 'hotline form');
    await operator.keyboard.press('Control+Enter');
    const done = operator.getByText(/^已登记，查询编码 SQ260303-/);
    await done.waitFor();
    const code = (await done.textContent())!.replace('已登记，查询编码 ', '').trim();

    // A second call about the same thing: the caller is known, and the first appeal is offered as a duplicate.
    await operator.keyboard.type(CALLER);
    await operator.locator('.ap-caller-list').getByText(code).waitFor();
    await operator.keyboard.press('Alt+D');
    await operator.keyboard.type('长华里5号楼楼上装修噪音扰民，晚上十点以后还在施工');
    await operator.keyboard.press('Alt+C');
    await operator.keyboard.type('噪音扰民');
    await operator.keyboard.press('Enter');
    // This time the place is pinned on the district's map, by keyboard: the street, then the community.
    await operator.locator('.ant-segmented-item', { hasText: '地图选点' }).click();
    await operator.locator('path[aria-label="长虹街，放大"]').focus();
    await operator.keyboard.press('Enter');
    await operator.locator('path[aria-label="长华里社区"]').focus();
    await operator.keyboard.press('Enter');
    await operator.getByText('已标记位置，属于：长华里社区').waitFor();
    await operator.getByText('附近有 1 件类似的问题正在办理').waitFor();
    await operator.locator('.ap-duplicates').getByRole('link', { name: code }).waitFor();
    await closeDropdowns(operator);
    await expectAccessible(operator, 'hotline form with a known caller and a duplicate');
    await operator.keyboard.press('Alt+R');

    // ---- 长华里社区 sees it to sign for, and does nothing; the next morning its inbox warns yellow
    const worker = await signIn('changhuali.worker');
    await worker.goto(`${server.url}/workbench/appeals?queue=to_sign`);
    await worker.locator('tr', { hasText: code }).waitFor();
    // The next morning (yesterday's session has lapsed) the worker signs in again.
    await setNow(local('2026-03-04T10:00:00'));
    const nextDay = await signIn('changhuali.worker');
    await nextDay.goto(`${server.url}/workbench/appeals?queue=due_soon`);
    const yellow = nextDay.locator('tr', { hasText: code });
    await yellow.getByText('即将到期').waitFor();
    expect(await yellow.getAttribute('data-warning')).toBe('yellow');
    await expectAccessible(nextDay, 'community inbox (due soon)');

    // ---- the sign-for deadline (end of the next working day) passes; the deadline engine sweeps
    await setNow(local('2026-03-05T09:00:00'));
    const swept = await sweepDeadlines(server.db.deps);
    expect(swept.acted).toBe(1);

    // ---- 长虹街's inbox: the appeal arrives overdue and escalated
    const street = await signIn('changhong.handler');
    await street.getByRole('navigation').getByRole('link', { name: '诉求工作台' }).click();
    await street.getByRole('tab', { name: /待签收/ }).click();
    const row = street.locator('tr', { hasText: code });
    await row.waitFor();
    await row.getByText('超时上报').waitFor();
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('长虹街');
    await street.screenshot({ path: '/tmp/appeal-street-inbox.png', fullPage: true });
    await expectAccessible(street, 'street inbox');

    // ---- its case page says why
    await row.getByRole('link').click();
    await street.waitForURL(/\/workbench\/appeals\/[0-9a-f-]{36}$/);
    await street.getByText('长华里社区 未在期限内签收或办理，系统已自动上报到本级').waitFor();
    const step = street.locator('.ap-timeline-item', { hasText: '超过期限未处理，系统自动上报至 长虹街' });
    await step.getByText('理由：签收超时，自动上报').waitFor();
    await step.getByText('系统（期限引擎）').waitFor();
    await step.getByText('原承办单位：长华里社区').waitFor();
    await street.getByRole('button', { name: /^签收/ }).waitFor();
    await street.screenshot({ path: '/tmp/appeal-street-case.png', fullPage: true });
    await expectAccessible(street, 'street case page');

    // The resident's public tracking page shows the step too (no names, no reasons).
    const publicPage = await contexts[0]!.newPage();
    watch(publicPage, 'public');
    await publicPage.goto(`${server.url}/portal/track/${code}`);
    await publicPage.getByText('上报至 长虹街').waitFor();

    expect(problems).toEqual([]);
  });
});

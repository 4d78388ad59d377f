// Journey of the leaders' appeal assessment (诉求考评) in a real browser, over the demo district's year of
// appeals: the district's leader signs in and opens 「诉求考评」 from the menu; the KPI cards show the district's
// figures for the last 365 days, the bar chart and the hot issues are there, and the ranking puts the best
// composite score first and sorts by any column; the leader narrows the period (a preset, then dates typed into
// the range picker) and the figures follow; the page reads in English too. Every figure is checked against the
// module's own query (appealDashboard) on the same clock. Every page is audited with axe; a console error fails
// the journey.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedDemoAppeals } from '../src/modules/appeal/server/appeal.demo.ts';
import { appealDashboard } from '../src/modules/appeal/server/appeal.dashboard.ts';
import { systemActor } from '../src/shared/actor.ts';
import { launchBrowser } from './support/browser.ts';
import { Journey, local } from './support/journey.ts';
import { startJourneyServer, type JourneyServer } from './support/server.ts';

let server: JourneyServer;
let browser: Browser;
let journey: Journey;

/** What the page should show, from the module's own query on the server's clock (the leader's reach is the district). */
function expected(query: { from?: string; to?: string } = {}) {
  return appealDashboard(server.db.deps, systemActor(server.db.deps.tenantId), query);
}

const percent = (value: number | null) => (value === null ? '无数据' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`);
const kpi = (page: Page, key: string) => page.getByTestId(`kpi-${key}`).locator('.ap-kpi-value');
const rankingRows = (page: Page) => page.locator('.ap-ranking tbody tr.ant-table-row');

async function expectFigures(page: Page, query: { from?: string; to?: string } = {}) {
  const figures = await expected(query);
  await expect.poll(() => page.getByTestId('dashboard-period').textContent()).toBe(`统计期间：${figures.from} 至 ${figures.to}（按受理日期）`);
  await expect.poll(() => kpi(page, 'received').textContent()).toBe(String(figures.totals.received));
  for (const key of ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeReplyRate', 'returnRate', 'reopenRate'] as const) {
    await expect.poll(() => kpi(page, key).textContent(), { message: key }).toBe(percent(figures.totals[key]));
  }
  await expect.poll(() => kpi(page, 'score').textContent()).toBe(figures.totals.score === null ? '无数据' : figures.totals.score.toFixed(1));
  return figures;
}

beforeAll(async () => {
  // The demo district with its year of synthetic appeals, as `npm start` loads it.
  server = await startJourneyServer({ now: local('2026-03-03T09:00:00').toISOString(), seed: (db) => seedDemoAppeals(db.deps) });
  browser = await launchBrowser();
  journey = new Journey(server, browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the appeal assessment journey', () => {
  it('a leader sees the district\'s three rates, the ranking and the hot issues, and narrows the period', async () => {
    onTestFailed(() => journey.screenshotsOnFailure('appeal-dashboard'));

    // ---- a community worker has no such page in the menu
    const worker = await journey.staff('changhuali.worker');
    await worker.getByRole('navigation').getByRole('link', { name: '诉求工作台' }).waitFor();
    expect(await worker.getByRole('navigation').getByRole('link', { name: '诉求考评' }).count()).toBe(0);

    // ---- the district's leader opens it from the menu: the last 365 days
    const leader = await journey.staff('leader');
    await leader.getByRole('navigation').getByRole('link', { name: '诉求考评' }).click();
    await leader.waitForURL(/\/workbench\/appeals\/dashboard$/);
    await leader.getByRole('heading', { name: '诉求考评', level: 1 }).waitFor();
    const year = await expectFigures(leader);
    expect(year).toMatchObject({ from: '2025-03-04', to: '2026-03-03' });
    expect(year.totals.received).toBeGreaterThan(1000);
    await expect.poll(() => leader.getByRole('radio', { name: '近365天', checked: true }).count()).toBe(1);
    await leader.getByText(/综合得分 = 响应率 × 30\.0% \+ 解决率 × 30\.0% \+ 满意率 × 40\.0%/).waitFor();

    // The chart of the busiest units' three rates, described for screen readers (the table holds the same figures).
    await leader.getByRole('img', { name: /受理量前 15 个单位的响应率、解决率、满意率柱状图/ }).locator('svg').waitFor();
    // The hot issues, most appealed-about first.
    const hot = leader.getByTestId('hot-issues').getByRole('listitem');
    await expect.poll(() => hot.count()).toBe(year.hotIssues.length);
    await expect.poll(() => hot.first().textContent()).toContain(`${year.hotIssues[0]!.nameZh}${year.hotIssues[0]!.count} 件，占 ${percent(year.hotIssues[0]!.share)}`);

    // The ranking: the best composite score first, with its figures.
    const best = year.units[0]!;
    const first = rankingRows(leader).first();
    await expect.poll(() => first.locator('td').allTextContents()).toEqual([
      '1', best.nameZh, best.score!.toFixed(1), String(best.received),
      percent(best.responseRate), percent(best.resolutionRate), percent(best.satisfactionRate),
      percent(best.onTimeReplyRate), percent(best.returnRate), percent(best.reopenRate),
    ]);
    await leader.screenshot({ path: '/tmp/appeal-dashboard.png', fullPage: true });
    await journey.expectAccessible(leader, 'appeal dashboard');

    // Sorted by appeals received, most first (a header is a button: ascending, then descending).
    const receivedHeader = leader.locator('.ap-ranking th', { hasText: '受理诉求' });
    await receivedHeader.click();
    await receivedHeader.click();
    await expect.poll(() => receivedHeader.getAttribute('aria-sort')).toBe('descending');
    const most = Math.max(...year.units.map((u) => u.received));
    await expect.poll(async () => Number(await rankingRows(leader).first().locator('td').nth(3).textContent())).toBe(most);
    await journey.expectAccessible(leader, 'appeal dashboard, ranking sorted');

    // ---- narrows the period: the last 30 days
    await leader.getByRole('radiogroup', { name: '快速选择期间' }).getByText('近30天').click();
    await leader.waitForURL(/from=2026-02-02&to=2026-03-03/);
    const month = await expectFigures(leader, { from: '2026-02-02', to: '2026-03-03' });
    expect(month.totals.received).toBeLessThan(year.totals.received);
    expect(month.totals.received).toBeGreaterThan(0);

    // ---- and to dates of the leader's own: January, typed into the range picker
    const start = leader.getByRole('textbox', { name: '统计期间' }).first();
    await start.click();
    await start.fill('2026-01-01');
    await start.press('Enter');
    const end = leader.locator('.ap-dashboard-period .ant-picker-input input').nth(1);
    await end.fill('2026-01-31');
    await end.press('Enter');
    await leader.waitForURL(/from=2026-01-01&to=2026-01-31/);
    await expect.poll(() => leader.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').count()).toBe(0);
    const january = await expectFigures(leader, { from: '2026-01-01', to: '2026-01-31' });
    expect(await leader.getByRole('radio', { checked: true }).count()).toBe(0);
    // The table keeps the leader's sort (by appeals received); back to the ranking, best first.
    const rankHeader = leader.locator('.ap-ranking th', { hasText: '排名' });
    await rankHeader.click();
    await expect.poll(() => rankHeader.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => rankingRows(leader).first().locator('td').nth(1).textContent()).toBe(january.units[0]!.nameZh);
    await journey.expectAccessible(leader, 'appeal dashboard, January');

    // ---- the same page in English
    await leader.getByRole('button', { name: 'English' }).click();
    await leader.getByRole('heading', { name: 'Appeal assessment', level: 1 }).waitFor();
    await leader.getByText('Period: 2026-01-01 to 2026-01-31 (by date received)').waitFor();
    await expect.poll(() => rankingRows(leader).first().locator('td').nth(1).textContent()).toBe(january.units[0]!.nameEn);
    await journey.expectAccessible(leader, 'appeal dashboard in English');

    expect(journey.problems).toEqual([]);
  });
});

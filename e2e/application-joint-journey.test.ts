// Journey of a jointly handled application on the statutory clocks: 长虹街's one-door service centre takes an
// application at the counter for temporary use of public space (handled jointly with the urban management
// commission, 45 working days), accepts it, pauses the clock for an expert review and resumes it, and asks
// for the one extension; 长虹街's leader approves it; the commission finds the application in its joint
// opinions queue and agrees; only then may the centre approve. Every page is audited with axe; a console
// error fails the journey.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.ts';
import { startJourneyServer, type JourneyServer } from './support/server.ts';
import { Journey, local, SCAN_PDF } from './support/journey.ts';

const SERVICE = { name: '临时占用公共场地', code: 'LSZYCD' };
const ORGANISATION = '天津市南开区长华里便民早点铺';
const ORG_CODE = '92120104MA05K8XY3T';

let server: JourneyServer;
let browser: Browser;
let journey: Journey;

beforeAll(async () => {
  server = await startJourneyServer({ now: local('2026-03-05T10:00:00').toISOString() });
  browser = await launchBrowser();
  journey = new Journey(server, browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens an action by its key and submits its dialog (found by a text of its own) with the given button. */
async function act(page: Page, key: string, dialogText: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>, submit: RegExp) {
  await page.locator('main h1').click();
  await page.keyboard.press(key);
  const dialog = await journey.dialog(page, dialogText);
  await fill(dialog);
  await dialog.getByRole('button', { name: submit }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('the joint handling journey', () => {
  it('a jointly handled application is paused, extended by a leader, agreed by the joint unit and approved', async () => {
    onTestFailed(() => journey.screenshotsOnFailure('application-joint'));

    // ---- the street's one-door service centre enters it at the counter, for an organisation
    let centre = await journey.staff('changhong.civic');
    await centre.goto(`${server.url}/workbench/applications/counter`);
    await expect.poll(() => centre.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await centre.keyboard.type(SERVICE.name);
    await centre.keyboard.press('Enter');
    await centre.getByText('单位', { exact: true }).click();
    await centre.getByLabel('单位名称').fill(ORGANISATION);
    await centre.getByLabel('统一社会信用代码').fill(ORG_CODE);
    await centre.getByLabel('手机号').fill('19900089012');
    await centre.getByRole('combobox', { name: '所在社区' }).click();
    await centre.keyboard.type('长华里');
    await centre.keyboard.press('Enter');
    for (const input of await centre.locator('input[type=file]').all()) {
      await input.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: SCAN_PDF });
    }
    await expect.poll(() => centre.getByRole('status').filter({ hasText: '已上传' }).count()).toBe(4);
    await centre.getByRole('button', { name: '录入申请' }).click();
    await centre.getByRole('link', { name: '打开这份申请' }).click();
    await centre.waitForURL(/\/workbench\/applications\/[0-9a-f-]{36}$/);
    const caseUrl = centre.url();
    await centre.locator('.ant-descriptions').getByText('城市管理委员会').waitFor();

    // ---- accepted; an expert review pauses the clock, and it resumes
    await act(centre, 'a', '予以受理', async () => undefined, /受\s*理/);
    await centre.locator('.sp-case-tags').getByText('审查中').waitFor();
    // The lead unit cannot decide before the joint unit has spoken.
    expect(await centre.getByRole('button', { name: /^准予许可/ }).count()).toBe(0);
    await act(centre, 'z', '不计入审查期限', async (d) => { await d.getByRole('radio', { name: '专家评审' }).check(); }, /中止计时/);
    await centre.locator('.sp-case-tags').getByText('已中止计时').waitFor();
    await centre.getByText('暂停计时', { exact: true }).waitFor();
    await journey.expectAccessible(centre, 'case page (paused)');
    // The following Monday the review is done (the week's session has lapsed: the clerk signs in again).
    await journey.setNow(local('2026-03-09T10:00:00'));
    centre = await journey.staff('changhong.civic');
    await centre.goto(caseUrl);
    await centre.locator('.sp-case-tags').getByText('已中止计时').waitFor();
    await act(centre, 'r', '按中止的工作日数顺延', async () => undefined, /恢复计时/);
    await centre.locator('.sp-case-tags').getByText('审查中').waitFor();

    // ---- the one extension, with its reason, for the leader to approve
    await act(centre, 'x', '只能延长一次', async (d) => { await d.getByLabel('延期理由').fill('占用地点涉及主干道，需会同交警部门现场踏勘'); }, /提交延期申请/);
    await centre.getByText('已申请延长 15 个工作日，待领导批准').waitFor();

    const leader = await journey.staff('changhong.leader');
    await leader.goto(caseUrl);
    await act(leader, 'y', '需会同交警部门现场踏勘', async () => undefined, /批\s*准/);
    await leader.getByText('已延长 15 个工作日').waitFor();
    await journey.expectAccessible(leader, 'case page (extension approved)');

    // ---- the joint unit finds it in its queue and gives its opinion
    const urban = await journey.staff('urban.handler');
    await urban.goto(`${server.url}/workbench/applications?queue=joint_opinions`);
    await urban.getByRole('tab', { name: /联办意见/, selected: true }).waitFor();
    await urban.locator('tr', { hasText: SERVICE.name }).getByRole('link').click();
    await urban.waitForURL(/\/workbench\/applications\/[0-9a-f-]{36}$/);
    await act(urban, 'o', '各联办单位出具意见', async (d) => {
      await d.getByRole('radio', { name: '同意', exact: true }).check();
      await d.getByLabel('意见说明').fill('同意占用，须保留 1.5 米人行通道，每日 9 时前撤场');
    }, /提交意见/);
    await urban.getByText('同意占用，须保留 1.5 米人行通道，每日 9 时前撤场').first().waitFor();
    await journey.expectAccessible(urban, 'case page (joint unit)');

    // ---- now the centre approves
    await centre.goto(caseUrl);
    await centre.getByRole('heading', { name: '联办意见' }).waitFor();
    await act(centre, 'p', '作出准予许可决定', async () => undefined, /准予许可/);
    await centre.locator('.sp-case-tags').getByText('准予许可').waitFor();
    await centre.getByText('准予许可决定书').first().waitFor();
    await journey.expectAccessible(centre, 'case page (approved)');

    expect(journey.problems).toEqual([]);
  });
});

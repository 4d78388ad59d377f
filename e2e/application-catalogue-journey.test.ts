// Journey of the district administrator who keeps the service catalogue, in a real browser (zh-CN): `admin`
// opens 服务事项目录, shortens 小型装修备案's statutory time limit and rewrites its fee text, and sees the list
// say so; signed out, the public reads the new limit and fee on the service's portal page. A careless second
// edit (the Chinese name emptied, a promised period longer than the statutory one, counter-only without saying
// where) is caught on the form, in Chinese, with everything else the administrator typed still there and the
// public page unchanged, and goes through once corrected. 婚育情况证明 is then withdrawn from the public and no
// longer found by the portal search; the auditor finds the three edits in the audit log. Every page is audited
// with axe (WCAG 2.1 AA); a console error (a refused request among them) fails the journey.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.ts';
import { startJourneyServer, type JourneyServer } from './support/server.ts';
import { Journey, local } from './support/journey.ts';

/** The service whose disclosed facts are edited (as the module's install seeds it: 20 / 5 working days, free). */
const EDITED = { code: 'XXZXBA', name: '小型装修备案', search: '装修' };
const NEW_FEES = '不收费；复印材料由社区免费提供';
const SECOND_FEES = '不收费；备案回执当场出具';
/** The service withdrawn from the public. */
const WITHDRAWN = { code: 'HYQKZM', name: '婚育情况证明', search: '婚育' };

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

/** Waits until nothing moves (a drawer, a message sliding in or out), so audits see the page at rest. */
async function settle(page: Page) {
  await expect.poll(() => page.locator('[class*="-enter"], [class*="-appear"], [class*="-leave"]').count(), { timeout: 5_000 }).toBe(0);
}

async function expectAccessible(page: Page, where: string) {
  await settle(page);
  await journey.expectAccessible(page, where);
}

/** The public looks the service up on the portal, signed out. */
async function searchPortal(page: Page, query: string) {
  await page.goto(`${server.url}/portal/services`);
  const search = page.getByRole('searchbox', { name: '查找服务事项' });
  await search.fill(query);
  await search.press('Enter');
  await page.waitForURL(/\/portal\/services\?q=/);
}

describe('the service catalogue journey', () => {
  it('the district administrator edits a service\'s disclosures, the public sees them, a bad edit is caught, a withdrawn service leaves the portal, the auditor sees the edits', async () => {
    onTestFailed(() => journey.screenshotsOnFailure('application-catalogue'));

    // ---- the administrator opens the catalogue
    const admin = await journey.staff('admin');
    await admin.getByRole('navigation').getByRole('link', { name: '服务事项目录' }).click();
    await admin.waitForURL(/\/workbench\/services$/);
    await admin.getByRole('heading', { name: '服务事项目录', level: 1 }).waitFor();
    const row = admin.getByRole('row', { name: new RegExp(EDITED.name) });
    await row.getByText('承诺 5 / 法定 20 个工作日').waitFor();
    await expectAccessible(admin, 'service catalogue');

    // ---- shortens the statutory limit and rewrites the fees
    await admin.getByRole('button', { name: `编辑 ${EDITED.name}` }).click();
    let drawer = admin.getByRole('dialog', { name: `编辑事项 ${EDITED.code}` });
    await drawer.getByLabel('中文名称').waitFor();
    expect(await drawer.getByLabel('中文名称').inputValue()).toBe(EDITED.name);
    expect(await drawer.getByLabel('收费标准').inputValue()).toBe('不收费');
    await drawer.getByLabel('法定时限').fill('15');
    await drawer.getByLabel('收费标准').fill(NEW_FEES);
    await expectAccessible(admin, 'service drawer');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await admin.locator('.ant-message').getByText('已保存', { exact: true }).waitFor();
    await drawer.waitFor({ state: 'hidden' });
    await row.getByText('承诺 5 / 法定 15 个工作日').waitFor();

    // ---- the public, signed out, reads the new limit and fee on the portal
    const visitor = await journey.newPage('public');
    await searchPortal(visitor, EDITED.search);
    const card = visitor.getByRole('listitem').filter({ has: visitor.getByRole('link', { name: EDITED.name }) });
    await card.getByText(NEW_FEES).waitFor();
    await card.getByRole('link', { name: EDITED.name }).click();
    await visitor.waitForURL(new RegExp(`/portal/services/${EDITED.code}$`));
    await visitor.getByRole('heading', { name: EDITED.name, level: 1 }).waitFor();
    const limits = visitor.locator('.ant-descriptions-row', { hasText: '法定时限' });
    await limits.getByText('15 个工作日').waitFor();
    await visitor.locator('.ant-descriptions-row', { hasText: '承诺时限' }).getByText('5 个工作日').waitFor();
    await visitor.getByRole('heading', { name: '收费标准', level: 2 }).waitFor();
    await visitor.getByText(NEW_FEES).waitFor();
    await expectAccessible(visitor, 'edited service on the portal');

    // ---- a careless edit: the name emptied, the promised period longer than the statutory one …
    await admin.getByRole('button', { name: `编辑 ${EDITED.name}` }).click();
    drawer = admin.getByRole('dialog', { name: `编辑事项 ${EDITED.code}` });
    await drawer.getByLabel('中文名称').waitFor();
    expect(await drawer.getByLabel('法定时限').inputValue()).toBe('15');
    expect(await drawer.getByLabel('收费标准').inputValue()).toBe(NEW_FEES);
    await drawer.getByLabel('收费标准').fill(SECOND_FEES);
    await drawer.getByLabel('中文名称').fill('');
    await drawer.getByLabel('承诺时限').fill('30');
    // … and made counter-only without saying where the counter is.
    const online = drawer.getByRole('switch', { name: '可网上办理' });
    await online.click();
    expect(await online.getAttribute('aria-checked')).toBe('false');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByText('请输入中文名称').waitFor();
    await drawer.getByText('承诺时限不能长于法定时限').waitFor();
    await drawer.getByText('仅限窗口办理的事项，请写明到哪里办理').waitFor();
    await expectAccessible(admin, 'service drawer with errors');
    // Nothing the administrator typed is lost, and nothing was saved.
    await drawer.getByLabel('中文名称').waitFor();
    expect(await drawer.getByLabel('收费标准').inputValue()).toBe(SECOND_FEES);
    expect(await drawer.getByLabel('承诺时限').inputValue()).toBe('30');
    expect(await drawer.getByLabel('法定时限').inputValue()).toBe('15');
    await searchPortal(visitor, EDITED.search);
    await visitor.getByRole('link', { name: EDITED.name }).waitFor();
    await visitor.getByText(NEW_FEES).waitFor();
    // Corrected, it goes through.
    await drawer.getByLabel('中文名称').fill(EDITED.name);
    await drawer.getByLabel('承诺时限').fill('4');
    await online.click();
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.waitFor({ state: 'hidden' });
    await row.getByText('承诺 4 / 法定 15 个工作日').waitFor();
    await searchPortal(visitor, EDITED.search);
    await visitor.getByText(SECOND_FEES).waitFor();
    await visitor.getByText(/承诺 4 个工作日/).waitFor();

    // ---- 婚育情况证明 is withdrawn from the public: the portal search no longer finds it
    await searchPortal(visitor, WITHDRAWN.search);
    await visitor.getByRole('link', { name: WITHDRAWN.name }).waitFor();
    await admin.getByRole('button', { name: `编辑 ${WITHDRAWN.name}` }).click();
    drawer = admin.getByRole('dialog', { name: `编辑事项 ${WITHDRAWN.code}` });
    const visible = drawer.getByRole('switch', { name: '向群众公开' });
    await visible.waitFor();
    expect(await visible.getAttribute('aria-checked')).toBe('true');
    await visible.click();
    expect(await visible.getAttribute('aria-checked')).toBe('false');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.waitFor({ state: 'hidden' });
    // Still in the administrator's list, marked as withdrawn.
    await admin.getByRole('row', { name: new RegExp(WITHDRAWN.name) }).getByText('（已停用）').waitFor();
    await expectAccessible(admin, 'catalogue with a withdrawn service');
    await searchPortal(visitor, WITHDRAWN.search);
    await visitor.getByText(`没有找到与“${WITHDRAWN.search}”有关的事项`).waitFor();
    expect(await visitor.getByRole('link', { name: WITHDRAWN.name }).count()).toBe(0);
    await expectAccessible(visitor, 'portal search without the withdrawn service');

    // ---- the auditor finds the edits in the audit log
    const auditor = await journey.staff('auditor');
    await auditor.getByRole('navigation').getByRole('link', { name: '审计日志' }).click();
    await auditor.waitForURL(/\/workbench\/audit$/);
    // The action's own name, underscore and all, finds exactly these edits.
    await auditor.getByLabel('操作', { exact: true }).fill('application.service_update');
    await auditor.getByRole('button', { name: /查\s*询/ }).click();
    const edits = auditor.getByRole('row').filter({ hasText: 'application.service_update' });
    await expect.poll(() => edits.count()).toBe(3);
    await auditor.getByText('共 3 条').waitFor();
    const withdrawal = edits.filter({ hasText: `application_service ${WITHDRAWN.code}` });
    await withdrawal.getByText('成功').waitFor();
    await withdrawal.getByText('展开').click();
    await withdrawal.getByText('"active": false').waitFor();
    const feeEdits = edits.filter({ hasText: `application_service ${EDITED.code}` });
    expect(await feeEdits.count()).toBe(2);
    const firstEdit = feeEdits.filter({ hasText: NEW_FEES });
    await firstEdit.getByText('展开').click();
    await firstEdit.getByText('"statutoryDays": 15').waitFor();
    await expectAccessible(auditor, 'audit log with the edits opened');

    expect(journey.problems).toEqual([]);
  });
});

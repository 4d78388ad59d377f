// Journey of the platform spine: an auditor signs in, switches to English, browses the
// jurisdiction tree of the demo district, opens the audit log and checks the chain, signs out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, describeViolations, launchBrowser, watchPage } from './support/browser.ts';
import { startJourneyServer, type JourneyServer } from './support/server.ts';

let server: JourneyServer;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  server = await startJourneyServer();
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'zh-CN' });
  problems = watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function expectAccessible(where: string) {
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
}

describe('the workbench shell', () => {
  it('signs in in Chinese, switches to English, browses the tree, checks the audit chain and signs out', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByLabel('用户名').fill('auditor');
    await page.getByLabel('密码').fill('Minsheng#2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/workbench/);
    await expectAccessible('overview (zh-CN)');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('navigation').getByRole('link', { name: 'Jurisdictions' }).click();
    await page.waitForURL(/\/workbench\/jurisdictions/);
    await page.getByText('12 streets').waitFor();
    await page.getByText('165 communities').waitFor();
    await page.getByPlaceholder('Search by name').fill('长华里');
    // In English the tree shows English names; the search matches either.
    await page.getByRole('tree').getByText('Changhuali Community', { exact: true }).click();
    await page.getByText('nk-ch-01').first().waitFor();
    await expectAccessible('jurisdictions (en)');

    // The language choice survives a reload.
    await page.reload();
    await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(/\/workbench\/audit/);
    await page.getByRole('cell', { name: 'auth.login' }).first().waitFor();
    await page.getByRole('button', { name: 'Verify the audit chain' }).click();
    await page.getByText(/The audit chain is intact/).waitFor();
    await expectAccessible('audit (en)');

    await page.getByRole('button', { name: /User menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    expect(problems).toEqual([]);
  });
});

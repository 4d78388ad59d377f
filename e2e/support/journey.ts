// Shared steps of the browser journeys: a watched page (console errors and failed pages fail the
// journey), the axe audit, a browser clock that reads the journey server's, a resident signing in with a
// one-time code, a staff member signing in, and a PDF download checked by its bytes.
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, describeViolations } from './browser.ts';
import type { JourneyServer } from './server.ts';

export const STAFF_PASSWORD = 'Minsheng#2026';
/** A minimal PDF: what a resident's scanned material looks like to the server (it sniffs "%PDF-"). */
export const SCAN_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

/** An instant written in the district's zone (+08:00). */
export const local = (wallClock: string) => new Date(`${wallClock}+08:00`);

export class Journey {
  readonly problems: string[] = [];
  readonly contexts: BrowserContext[] = [];

  constructor(readonly server: JourneyServer, readonly browser: Browser) {}

  /** Fails the journey on console errors and failed pages, except the first visit's expected 401 from GET /api/auth/me. */
  watch(page: Page, who: string) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const expectedProbe = message.location().url.endsWith('/api/auth/me') && /\b401\b/.test(message.text());
      if (!expectedProbe) this.problems.push(`${who} console: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => this.problems.push(`${who} page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 500) this.problems.push(`${who} HTTP ${response.status()} ${response.url()}`);
    });
  }

  async expectAccessible(page: Page, where: string) {
    const violations = await axeViolations(page);
    expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
  }

  /** A page in a new browser context whose clock reads the journey server's clock. */
  async newPage(who: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await this.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, ...options });
    await context.clock.install({ time: this.server.db.clock.now() });
    this.contexts.push(context);
    const page = await context.newPage();
    this.watch(page, who);
    return page;
  }

  /** Moves the server's clock and every browser's with it. */
  async setNow(at: Date) {
    this.server.db.clock.set(at.toISOString());
    for (const context of this.contexts) await context.clock.setSystemTime(at);
  }

  async staff(username: string): Promise<Page> {
    const page = await this.newPage(username);
    await page.goto(`${this.server.url}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/workbench$/);
    return page;
  }

  /** The resident signs in on the login page they were sent to, with the code texted to their phone. */
  async residentSignsIn(page: Page, phone: string) {
    await page.waitForURL(/\/login/);
    await page.getByLabel('手机号或电子邮箱').fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText(/验证码已通过短信发送/).waitFor();
    const login = (await this.server.messages()).filter((m) => m.to === phone && m.template === 'login_code').at(-1);
    expect(login, 'a login code was texted').toBeDefined();
    await page.getByLabel('验证码').fill(String(login!.params.code));
    await page.getByRole('tabpanel').getByRole('button', { name: /登\s*录/ }).click();
  }

  /** Downloads what a link points to with the page's session and checks it is a PDF. */
  async expectPdf(page: Page, href: string | null) {
    expect(href, 'the link has an address').toBeTruthy();
    const response = await page.request.get(new URL(href!, this.server.url).toString());
    expect(response.status(), href!).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await response.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }

  /**
   * The open dialog that says `text`, once its zoom-in has finished: a click while it grows can be lost, and
   * half-faded text reads as low contrast to the audit.
   */
  async dialog(page: Page, text: string) {
    const dialog = page.getByRole('dialog').filter({ hasText: text });
    await dialog.waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-modal[class*="zoom"]'));
    return dialog;
  }

  async screenshotsOnFailure(prefix: string) {
    const { writeFileSync } = await import('node:fs');
    for (const [i, page] of this.contexts.flatMap((c) => c.pages()).entries()) {
      await page.screenshot({ path: `/tmp/${prefix}-failed-${i}.png`, fullPage: true }).catch(() => undefined);
      writeFileSync(`/tmp/${prefix}-failed-${i}.txt`, await page.locator('body').ariaSnapshot().catch((e: Error) => e.message));
    }
  }
}

// Injected text renders inert in a real browser (issue 5, item 4; the API side is in
// test/integration/hostile-input.test.ts). An appeal whose title and description are markup —
// `<img src=x onerror=…>` and `<script>` that would set window.__pwned — is opened through the API, then shown
// on the public tracking page (/portal/track/:code) and on the staff case page (/workbench/appeals/:id).
// Both must show the text as text: no <img src="x"> or injected <script> element in the DOM, no
// window.__pwned, no dialog. (The CSP would block inline script even if markup got in, so the DOM is checked,
// not only the flag.)
//
// Guarded, never skipped: when a page does not exist in the web app (it never asks the API for the appeal),
// the test says so and passes; it fails when the page exists and renders the markup. A web app that does not
// build fails the test, since then nothing can be checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.ts';
import { startJourneyServer, type JourneyServer } from './support/server.ts';
import { DEMO_PASSWORD } from '../src/server/core/jurisdictions/demo-district.data.ts';

const TITLE = '<img src=x onerror="window.__pwned=1">';
const DESCRIPTION = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script> 楼上装修噪音扰民';
const POINT = { lng: 117.147013, lat: 39.1406 };

let server: JourneyServer;
let browser: Browser;
let appeal: { id: string; trackingCode: string };

beforeAll(async () => {
  server = await startJourneyServer();
  browser = await launchBrowser();
  const opened = await server.app.inject({
    method: 'POST', url: '/api/appeals', remoteAddress: '10.250.0.1',
    payload: { categoryCode: 'noise', title: TITLE, description: DESCRIPTION, location: POINT, contact: { phone: '13800138077' } },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  appeal = opened.json();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Visit {
  page: Page;
  /** did the page ask the API for the appeal (the page exists)? */
  asked: boolean;
  dialogs: string[];
}

/** Opens `path` and waits up to 20 s for the page to ask for `apiPath`. */
async function visit(page: Page, path: string, apiPath: string): Promise<Visit> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const asked = page.waitForResponse((r) => new URL(r.url()).pathname === apiPath, { timeout: 20_000 }).then(() => true, () => false);
  await page.goto(`${server.url}${path}`);
  return { page, asked: await asked, dialogs };
}

async function expectInert(visit: Visit, text: string, where: string) {
  const { page } = visit;
  // The text itself is on the page, as text.
  await page.getByText(text, { exact: false }).first().waitFor({ timeout: 20_000 });
  const dom = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    images: document.querySelectorAll('img[src="x"]').length,
    handlers: document.querySelectorAll('[onerror], [onload]').length,
    scripts: [...document.scripts].filter((s) => s.textContent?.includes('__pwned')).length,
  }));
  expect(dom, `${where}: the markup was rendered as markup`).toEqual({ pwned: undefined, images: 0, handlers: 0, scripts: 0 });
  expect(visit.dialogs, where).toEqual([]);
}

describe('markup typed by a resident stays text in the web app', () => {
  it('on the public tracking page', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    const seen = await visit(page, `/portal/track/${appeal.trackingCode}`, `/api/appeals/track/${appeal.trackingCode}`);
    if (!seen.asked) {
      console.log('[hostile-rendering] the web app has no public tracking page yet (/portal/track/:code never asked for the appeal): nothing rendered, nothing to check');
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      return;
    }
    await expectInert(seen, TITLE, '/portal/track/:code');
    await page.close();
  });

  it('on the staff case page', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const signIn = await context.request.post(`${server.url}/api/auth/login`, { data: { username: 'dispatcher', password: DEMO_PASSWORD } });
    expect(signIn.status()).toBe(200);
    const page = await context.newPage();
    const seen = await visit(page, `/workbench/appeals/${appeal.id}`, `/api/cases/${appeal.id}`);
    if (!seen.asked) {
      console.log('[hostile-rendering] the web app has no staff case page yet (/workbench/appeals/:id never asked for the case): nothing rendered, nothing to check');
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      return;
    }
    await expectInert(seen, '楼上装修噪音扰民', '/workbench/appeals/:id');
    await context.close();
  });
});

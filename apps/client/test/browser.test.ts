import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freeStackPorts, startStack, type Stack } from '../../../infra/local/src';

/**
 * The web client as a person uses it: the whole blog started as processes (from the builds the
 * test target makes first), Debian's Chromium driven by playwright-core through the gateway.
 * One reader on a phone writes a post and two comments; both that reader and a second one, on
 * a desktop, see the comments go from pending to approved and rejected without a reload.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the screenshots go (the test target's output, kept by Nx). */
export const OUTPUT_DIR = path.resolve(__dirname, '../../../dist/test-output/client');

// As root in a container without a network: no sandbox, nothing that phones home.
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const describeWithChromium = (name: string, suite: () => void): void => {
  if (existsSync(CHROMIUM)) describe(name, suite);
  else if (process.env.CI) {
    describe(name, () =>
      it(`needs Chromium at ${CHROMIUM} (apt-get install chromium)`, () => {
        throw new Error(`${CHROMIUM} not found`);
      }),
    );
  } else describe.skip(`${name} [SKIPPED: no ${CHROMIUM}, apt-get install chromium]`, suite);
};

/** Records, in the page, every status each comment showed, in order: "<comment id>: status". */
function recordCommentStatuses(): void {
  const seen: string[] = [];
  (window as unknown as { statusesSeen: string[] }).statusesSeen = seen;
  const record = () => {
    for (const item of document.querySelectorAll<HTMLElement>('li.comment')) {
      const entry = `${item.dataset.commentId}: ${item.dataset.status}`;
      if (!seen.includes(entry)) seen.push(entry);
    }
  };
  new MutationObserver(record).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-status'],
  });
}

describeWithChromium('the web client in a browser', () => {
  let stack: Stack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    stack = await startStack({
      ports: await freeStackPorts(),
      env: { LOG_LEVEL: 'warn' },
      output: () => {},
      readyTimeoutMs: 90_000,
    });
    // launch() gives every browser a fresh, empty profile (its own --user-data-dir).
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    await mkdir(OUTPUT_DIR, { recursive: true });
  }, 150_000);

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await stack?.stop();
  });

  async function openReader(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    await context.addInitScript(recordCommentStatuses);
    const page = await context.newPage();
    // A script the page's Content-Security-Policy blocked, or any error, shows up here.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(stack.urls.gateway);
    await page.getByText('Live', { exact: true }).waitFor();
    // Survives only as long as the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { sameLoad: boolean }).sameLoad = true));
    return page;
  }

  const statusesSeen = (page: Page) =>
    page.evaluate(() => (window as unknown as { statusesSeen: string[] }).statusesSeen);
  const sameLoad = (page: Page) =>
    page.evaluate(() => (window as unknown as { sameLoad?: boolean }).sameLoad === true);

  it('shows a new comment pending, then approved or rejected, live, to every reader', async () => {
    const phone = await openReader({ width: 390, height: 844 });
    const desktop = await openReader({ width: 1100, height: 900 });
    const title = `Hello from Chromium ${Date.now()}`;

    await phone.getByRole('textbox', { name: 'Title' }).fill(title);
    await phone.getByRole('button', { name: 'Publish' }).click();
    const post = phone.getByRole('article', { name: title });
    await post.waitFor();
    // The writer's focus stays in the field, ready for the next post.
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe(
      await phone.getByRole('textbox', { name: 'Title' }).getAttribute('id'),
    );

    const comment = post.getByRole('textbox', { name: /Your comment/ });
    await comment.fill('Nice post');
    await post.getByRole('button', { name: 'Comment' }).click();
    await post.locator('li.comment').first().waitFor();
    await comment.fill('I prefer an orange');
    await post.getByRole('button', { name: 'Comment' }).click();

    for (const page of [phone, desktop]) {
      const comments = page.getByRole('article', { name: title }).locator('li.comment');
      await comments.nth(1).waitFor();
      await expectStatus(comments.nth(0), 'approved', 'Nice post');
      await expectStatus(comments.nth(1), 'rejected', 'Removed by moderation.');
      expect(await sameLoad(page)).toBe(true);
    }
    // The writer saw each comment pending first, then its verdict.
    const items = phone.getByRole('article', { name: title }).locator('li.comment');
    const [clean, orange] = await Promise.all(
      [0, 1].map((index) => items.nth(index).getAttribute('data-comment-id')),
    );
    const seen = await statusesSeen(phone);
    expect(seen.filter((entry) => entry.startsWith(`${clean}:`))).toEqual([
      `${clean}: pending`,
      `${clean}: approved`,
    ]);
    expect(seen.filter((entry) => entry.startsWith(`${orange}:`))).toEqual([
      `${orange}: pending`,
      `${orange}: rejected`,
    ]);
    // The live region told screen reader users too.
    expect(await phone.getByRole('status').textContent()).toMatch(
      /^Comment “.+” (approved|rejected)\.$/,
    );

    await phone.screenshot({ path: path.join(OUTPUT_DIR, 'client-phone.png'), fullPage: true });
    await desktop.screenshot({ path: path.join(OUTPUT_DIR, 'client-desktop.png'), fullPage: true });

    for (const page of [phone, desktop]) {
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`);
      expect(serious).toEqual([]);
    }
    expect(problems).toEqual([]);
  });
});

async function expectStatus(
  item: ReturnType<Page['locator']>,
  status: string,
  text: string,
): Promise<void> {
  await item.locator(`.badge-${status}`).waitFor({ timeout: 30_000 });
  expect(await item.getAttribute('data-status')).toBe(status);
  expect(await item.locator('.comment-text').textContent()).toBe(text);
}

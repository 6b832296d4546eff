/**
 * What every browser test file starts and stops around its scenarios: a temp data directory, the
 * real bot (`npm start`), a headless Chromium, extra playground windows and their pages. One place
 * so that the suites skip, start, screenshot a failure and clean up the same way.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startPlayground, type Playground, type PlaygroundPersona } from '../../src/devtools/playground.js';
import { chromiumPath, launchBrowser, PlaygroundPage } from './playgroundDriver.js';
import { startBot, type BotProcess } from './processes.js';

/** The welcome card's first words: each person's first contact, and the sign a window talks to the bot. */
export const WELCOME = 'Hi, I help you use your partner technical-support benefits';
/** What Hal, the helpdesk agent, is welcomed with instead (issue 14). */
export const HELPDESK_WELCOME = 'Hi Hal: the helpdesk side of the bot';

export class BrowserSuite {
  dataDir: string | undefined;
  bot: BotProcess | undefined;
  browser: Browser | undefined;
  readonly playgrounds: Playground[] = [];
  readonly pages = new Map<PlaygroundPersona, PlaygroundPage>();

  /** `name` goes into the temp directory's and the failure screenshots' names ('' for none). */
  constructor(private readonly name: string) {}

  private prefix(): string {
    return this.name ? `${this.name}-` : '';
  }

  /**
   * For a `before` hook: skips the suite under SKIP_BROWSER_TESTS=1, fails with the install hint
   * without Chromium, then starts `npm start` (with `env` and a fresh DATA_DIR) and Chromium side
   * by side. Settled, not Promise.all: whatever did start is kept for stop(), even when the rest failed.
   */
  async start(context: Mocha.Context, env: Record<string, string>): Promise<BotProcess> {
    if (process.env.SKIP_BROWSER_TESTS === '1') {
      console.log('    (SKIP_BROWSER_TESTS=1: the browser tests are skipped)');
      context.skip();
    }
    context.timeout(120_000);
    chromiumPath(); // a missing browser fails here, with the install hint
    this.dataDir = await mkdtemp(join(tmpdir(), `psb-browser-${this.prefix()}`));
    const [startedBot, launched] = await Promise.allSettled([
      startBot('start', { DATA_DIR: this.dataDir, ...env }, 60_000),
      launchBrowser(),
    ]);
    if (startedBot.status === 'fulfilled') this.bot = startedBot.value;
    if (launched.status === 'fulfilled') this.browser = launched.value;
    if (startedBot.status === 'rejected') throw startedBot.reason;
    if (launched.status === 'rejected') throw launched.reason;
    return startedBot.value;
  }

  /** Starts a playground window of its own for `as` against the started bot; returns its URL and directory. */
  async startPlayground(as: PlaygroundPersona): Promise<{ url: string; dir: string }> {
    const dir = join(this.dataDir!, `playground-${as}`);
    const playground = await startPlayground({ botEndpoint: `${this.bot!.url}/api/messages`, as, dir, port: 0, timeoutMs: 45_000 });
    this.playgrounds.push(playground);
    return { url: playground.url, dir };
  }

  /**
   * Opens the playground at `url` (its files in `dir`) as `as`, opens the personal chat and waits
   * for the welcome card; `viewport` resizes the page first.
   */
  async openPage(as: PlaygroundPersona, url: string, dir: string, viewport?: { width: number; height: number }): Promise<PlaygroundPage> {
    const bot = this.bot!;
    const page = await PlaygroundPage.open(this.browser!, url, { logFile: join(dir, 'playground.log'), diagnostics: () => bot.output() });
    this.pages.set(as, page);
    if (viewport) await page.page.setViewportSize(viewport);
    await page.selectChat('Personal Chat');
    await page.waitForReply({ containing: as === 'hal' ? HELPDESK_WELCOME : WELCOME, timeoutMs: 30_000 });
    return page;
  }

  /** Opens a page for each persona side by side (each with `open`, e.g. `openPage`); throws the first failure. */
  async openAll(personas: PlaygroundPersona[], open: (as: PlaygroundPersona) => Promise<PlaygroundPage>): Promise<PlaygroundPage[]> {
    const opened = await Promise.allSettled(personas.map(open));
    const failed = opened.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return opened.map((r) => (r as PromiseFulfilledResult<PlaygroundPage>).value);
  }

  /** For an `afterEach` hook: a screenshot of every window when the test failed. */
  async screenshotIfFailed(test: Mocha.Test | undefined): Promise<void> {
    if (test?.state !== 'failed') return;
    const name = `FAILED-${this.prefix()}${test.title.replace(/[^\w]+/g, '-').slice(0, 60)}`;
    for (const [as, page] of this.pages) await page.screenshot(`${name}-${as}`).catch(() => undefined);
  }

  /** For an `after` hook: closes what did start and checks that `npm start` exits cleanly. */
  async stop(): Promise<void> {
    for (const page of this.pages.values()) await page.close();
    await this.browser?.close();
    for (const playground of this.playgrounds) await playground.stop();
    if (this.bot) expect(await this.bot.stop(), 'npm start exits cleanly on SIGTERM').to.equal(0);
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }
}

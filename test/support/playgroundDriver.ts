/**
 * A small page object over Microsoft 365 Agents Playground (the Teams-like chat window `npm start`
 * opens), driven with playwright-core in a real Chromium: pick a chat, type and send, wait for the
 * bot's reply, read a card as a person sees it (its visible texts and button titles), press a
 * button, fill a card's input, send a custom activity, post in a team's channel (mentioning the
 * bot), take a screenshot. Every wait is on a condition in the page.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_HINT =
  'Browser tests need Chromium: apt-get install -y chromium (Debian/Ubuntu), or set CHROMIUM_PATH, or set SKIP_BROWSER_TESTS=1 to skip them';

/** Where screenshots go (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-output/browser/', import.meta.url));

/** The Chromium to drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium. Throws the install hint when missing. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`${CHROMIUM_HINT}. (No browser at ${path}.)`);
  return path;
}

/** Starts a headless Chromium (one per test file; each playground gets its own page). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** One bot message as a person sees it. */
export interface ShownMessage {
  /** Visible texts of the card(s) in document order (text blocks, fact titles and values); for a plain message, its lines. */
  texts: string[];
  /** Titles of the visible buttons of the card(s). */
  buttons: string[];
}

export interface WaitOptions {
  /** Only messages after the first `after` bot messages count (see `botMessageCount()`). Default 0. */
  after?: number;
  /** Wait until such a message contains this text (one of its texts or buttons, as a substring). */
  containing?: string;
  timeoutMs?: number;
}

/**
 * In-page reader, as plain JavaScript source (a TypeScript function's text would carry the
 * transpiler's helpers into the page): (botName) => every bot message, by author, as
 * { texts, buttons }, oldest first. Cards are read as rendered: only visible elements count.
 *
 * A chat shows its messages oldest first, each under a "Message header". A team's channel shows
 * posts (the newest on top), each with its replies below it: there a message is a post or reply
 * by the bot (its avatar), and "oldest first" is the order in which the reader first saw them
 * (each is numbered on first sight), so a new post counts as the newest message wherever it is.
 */
const READ_BOT_MESSAGES = `(botName) => {
  const visible = (e) => e.offsetWidth > 0 || e.offsetHeight > 0 || e.getClientRects().length > 0;
  const clean = (s) => s.replace(/\\s+/g, ' ').trim();
  // The renderer nests elements of the same class (a fact's cell and its text): the outermost counts.
  const TEXT = '.ac-textBlock, .ac-fact-title, .ac-fact-value';
  const read = (parts) => {
    const cards = parts.flatMap((p) => [...p.querySelectorAll('.ac-adaptiveCard')]);
    if (cards.length === 0) {
      const body = parts.map((c) => c.innerText).join('\\n');
      return { texts: body.split('\\n').map(clean).filter(Boolean), buttons: [] };
    }
    const texts = cards.flatMap((card) => [...card.querySelectorAll(TEXT)]
      .filter((e) => visible(e) && !e.parentElement?.closest(TEXT)).map((e) => clean(e.innerText)));
    // A button's title is its label (an Action.OpenUrl's title attribute is its URL).
    const buttons = cards.flatMap((card) => [...card.querySelectorAll('button')]
      .filter(visible).map((b) => clean(b.innerText || b.getAttribute('aria-label') || b.getAttribute('title') || '')));
    return { texts: texts.filter(Boolean), buttons: buttons.filter(Boolean) };
  };
  const headers = [...document.querySelectorAll('[aria-label="Message header"]')];
  if (headers.length > 0) {
    return headers.filter((h) => clean(h.querySelector('[aria-label="Message author"]')?.textContent ?? '') === botName)
      .map((header) => read([...header.parentElement.children].filter((c) => c !== header)));
  }
  let seq = Number(document.body.dataset.psbSeen || 0);
  const found = [];
  for (const avatar of document.querySelectorAll('.fui-Avatar[role="img"]')) {
    if (avatar.getAttribute('aria-label') !== botName || avatar.closest('[role="tree"], [role="menu"], .fui-CardFooter')) continue;
    const postHeader = avatar.closest('.fui-CardHeader');
    let element;
    let parts;
    if (postHeader) {
      // A post: what its card holds besides the header, the replies, the divider and the reply box.
      element = postHeader;
      parts = [...postHeader.parentElement.children].filter((c) => c !== postHeader && !c.matches('.fui-Divider, .fui-CardFooter') && !c.querySelector('.fui-Avatar'));
    } else {
      const header = avatar.parentElement;
      element = header.parentElement;
      parts = [...element.children].filter((c) => c !== header);
    }
    if (!element.dataset.psbSeq) element.dataset.psbSeq = String(++seq);
    found.push({ seq: Number(element.dataset.psbSeq), parts });
  }
  document.body.dataset.psbSeen = String(seq);
  return found.sort((a, b) => a.seq - b.seq).map((f) => read(f.parts));
}`;

/** A page expression: the bot messages after the first `after` ones that show `containing` (all when absent). */
function freshMessagesExpression(botName: string, after: number, containing?: string): string {
  return `((${READ_BOT_MESSAGES})(${JSON.stringify(botName)}).slice(${after}).filter((m) => ${JSON.stringify(containing ?? '')} === '' ||
    [...m.texts, ...m.buttons].some((t) => t.includes(${JSON.stringify(containing ?? '')}))))`;
}

/** Is `needle` among a message's texts or buttons (substring)? */
export function shows(message: ShownMessage, needle: string): boolean {
  return [...message.texts, ...message.buttons].some((t) => t.includes(needle));
}

/** The value shown right after a label (a fact's title and value, e.g. "Access ID"), each time it appears. */
export function valuesAfter(message: ShownMessage, label: string): string[] {
  return message.texts.flatMap((t, i) => (t === label && message.texts[i + 1] !== undefined ? [message.texts[i + 1]!] : []));
}

/** How a card is laid out on the screen (pixels, in the page), for tests of what fits. */
export interface CardLayout {
  /** The card's content box: inside its padding. */
  card: { left: number; right: number };
  /** Each text block: its text, how many lines it takes, and where it ends. */
  texts: { text: string; lines: number; left: number; right: number }[];
  /** Each fact's value and where it starts (the label column ends there). */
  facts: { title: string; value: string; valueLeft: number }[];
  /** Each visible button: its title, whether the title is cut off, and where the button ends. */
  buttons: { title: string; clipped: boolean; right: number }[];
}

/**
 * In-page reader, as plain JavaScript source: ([botName, containing]) => the layout of the cards
 * of the newest bot message of a chat that shows `containing` (see CardLayout), or null.
 */
const READ_CARD_LAYOUT = `([botName, containing]) => {
  const visible = (e) => e.offsetWidth > 0 || e.offsetHeight > 0;
  const clean = (s) => s.replace(/\\s+/g, ' ').trim();
  const headers = [...document.querySelectorAll('[aria-label="Message header"]')]
    .filter((h) => clean(h.querySelector('[aria-label="Message author"]')?.textContent ?? '') === botName);
  const cardsOf = (h) => [...h.parentElement.children].filter((c) => c !== h).flatMap((p) => [...p.querySelectorAll('.ac-adaptiveCard')]);
  const header = headers.filter((h) => cardsOf(h).some((c) => c.innerText.includes(containing))).pop();
  if (!header) return null;
  const cards = cardsOf(header);
  const box = cards[0].getBoundingClientRect();
  const style = getComputedStyle(cards[0]);
  const card = { left: box.left + parseFloat(style.paddingLeft), right: box.right - parseFloat(style.paddingRight) };
  const texts = cards.flatMap((c) => [...c.querySelectorAll('.ac-textBlock')])
    .filter((e) => visible(e) && !e.parentElement.closest('.ac-textBlock'))
    .map((e) => {
      // The text itself, not its block (which is as wide as the card): the line boxes of its text nodes.
      const boxes = [];
      const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        boxes.push(...[...range.getClientRects()].filter((r) => r.width > 0));
      }
      const tops = new Set(boxes.map((r) => Math.round(r.top)));
      return {
        text: clean(e.innerText),
        lines: tops.size,
        left: Math.min(...boxes.map((r) => r.left)),
        right: Math.max(...boxes.map((r) => r.right)),
      };
    });
  const titles = cards.flatMap((c) => [...c.querySelectorAll('.ac-fact-title')]).filter((e) => visible(e) && !e.parentElement.closest('.ac-fact-title'));
  const values = cards.flatMap((c) => [...c.querySelectorAll('.ac-fact-value')]).filter((e) => visible(e) && !e.parentElement.closest('.ac-fact-value'));
  const facts = values.map((v, i) => ({ title: clean(titles[i]?.innerText ?? ''), value: clean(v.innerText), valueLeft: v.getBoundingClientRect().left }));
  const buttons = cards.flatMap((c) => [...c.querySelectorAll('button')]).filter(visible).map((b) => {
    const label = [b, ...b.querySelectorAll('*')].filter((e) => e.children.length === 0 || e === b);
    return {
      title: clean(b.innerText),
      clipped: label.some((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'),
      right: b.getBoundingClientRect().right,
    };
  });
  return { card, texts, facts, buttons };
}`;

const COMPOSE_BOX = '[contenteditable="true"][role="textbox"]';
/** A page expression: what the compose box holds. */
const COMPOSE_TEXT = `(document.querySelector(${JSON.stringify(COMPOSE_BOX)})?.innerText ?? '').trim()`;

export class PlaygroundPage {
  private constructor(
    readonly page: Page,
    readonly url: string,
    private readonly options: { logFile?: string; botName: string; diagnostics?: () => string },
  ) {}

  /**
   * Opens the playground at `url` in a new page and waits until its chat list and compose box are
   * there. `logFile` (the playground's log) and `diagnostics` (e.g. the bot's output) go into every
   * failure message.
   */
  static async open(
    browser: Browser,
    url: string,
    options: { logFile?: string; botName?: string; diagnostics?: () => string; timeoutMs?: number } = {},
  ): Promise<PlaygroundPage> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // No internet here: the page's web fonts and telemetry would only fail slowly.
    await page.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (route) => route.abort());
    const pg = new PlaygroundPage(page, url, { botName: 'Partner Support', ...options });
    const timeout = options.timeoutMs ?? 45_000;
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
      await pg.composeBox().first().waitFor({ timeout });
    } catch (error) {
      throw await pg.failure(`The playground at ${url} did not show its chat window within ${timeout / 1000} s`, error);
    }
    return pg;
  }

  private composeBox(): Locator {
    return this.page.locator(COMPOSE_BOX);
  }

  /** Opens a chat from the left pane by its name: "Personal Chat", "Partner group chat", "Partner team - General". */
  async selectChat(name: string): Promise<void> {
    const item = this.page.getByRole('treeitem', { name, exact: true });
    try {
      await item.click({ timeout: 10_000 });
      await this.composeBox().first().waitFor({ timeout: 10_000 });
    } catch (error) {
      throw await this.failure(`Could not open the chat "${name}"`, error);
    }
  }

  /** How many bot messages the open chat shows (pass it as `after` to wait for the next ones). */
  async botMessageCount(): Promise<number> {
    return (await this.botMessages()).length;
  }

  /** Every bot message of the open chat, oldest first. */
  async botMessages(): Promise<ShownMessage[]> {
    return this.page.evaluate<ShownMessage[]>(`(${READ_BOT_MESSAGES})(${JSON.stringify(this.options.botName)})`);
  }

  /** The newest bot message (throws when there is none). */
  async lastMessage(): Promise<ShownMessage> {
    const all = await this.botMessages();
    if (all.length === 0) throw await this.failure('The chat shows no bot message');
    return all[all.length - 1]!;
  }

  /** The newest bot message that shows `text` (in a text or a button). */
  async messageShowing(text: string): Promise<ShownMessage> {
    const found = (await this.botMessages()).filter((m) => shows(m, text)).pop();
    if (!found) throw await this.failure(`No bot message shows "${text}"`);
    return found;
  }

  /**
   * Waits for a bot message after the first `after` ones (that shows `containing`, if given) and
   * returns the newest such message, read as it is now (so a card updated in place counts when it
   * is in that range; with `after: 0` any message does). When the bot answers with several
   * messages, pass `containing` to wait for the right one.
   */
  async waitForReply(options: WaitOptions = {}): Promise<ShownMessage> {
    const { after = 0, containing, timeoutMs = 20_000 } = options;
    try {
      const handle = await this.page.waitForFunction(`${freshMessagesExpression(this.options.botName, after, containing)}.pop() ?? false`, undefined, {
        timeout: timeoutMs,
        polling: 100,
      });
      return (await handle.jsonValue()) as ShownMessage;
    } catch (error) {
      const what = containing ? `a bot message showing "${containing}"` : 'a bot reply';
      throw await this.failure(`No ${what} (after message ${after}) within ${timeoutMs / 1000} s`, error);
    }
  }

  /** The layout of the newest bot message that shows `containing` in a card (a chat, not a channel). */
  async cardLayout(containing: string): Promise<CardLayout> {
    const layout = await this.page.evaluate<CardLayout | null>(`(${READ_CARD_LAYOUT})(${JSON.stringify([this.options.botName, containing])})`);
    if (!layout) throw await this.failure(`No bot card shows "${containing}"`);
    return layout;
  }

  /** Waits until no bot message shows a button with this title (e.g. after a card updated in place). */
  async waitUntilNoButton(title: string, timeoutMs = 10_000): Promise<void> {
    try {
      const offered = `${freshMessagesExpression(this.options.botName, 0)}.some((m) => m.buttons.includes(${JSON.stringify(title)}))`;
      await this.page.waitForFunction(`!${offered}`, undefined, { timeout: timeoutMs, polling: 100 });
    } catch (error) {
      throw await this.failure(`A card still offers the button "${title}" after ${timeoutMs / 1000} s`, error);
    }
  }

  /** Types `text` into the compose box and sends it with Enter, as a person does. */
  async send(text: string): Promise<void> {
    const box = this.composeBox();
    try {
      await box.click();
      await box.pressSequentially(text);
      await this.page.waitForFunction(`${COMPOSE_TEXT} === ${JSON.stringify(text.trim())}`, undefined, { timeout: 5_000, polling: 50 });
      await box.press('Enter');
      // Sent: the compose box is empty again.
      await this.page.waitForFunction(`${COMPOSE_TEXT} === ''`, undefined, { timeout: 5_000, polling: 50 });
    } catch (error) {
      throw await this.failure(`Could not send "${text}"`, error);
    }
  }

  /**
   * In a team's channel: starts a new post that @mentions the bot (picked from the compose box's
   * mention menu, as a person does; in a channel the bot hears only what mentions it) and sends it.
   */
  async post(text: string): Promise<void> {
    const box = this.composeBox().first(); // "Start a new post"; the others reply to a post
    try {
      await box.click();
      await box.pressSequentially(`@${this.options.botName.slice(0, 4)}`);
      await this.page.getByRole('menu').getByRole('menuitem', { name: this.options.botName }).first().click({ timeout: 5_000 });
      await box.pressSequentially(` ${text}`);
      await this.page.waitForFunction(`(document.querySelector(${JSON.stringify(COMPOSE_BOX)})?.innerText ?? '').replace(/\\s+/g, ' ').trim() === ${JSON.stringify(`${this.options.botName} ${text.trim()}`)}`, undefined, { timeout: 5_000, polling: 50 });
      await box.press('Enter');
      await this.page.waitForFunction(`${COMPOSE_TEXT} === ''`, undefined, { timeout: 5_000, polling: 50 });
    } catch (error) {
      throw await this.failure(`Could not post "${text}" in the channel`, error);
    }
  }

  /** Posts `text` in the channel (see `post`) and waits for the reply that shows `containing` (or any reply). */
  async askInChannel(text: string, containing?: string, timeoutMs?: number): Promise<ShownMessage> {
    const after = await this.botMessageCount();
    await this.post(text);
    return this.waitForReply({ after, containing, timeoutMs });
  }

  /** Types `value` into the card input with this placeholder (e.g. a resolution note); with several, the last one in the page. */
  async fillCardInput(placeholder: string, value: string): Promise<void> {
    const input = this.page.locator('.ac-adaptiveCard').getByPlaceholder(placeholder, { exact: true }).last();
    try {
      await input.fill(value, { timeout: 10_000 });
    } catch (error) {
      throw await this.failure(`Could not fill the card input "${placeholder}"`, error);
    }
  }

  /** Sends `text` and waits for the reply that shows `containing` (or any reply). */
  async ask(text: string, containing?: string, timeoutMs?: number): Promise<ShownMessage> {
    const after = await this.botMessageCount();
    await this.send(text);
    return this.waitForReply({ after, containing, timeoutMs });
  }

  /** Presses the newest visible card button with exactly this title. */
  async clickButton(title: string): Promise<void> {
    const button = this.page.locator('.ac-adaptiveCard').getByRole('button', { name: title, exact: true }).last();
    try {
      await button.click({ timeout: 10_000 });
    } catch (error) {
      throw await this.failure(`Could not press the card button "${title}"`, error);
    }
  }

  /**
   * Clicks a card row that acts as a button (a container with a `selectAction`, shown as "› title")
   * and waits for the next bot message (that shows `containing`, if given).
   */
  async pressRow(title: string, containing?: string, timeoutMs?: number): Promise<ShownMessage> {
    const after = await this.botMessageCount();
    const row = this.page.locator('.ac-adaptiveCard').getByText(`› ${title}`, { exact: true }).last();
    try {
      await row.click({ timeout: 10_000 });
    } catch (error) {
      throw await this.failure(`Could not click the card row "${title}"`, error);
    }
    return this.waitForReply({ after, containing, timeoutMs });
  }

  /** Presses a card button and waits for the next bot message (that shows `containing`, if given). */
  async press(title: string, containing?: string, timeoutMs?: number): Promise<ShownMessage> {
    const after = await this.botMessageCount();
    await this.clickButton(title);
    return this.waitForReply({ after, containing, timeoutMs });
  }

  /**
   * Sends an activity through the playground's "Mock an Activity > Custom activity" dialog: the
   * dialog's own template for the open chat (ids, conversation, sender), with `fields` on top.
   */
  async sendCustomActivity(fields: Record<string, unknown>): Promise<void> {
    try {
      await this.page.getByText('Mock an Activity', { exact: true }).click();
      const [templateResponse] = await Promise.all([
        this.page.waitForResponse((r) => r.url().includes('/customActivities/template'), { timeout: 10_000 }),
        this.page.getByRole('menuitem', { name: 'Custom activity', exact: true }).click(),
      ]);
      const template = (await templateResponse.json()) as Record<string, unknown>;
      const dialog = this.page.getByRole('dialog');
      await dialog.getByText('custom-activity-type').first().waitFor({ timeout: 10_000 });
      await dialog.locator('.monaco-editor textarea').focus();
      await this.page.keyboard.press('ControlOrMeta+A');
      await this.page.keyboard.press('Delete');
      // One line: the editor's auto-indent and bracket closing act on typed new lines and brackets.
      await this.page.keyboard.insertText(JSON.stringify({ ...template, ...fields }));
      await dialog.getByRole('button', { name: 'Send activity' }).click();
      await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    } catch (error) {
      throw await this.failure(`Could not send the custom activity ${JSON.stringify(fields)}`, error);
    }
  }

  /** Saves a screenshot of the window as test-output/browser/<name>.png; returns its path. */
  async screenshot(name: string): Promise<string> {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }

  /** What the page's own Log Panel shows last (the activities it exchanged with the bot). */
  private async logPanelTail(lines = 15): Promise<string> {
    const text = await this.page.locator('body').innerText({ timeout: 2_000 }).catch(() => '');
    const panel = text.split('Log Panel').pop() ?? '';
    return panel.split('\n').filter((l) => l.trim()).slice(-lines).join('\n');
  }

  /** An Error that says what failed, what the chat shows, and the tails of the logs. */
  async failure(what: string, cause?: unknown): Promise<Error> {
    const parts = [what + (cause instanceof Error ? `: ${cause.message.split('\n')[0]}` : '')];
    const messages = await this.botMessages().catch(() => []);
    parts.push(
      `Bot messages shown (${messages.length}, last 3):`,
      ...messages.slice(-3).map((m, i) => `  [${messages.length - Math.min(3, messages.length) + i}] ${JSON.stringify(m)}`),
    );
    const panel = await this.logPanelTail();
    if (panel) parts.push('Playground Log Panel (tail):', panel);
    if (this.options.logFile) {
      const log = await readFile(this.options.logFile, 'utf8').catch((e: Error) => `(cannot read: ${e.message})`);
      parts.push(`Playground log ${this.options.logFile} (tail):`, log.split('\n').slice(-20).join('\n'));
    }
    if (this.options.diagnostics) parts.push('Bot output (tail):', this.options.diagnostics().split('\n').slice(-20).join('\n'));
    const error = new Error(parts.join('\n'));
    if (cause !== undefined) (error as Error & { cause?: unknown }).cause = cause;
    return error;
  }
}

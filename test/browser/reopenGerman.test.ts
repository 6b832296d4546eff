/**
 * Browser: the chat window of `npm start` (Microsoft 365 Agents Playground, in headless Chromium)
 * as a German speaker uses it. The window sends every message as en-US; German typed there is
 * answered in German, a short "ja" stays German, and reopening the page (a reload) shows the
 * welcome again, in the conversation's language, instead of an empty chat. With `--locale de-DE`
 * (startPlayground's locale, through the locale relay) the window is German from the first welcome.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { startPlayground } from '../../src/devtools/playground.js';
import { BrowserSuite } from '../support/browserSuite.js';
import { PlaygroundPage } from '../support/playgroundDriver.js';

const WELCOME_DE = 'Hallo, ich helfe Ihnen, Ihre technischen Support-Vorteile als Partner zu nutzen';

describe('browser: German typed in the chat window, and the window reopened', function () {
  this.timeout(60_000);
  const suite = new BrowserSuite('german');
  let ema: PlaygroundPage;

  before(async function () {
    await suite.start(this, { PLAYGROUND: 'off' });
    const { url, dir } = await suite.startPlayground('ema');
    ema = await suite.openPage('ema', url, dir);
  });

  afterEach(async function () {
    await suite.screenshotIfFailed(this.currentTest);
  });

  after(async function () {
    this.timeout(30_000);
    await suite.stop();
  });

  it('Ema types "was bekommen wir?" (sent as en-US) and gets the German answer; "ja" stays German', async () => {
    const tiers = await ema.ask('was bekommen wir?', 'Das bekommt Fourth Coffee IT heute');
    expect(tiers.buttons).to.include('Darf ich aktivieren?');
    const ja = await ema.ask('ja', 'Das habe ich leider nicht verstanden');
    expect(ja.buttons).to.include('Welchen Support bekommen wir?');
    await ema.screenshot('german-01-typed');
  });

  it('reopening the page shows the welcome again (in German: the conversation is German), not an empty chat', async () => {
    await ema.page.reload({ waitUntil: 'domcontentloaded' });
    await ema.selectChat('Personal Chat');
    const welcome = await ema.waitForReply({ containing: WELCOME_DE, timeoutMs: 30_000 });
    expect(welcome.buttons).to.include('Welchen Support bekommen wir?');
    expect(await ema.botMessageCount()).to.equal(1);
    await ema.screenshot('german-02-reopened');
  });

  it('with --locale de-DE the window sends de-DE: the first welcome and a pressed button are German', async () => {
    const dir = join(suite.dataDir!, 'playground-ben-de');
    const playground = await startPlayground({ botEndpoint: `${suite.bot!.url}/api/messages`, as: 'ben', dir, port: 0, timeoutMs: 45_000, locale: 'de-DE' });
    suite.playgrounds.push(playground);
    const page = await PlaygroundPage.open(suite.browser!, playground.url, { logFile: join(dir, 'playground.log') });
    suite.pages.set('ben', page);
    await page.selectChat('Personal Chat');
    await page.waitForReply({ containing: WELCOME_DE, timeoutMs: 30_000 });
    // "ok" says nothing of a language: the locale decides.
    const ok = await page.ask('ok', 'Das habe ich leider nicht verstanden');
    expect(ok.buttons).to.include('Darf ich aktivieren?');
    const refused = await page.press('Darf ich aktivieren?', 'Ana Admin');
    expect(refused.texts.join(' ')).to.match(/Globaler Administrator|MPN-Partneradministrator/);
    await page.screenshot('german-03-locale');
  });
});

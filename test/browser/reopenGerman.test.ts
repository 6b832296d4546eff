/**
 * Browser: the chat window of `npm start` (Microsoft 365 Agents Playground, in headless Chromium)
 * as a German speaker uses it. The window sends every message as en-US; German typed there is
 * answered in German, a short "ja" stays German, and reopening the page (a reload) shows the
 * welcome again, in the conversation's language, instead of an empty chat.
 */
import { expect } from 'chai';
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
});

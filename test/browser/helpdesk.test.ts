/**
 * Browser end to end, the helpdesk side: the real bot on the demo directory (started as `npm start`
 * starts it) with two Microsoft 365 Agents Playground windows in a real Chromium, one for Hal
 * Helpdesk (a HelpdeskAgent) and one for Dario (Woodgrove Software), as `npm start -- --as hal`
 * and `--as dario` would open them. Hal names a team channel the helpdesk conversation, looks a
 * partner up (IDs masked until "Reveal IDs"), and works the case card Dario's escalation posts
 * into that channel. Each scenario asserts what a person sees: card texts and button titles.
 * Screenshots: test-output/browser/helpdesk-*.png.
 *
 * In a channel the bot hears only messages that @mention it: Hal posts them with the compose box's
 * mention menu, as a person does (PlaygroundPage.post).
 *
 * SKIP_BROWSER_TESTS=1 skips the suite; without it a missing Chromium fails with the install hint.
 */
import { expect } from 'chai';
import { DEMO_TENANTS } from '../../src/demo/demoDirectory.js';
import { BrowserSuite } from '../support/browserSuite.js';
import { PlaygroundPage, shows, valuesAfter } from '../support/playgroundDriver.js';

const HELPDESK_CHANNEL = 'Partner team - Support';
const LOOKUP_TITLE = 'Woodgrove Software (partner 4711002)';
/** Woodgrove's contracts in the demo directory (src/demo/demoDirectory.ts). */
const WOODGROVE = {
  accessIds: ['a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002'],
  contractIds: ['7001234', '7001235'],
};
const PROBLEM = 'Azure says the Access ID is already associated and I am stuck';
const NOTE = 'Scenario 2: the cloud 5-pack is used up; Advanced Support for Partners bought';

describe('browser: the helpdesk side in Microsoft 365 Agents Playground (Hal and Dario)', function () {
  this.timeout(45_000);
  const suite = new BrowserSuite('helpdesk');
  let hal: PlaygroundPage;
  let dario: PlaygroundPage;

  before(async function () {
    await suite.start(this, { PLAYGROUND: 'off' });
    [hal, dario] = (await suite.openAll(['hal', 'dario'], async (as) => {
      const { url, dir } = await suite.startPlayground(as);
      // Tall enough for the whole partner lookup card.
      return suite.openPage(as, url, dir, { width: 1280, height: 1200 });
    })) as [PlaygroundPage, PlaygroundPage];
  });

  afterEach(async function () {
    await suite.screenshotIfFailed(this.currentTest);
  });

  after(async function () {
    this.timeout(30_000);
    await suite.stop();
  });

  it('1. Hal looks up "partner 4711002" in his personal chat: memberships, entitlement, balances with warnings, admins; Access and Contract IDs masked to the last four', async () => {
    const card = await hal.ask('partner 4711002', LOOKUP_TITLE);
    expect(card.texts[0]).to.equal(LOOKUP_TITLE);
    expect(card.texts).to.include.members([
      'Activation',
      'activated',
      'Admins',
      'Wanda Weber (Global admin)',
      'Entitled to today',
      'Microsoft Product Support (on-premises): 15 incidents',
      'Signature Cloud Support (cloud): 5 incidents',
      'No incidents left.', // the cloud 5-pack (F21)
      'The IDs are masked. "Reveal IDs" shows them in full and is recorded in the audit log.',
    ]);
    expect(valuesAfter(card, 'Access ID')).to.deep.equal(['••••0001', '••••0002']);
    expect(valuesAfter(card, 'Contract ID')).to.deep.equal(['••••1234', '••••1235']);
    expect(valuesAfter(card, 'Left')).to.deep.equal(['11', '0']);
    for (const id of [...WOODGROVE.accessIds, ...WOODGROVE.contractIds]) expect(shows(card, id), `${id} is shown`).to.equal(false);
    expect(card.buttons).to.deep.equal(['Reveal IDs']);
    await hal.screenshot('helpdesk-01-lookup-masked');
  });

  it('2. "Reveal IDs" shows them in full, in the personal chat only, and says it was audited', async () => {
    const revealed = await hal.press('Reveal IDs', 'The IDs are shown in full; this was recorded in the audit log.');
    expect(revealed.texts[0]).to.equal(LOOKUP_TITLE);
    expect(valuesAfter(revealed, 'Access ID')).to.deep.equal(WOODGROVE.accessIds);
    expect(valuesAfter(revealed, 'Contract ID')).to.deep.equal(WOODGROVE.contractIds);
    expect(revealed.buttons).to.deep.equal([]);
    // Each ID (and the tenant id) on a line of its own under its label, whole and clear of the edge.
    const layout = await hal.cardLayout('The IDs are shown in full');
    for (const id of [DEMO_TENANTS.woodgrove, ...WOODGROVE.accessIds, ...WOODGROVE.contractIds]) {
      const shown = layout.texts.find((t) => t.text === id);
      expect(shown, id).to.not.equal(undefined);
      expect(shown!.lines, `${id} on one line`).to.equal(1);
      expect(layout.card.right - shown!.right, `${id} clear of the card's edge`).to.be.at.least(16);
    }
    await hal.screenshot('helpdesk-02-lookup-revealed');
  });

  it('3. In the team channel Hal posts "@Partner Support set helpdesk channel": the channel now receives escalations', async () => {
    await hal.selectChat(HELPDESK_CHANNEL);
    const set = await hal.askInChannel('set helpdesk channel', 'This conversation now receives escalations from partners.');
    expect(set.texts).to.deep.equal(['This conversation now receives escalations from partners.']);
  });

  it('4. Dario asks for a person; the case card appears in the helpdesk channel with the partner, who, the problem and "Assign to me" / "Resolve"', async () => {
    await dario.ask('how many incidents do we have left?', 'Incident balance of Woodgrove Software');
    await dario.ask('talk to a person', 'In one line: what do you need help with?');
    const before = await hal.botMessageCount();
    const created = await dario.ask(PROBLEM, 'I passed this to the helpdesk as case C-000001');
    expect(created.texts.join(' ')).to.contain('You will hear from them in your personal chat with me.');

    const card = await hal.waitForReply({ after: before, containing: 'Case C-000001: open' });
    expect(card.texts[0]).to.equal('Case C-000001: open');
    expect(card.texts).to.include.members(['Partner', 'Woodgrove Software (4711002)', 'From', 'Dario Entwickler', 'Problem', PROBLEM]);
    // What Dario asked and where he was (issue 14), not the bot's last reply.
    expect(valuesAfter(card, 'Where they were')).to.deep.equal(['The incident balance']);
    expect(valuesAfter(card, 'Recent questions')).to.deep.equal(['“how many incidents do we have left?”']);
    // The resolution note is an input on the card itself (its label is not a text block).
    expect(await hal.page.locator('.ac-adaptiveCard').getByPlaceholder('What was done (the partner gets this note)', { exact: true }).count()).to.equal(1);
    expect(card.buttons).to.deep.equal(['Assign to me', 'Resolve']);
    await hal.screenshot('helpdesk-03-case-card');
  });

  it('5. Hal presses "Assign to me", then "Resolve" with a note: the card updates in place and Dario hears about both', async () => {
    const darioBefore = await dario.botMessageCount();
    await hal.press('Assign to me', 'Case C-000001 is assigned to you.');
    const assigned = await hal.messageShowing('Case C-000001: assigned');
    expect(valuesAfter(assigned, 'Assigned to')).to.deep.equal(['Hal Helpdesk']);
    expect(assigned.buttons).to.deep.equal(['Resolve']);
    await dario.waitForReply({ after: darioBefore, containing: 'Your case C-000001 was taken by Hal Helpdesk from the helpdesk.' });

    await hal.press('Resolve', 'Please write a resolution note before pressing "Resolve".');
    await hal.fillCardInput('What was done (the partner gets this note)', NOTE);
    await hal.press('Resolve', 'Case C-000001 is resolved; the partner was told.');
    const resolved = await hal.messageShowing('Case C-000001: resolved');
    expect(resolved.texts).to.include(`Hal Helpdesk: ${NOTE}`);
    expect(resolved.buttons, 'a resolved case offers nothing to press').to.deep.equal([]);
    expect((await hal.botMessages()).filter((m) => shows(m, 'Case C-000001: open')), 'the open card is still shown').to.deep.equal([]);
    await dario.waitForReply({ after: darioBefore, containing: `Your case C-000001 was resolved by Hal Helpdesk: ${NOTE}` });
    await hal.screenshot('helpdesk-04-case-resolved');
  });

  it('6. In the shared channel a lookup keeps the IDs masked and offers no "Reveal IDs" (it cannot work there)', async () => {
    const card = await hal.askInChannel('partner 4711002', LOOKUP_TITLE);
    expect(valuesAfter(card, 'Access ID')).to.deep.equal(['••••0001', '••••0002']);
    expect(card.buttons).to.deep.equal([]);
    expect(card.texts).to.include('The IDs are masked. In a personal chat with me, "Reveal IDs" shows them in full (recorded in the audit log).');
    for (const message of await hal.botMessages()) {
      for (const id of [...WOODGROVE.accessIds, ...WOODGROVE.contractIds]) expect(shows(message, id), `${id} is shown in the channel`).to.equal(false);
    }
  });
});

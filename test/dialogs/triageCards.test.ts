/**
 * Issue 14: the triage's cards as an agent sees them in Teams, in English and German. The
 * category question shows all seven categories (Teams shows at most six actions in a row and hides
 * the rest behind "…"); the diagnosis and the case card speak to the agent (no internal "scenario
 * 2", no "sent to the partner" on a case that has no partner waiting).
 */
import { expect } from 'chai';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { cardTexts } from '../../src/cards/cardText.js';
import { hal } from '../support/demoPeople.js';
import { cardOf } from '../support/cardLayout.js';
import { createTestBot, TEST_TODAY, type Reply, type TestBot } from '../support/testBot.js';

/** Teams renders at most this many actions of a card in a row; the rest hide behind "…". */
const TEAMS_MAX_ACTIONS = 6;

type Json = Record<string, unknown>;
/** The card's own actions (the row of buttons at its foot). */
const footActions = (reply: Reply) => ((cardOf(reply) as Json | undefined)?.['actions'] as unknown[] | undefined) ?? [];
/** The placeholder of each text input, as the agent reads it in the empty field. */
function placeholders(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(placeholders);
  if (typeof node !== 'object' || node === null) return [];
  const own = (node as Json)['type'] === 'Input.Text' && typeof (node as Json)['placeholder'] === 'string' ? [(node as Json)['placeholder'] as string] : [];
  return [...own, ...Object.values(node as Json).flatMap(placeholders)];
}

const CASES = {
  en: {
    locale: 'en-US',
    categories: ['Activation', 'Roles or account', 'The IDs', '"Already associated"', 'Which support or plan', 'Incident balance', 'Something else'],
    diagnosis:
      'Diagnosis: the cloud contract has no incidents left: Azure hides it and shows the same error at every new link, so the error will not go away. To get Azure support cases the partner needs a new support plan (Advanced Support for Partners or Premier Support for Partners).',
    placeholder: 'What was done (kept in the case history)',
    toPartner: 'the partner gets this note',
  },
  de: {
    locale: 'de-DE',
    categories: ['Aktivierung', 'Rollen oder Konto', 'Die IDs', '„Bereits zugeordnet“', 'Welcher Support oder Plan', 'Incident-Kontingent', 'Etwas anderes'],
    diagnosis:
      'Diagnose: der Cloud-Vertrag hat keine Incidents mehr: Azure blendet ihn aus und zeigt bei jedem neuen Verknüpfen dieselbe Meldung, sie verschwindet also nicht. Für Azure-Supportfälle braucht der Partner einen neuen Supportplan (Advanced Support for Partners oder Premier Support for Partners).',
    placeholder: 'Was getan wurde (bleibt im Fallverlauf)',
    toPartner: 'der Partner erhält diese Notiz',
  },
} as const;

for (const [lang, expected] of Object.entries(CASES)) {
  describe(`dialogs/triageDialog: the triage cards as shown, ${lang} (issue 14)`, () => {
    let bot: TestBot;
    before(async () => {
      bot = await createTestBot(demoDirectory(TEST_TODAY));
    });
    after(() => bot.close());
    const options = { locale: expected.locale };

    it('all seven categories are on the card, each whole, none behind Teams\' "…"', async () => {
      await bot.afterHello(hal, 'triage', options);
      const [question] = await bot.say(hal, '4711002', options);
      expect(footActions(question!).length, 'actions in the row at the foot').to.be.at.most(TEAMS_MAX_ACTIONS);
      expect(question!.buttons.map((b) => b.title)).to.deep.equal(expected.categories);
      expect(question!.cardTexts).to.include.members(expected.categories.map((c) => `› ${c}`));
      // The last one (the one Teams hid) can be pressed.
      const [scope] = await bot.press(hal, 'other', options);
      expect(footActions(scope!).length).to.equal(2);
    });

    it('the diagnosis says what the agent needs, without internal scenario numbers', async () => {
      await bot.afterHello(hal, 'triage 4711002', options);
      await bot.press(hal, 'assoc', options);
      await bot.press(hal, 'cloud', options);
      const [card, saved] = await bot.say(hal, 'This Access ID is already associated with an account', options);
      expect(card!.cardTexts).to.include(expected.diagnosis);
      expect(card!.all).to.not.match(/scenario|szenario/i);
      expect(saved!.text).to.match(/C-\d{6}/);
    });

    it('the triage\'s case card: no "sent to the partner" (no partner waits on a triage), no scenario numbers', async () => {
      await bot.afterHello(hal, 'triage 4711002', options);
      await bot.press(hal, 'assoc', options);
      await bot.press(hal, 'cloud', options);
      const replies = await bot.say(hal, 'none', options);
      const caseCard = replies.find((r) => /^(Case|Fall) C-\d{6}/.test(r.cardTexts[0] ?? ''))!;
      expect(caseCard, 'the case card follows the diagnosis').to.not.equal(undefined);
      expect(placeholders(cardOf(caseCard))).to.deep.equal([expected.placeholder]);
      expect(JSON.stringify(cardOf(caseCard))).to.not.contain(expected.toPartner);
      expect(cardTexts(cardOf(caseCard) as Json).join('\n')).to.not.match(/scenario|szenario/i);
    });
  });
}

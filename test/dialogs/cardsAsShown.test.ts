/**
 * Every card of the bot's conversations, in English and German, checked for what makes a card hard
 * to use on a screen (issue 11): a button title too long for a button (Teams cuts it off at the
 * card's edge), a colour that is unreadable on Teams' light theme, an ID squeezed beside its label.
 * The conversations are those the card check walked through in the chat window, one of each card.
 */
import { expect } from 'chai';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { t, type StringKey } from '../../src/i18n/index.js';
import { MAX_BUTTON_TITLE } from '../../src/views/supportViews.js';
import { ana, ben, cleo, dario, ema, hal, newcomer, nils, stranger } from '../support/demoPeople.js';
import { buttonTitlesOf, cardOf, coloursOf, factsOf, LOOKS_LIKE_AN_ID } from '../support/cardLayout.js';
import { createTestBot, TEST_TODAY, type Reply, type SayOptions, type TestBot, type Who } from '../support/testBot.js';

const HELPDESK = { conversationType: 'channel' as const, conversationId: '19:helpdesk@thread.tacv2' };
const ALREADY_ASSOCIATED =
  'This Access ID is already associated with an account. Contact your Technical Account Manager to get a new Access ID';

/** One conversation step: who says or presses what (a choice id or a button title's string key). */
type Step = [Who, string | { press: string } | { pressKey: StringKey }];

const CONVERSATIONS: Step[][] = [
  [[hal, 'set helpdesk channel']],
  [[ana, 'hi'], [ana, 'help'], [ana, 'what support do we get?'], [ana, 'can I activate?'], [ana, 'how many incidents do we have left?']],
  [[ben, 'can I activate?'], [ben, 'what is our access id?'], [cleo, 'can I activate?'], [cleo, 'You are not authorized to perform this action']],
  [[nils, 'what support do we get?'], [nils, 'can I activate?'], [nils, 'how many incidents do we have left?'], [nils, 'what is our access id?']],
  [[stranger, 'can I activate?'], [newcomer, 'can I activate?'], [hal, 'can I activate?']],
  [[ana, 'activate our benefits'], [ana, { pressKey: 'activation.confirm.yes' }], [ana, 'what is our access id?'], [ana, 'can I activate?'], [ana, 'activate our benefits']],
  [[ben, 'what is our access id?'], [ana, 'how many incidents do we have left?']],
  [[ana, ALREADY_ASSOCIATED], [ana, { press: 'own' }], [ana, 'Access ID already associated'], [ana, { press: 'csp' }]],
  [[stranger, 'Access ID already associated'], [stranger, { press: 'own' }], [stranger, { press: 'unsure' }], [stranger, { press: 'unsure' }]],
  [[dario, ALREADY_ASSOCIATED], [dario, { press: 'own' }], [ema, 'Access ID already associated'], [ema, { press: 'own' }]],
  ...(['onPremises', 'cloud', 'cspCustomer', 'presales'] as const).map((choice): Step[] => [[dario, 'which support should we use?'], [dario, { press: choice }]]),
  [[ema, 'which support should we use?'], [ema, { press: 'cloud' }], [dario, 'which support plan should we buy?']],
  [[dario, 'how many incidents do we have left?'], [ema, 'how many incidents do we have left?']],
  [[dario, 'record an incident'], [dario, { press: 'ProductSupport' }], [dario, '2611230040001234'], [dario, { press: 'yes' }], [dario, 'how many incidents do we have left?']],
  [[dario, 'Is Premier Support cloud only?'], [dario, { pressKey: 'kb.feedback.no' }], [dario, 'how many incidents does gold get?']],
  [[dario, 'support thing for customers'], [dario, { pressKey: 'kb.didYouMean.none' }], [dario, 'do unused incidents roll over?'], [dario, 'asdfgh qwertz']],
  [[dario, 'talk to a person'], [dario, 'Azure says the Access ID is already associated and I am stuck']],
  [[hal, 'partner 4711002'], [hal, { pressKey: 'summary.reveal' }], [hal, 'lookup co'], [hal, 'partner 4711004']],
  [[hal, 'triage'], [hal, '4711002'], [hal, { press: 'assoc' }], [hal, { press: 'cloud' }], [hal, 'This Access ID is already associated with an account']],
];

describe('dialogs: every card as shown, in English and German (issue 11)', () => {
  for (const [lang, locale] of [['en', 'en-US'], ['de', 'de-DE']] as const) {
    describe(`${lang}`, () => {
      let bot: TestBot;
      const cards: { who: string; said: string; reply: Reply }[] = [];
      before(async function () {
        this.timeout(60_000);
        bot = await createTestBot(demoDirectory(TEST_TODAY));
        const greeted = new Set<string>();
        for (const conversation of CONVERSATIONS) {
          for (const [who, input] of conversation) {
            const options: SayOptions = { locale, ...(who === hal && input === 'set helpdesk channel' ? HELPDESK : {}) };
            const key = `${who.aadObjectId}|${options.conversationId ?? ''}`;
            const replies: Reply[] = [];
            if (!greeted.has(key)) {
              greeted.add(key);
              replies.push(...(await bot.say(who, 'hi', options)));
            }
            if (typeof input === 'string') replies.push(...(await bot.say(who, input, options)));
            else replies.push(...(await bot.press(who, 'press' in input ? input.press : t(lang, input.pressKey), options)));
            const said = typeof input === 'string' ? input : JSON.stringify(input);
            for (const reply of replies) if (cardOf(reply)) cards.push({ who: who.name, said, reply });
          }
        }
        // The case cards posted into the helpdesk conversation.
        for (const sent of bot.messenger.sent) {
          const content = sent.activity.attachments?.[0]?.content;
          if (content) cards.push({ who: 'helpdesk conversation', said: 'case', reply: { cardTexts: [], buttons: [], all: '', activity: sent.activity } });
        }
      });
      after(() => bot?.close());

      const where = (c: { who: string; said: string }) => `${c.who}: ${c.said}`;

      it('walks through many different cards', () => {
        const titles = new Set(cards.map((c) => c.reply.cardTexts[0] ?? c.who));
        if (process.env.SHOW_CARDS) console.log([...titles].join('\n'));
        expect(titles.size, [...titles].join('\n')).to.be.at.least(35);
      });

      it(`no button title is longer than ${MAX_BUTTON_TITLE} characters (Teams cuts longer ones off)`, () => {
        const long = cards.flatMap((c) =>
          buttonTitlesOf(cardOf(c.reply))
            .filter((title) => [...title].length > MAX_BUTTON_TITLE)
            .map((title) => `${where(c)} -> "${title}" (${[...title].length})`),
        );
        expect([...new Set(long)]).to.deep.equal([]);
      });

      it('no card has more than 6 actions in its row of buttons (Teams hides the rest behind "…", issue 14)', () => {
        // The card's own actions and each ActionSet's are a row each.
        const rows = (node: unknown): number[] => {
          if (Array.isArray(node)) return node.flatMap(rows);
          if (typeof node !== 'object' || node === null) return [];
          const { actions, ...rest } = node as { actions?: unknown };
          return [...(Array.isArray(actions) ? [actions.length] : []), ...rows(actions), ...Object.values(rest).flatMap(rows)];
        };
        const crowded = cards.flatMap((c) => rows(cardOf(c.reply)).filter((n) => n > 6).map((n) => `${where(c)} -> ${n} actions`));
        expect([...new Set(crowded)]).to.deep.equal([]);
      });

      it('no text is coloured "Good" or "Warning" (unreadable on the light theme)', () => {
        const bad = cards.flatMap((c) => coloursOf(cardOf(c.reply)).filter((colour) => colour === 'Good' || colour === 'Warning').map((colour) => `${where(c)} -> ${colour}`));
        expect(bad).to.deep.equal([]);
      });

      it('no ID is a fact beside its label: each stands on a line of its own', () => {
        const squeezed = cards.flatMap((c) => factsOf(cardOf(c.reply)).filter((f) => LOOKS_LIKE_AN_ID.test(f.value)).map((f) => `${where(c)} -> ${f.title}: ${f.value}`));
        expect(squeezed).to.deep.equal([]);
      });
    });
  }
});

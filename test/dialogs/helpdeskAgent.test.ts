/**
 * The helpdesk agent's day (issue 14) and one person's words reaching another (issue 13), through
 * the real bot on a real data directory: the helpdesk's help, lookups by name, id and person, any
 * case by its id with its history, the case lists, the audit in words, and what partners get from
 * the same commands (a refusal, never another organization's data).
 */
import { expect } from 'chai';
import { DEMO_TENANTS, DEMO_USERS, demoDirectory, type DemoPerson } from '../../src/demo/demoDirectory.js';
import { cardTexts } from '../../src/cards/cardText.js';
import { ana, dario, hal, nils } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type Reply, type TestBot } from '../support/testBot.js';

const HELPDESK = { conversationType: 'channel' as const, conversationId: '19:helpdesk@thread.tacv2' };
const DE = { locale: 'de-DE' };
/** A second agent, so "assigned to me" has someone else's case to leave out. */
const gil: DemoPerson = { aadObjectId: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b99', tenantId: DEMO_TENANTS.helpdesk, name: 'Gil Second', email: 'gil@helpdesk.example' };

function directoryWithGil(): unknown {
  const directory = demoDirectory(TEST_TODAY) as { users: Record<string, unknown>[] };
  directory.users.push({ aadObjectId: gil.aadObjectId, tenantId: gil.tenantId, name: gil.name, email: gil.email, roles: ['HelpdeskAgent'] });
  return directory;
}

/** The words of a partner who tries a link and a right-to-left override on the agent. */
const TRICKY = 'Please [click](https://evil.example/login) to see \u202Etxt.exe\u202C the error';
const TRICKY_SHOWN = 'Please click (https(:)//evil(.)example/login) to see txt.exe the error';

describe('dialogs: the helpdesk agent (issue 14)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(directoryWithGil());
  });
  afterEach(() => bot.close());

  /** Dario escalates with `summary`; the case card goes to the helpdesk channel. */
  const escalate = async (summary: string, who: DemoPerson = dario) => {
    await bot.afterHello(who, 'talk to a person');
    const replies = await bot.say(who, summary);
    const said = replies.map((r) => r.text ?? '').join('\n');
    return /C-\d{6}/.exec(said)![0];
  };
  const setChannel = () => bot.afterHello(hal, 'set helpdesk channel', HELPDESK);

  describe('help and the welcome', () => {
    it('"help" shows an agent the helpdesk commands with buttons, in English and German; a partner keeps the partner menu', async () => {
      const [en] = await bot.afterHello(hal, 'help');
      expect(en!.cardTexts[0]).to.equal('Helpdesk: what I can do');
      expect(en!.buttons.map((b) => b.title)).to.deep.equal(['Look up a partner', 'Triage', 'Audit log', 'Assigned to me', 'Open cases', 'Unassigned cases', 'Case by id']);
      expect(en!.all).to.contain('"case C-000002": one case with its history').and.not.contain('Activate benefits');
      const [de] = await bot.say(hal, 'hilfe', DE);
      expect(de!.cardTexts[0]).to.equal('Helpdesk: was ich kann');
      expect(de!.buttons.map((b) => b.title)).to.include.members(['Partner suchen', 'Mir zugewiesen', 'Nicht zugewiesene Fälle', 'Fall nach ID']);
      const [partner] = await bot.afterHello(ana, 'help');
      expect(partner!.all).to.contain('Activate benefits').and.not.contain('Look up a partner');
    });

    it('what the bot does not understand from an agent answers with the helpdesk menu', async () => {
      const [card] = await bot.afterHello(hal, 'xyzzy plugh');
      expect(card!.cardTexts[0]).to.equal('Sorry, I did not understand that. Here is what I can help with:');
      expect(card!.buttons.map((b) => b.title)).to.include.members(['Look up a partner', 'Unassigned cases']).and.not.include('Activate benefits');
    });

    it('"hi" from an agent gets the helpdesk menu, each command on its own line', async () => {
      const [card] = await bot.afterHello(hal, 'hi');
      const texts = card!.cardTexts;
      expect(texts).to.include('Hi Hal: the helpdesk side of the bot');
      expect(texts.filter((x) => x.startsWith('"')).length, 'one text block per command').to.equal(6);
    });

    it('the menu buttons work: "Look up a partner" asks, "Case by id" asks and opens the case', async () => {
      await setChannel();
      const id = await escalate('Activation fails for us');
      const [ask] = await bot.afterHello(hal, { value: { action: 'helpdesk.lookup' } });
      expect(ask!.text).to.equal('Which partner? Give me the partner id, the tenant id or part of the name.');
      const [card] = await bot.say(hal, 'northwind');
      expect(card!.cardTexts[0]).to.equal('Northwind Traders (partner 4711004)');
      const [askCase] = await bot.say(hal, { value: { action: 'case.show' } });
      expect(askCase!.text).to.equal('Which case? Give me its id, for example C-000002.');
      const [shown] = await bot.say(hal, 'c-1');
      expect(shown!.cardTexts[0]).to.equal(`Case ${id}: open`);
      await bot.say(hal, { value: { action: 'case.show' } });
      const [bad] = await bot.say(hal, 'xyzzy');
      expect(bad!.text).to.equal('"xyzzy" is not a case id. Case ids look like C-000002 (C-2 works too).');
    });
  });

  describe('looking partners and people up', () => {
    for (const [query, options] of [
      ['partner northwind', {}],
      ['Partner Northwind Traders', {}],
      ['find northwind', {}],
      ['lookup northwind', {}],
      ['who is 4711004', {}],
      [`who is ${DEMO_TENANTS.northwind}`, {}],
      ['suche Northwind', DE],
      ['Finde northwind', DE],
      ['wer ist 4711004', DE],
    ] as const) {
      it(`"${query}" shows Northwind Traders`, async () => {
        const [card] = await bot.afterHello(hal, query, options);
        expect(card!.cardTexts[0]).to.match(/^Northwind Traders \(Partner 4711004\)$/i);
      });
    }

    it('"who is <e-mail>" and "who is <object id>" show the person and their organization', async () => {
      for (const query of ['who is wanda@woodgrove.example', 'Who is WANDA@woodgrove.example?', `who is ${DEMO_USERS.wanda}`, 'lookup wanda@woodgrove.example']) {
        const [card] = await bot.afterHello(hal, query);
        expect(card!.cardTexts[0], query).to.equal('Woodgrove Software (partner 4711002)');
        expect(card!.cardTexts, query).to.include.members(['Found', 'Wanda Weber (Global admin), wanda@woodgrove.example']);
      }
      const [agent] = await bot.say(hal, `who is ${DEMO_USERS.hal}`);
      expect(agent!.text).to.equal('Hal Helpdesk (hal@helpdesk.example) is on the helpdesk team, not in a partner organization.');
      const [nobody] = await bot.say(hal, 'who is nobody@nowhere.example');
      expect(nobody!.text).to.contain('I found nobody for "nobody@nowhere.example"');
    });

    it('a lapsed organization: nobody can activate anything; its admins are named apart', async () => {
      const [en] = await bot.afterHello(hal, 'partner northwind');
      const facts = en!.cardTexts;
      expect(facts[facts.indexOf('Can activate') + 1]).to.equal('nobody: no membership is in force, so there are no benefits to activate');
      expect(facts[facts.indexOf('Admins') + 1]).to.equal('Nils Nordmann (MPN partner admin)');
      const [de] = await bot.say(hal, 'partner northwind', DE);
      expect(de!.cardTexts[de!.cardTexts.indexOf('Kann aktivieren') + 1]).to.equal('niemand: keine Mitgliedschaft ist in Kraft, es gibt also keine Vorteile zu aktivieren');
      // An organization already activated names its admins, not who "can activate".
      const [woodgrove] = await bot.say(hal, 'partner 4711002');
      expect(woodgrove!.cardTexts).to.not.include('Can activate');
      expect(woodgrove!.cardTexts[woodgrove!.cardTexts.indexOf('Admins') + 1]).to.equal('Wanda Weber (Global admin)');
    });

    it('memberships read "Silver in Application Development", in German too', async () => {
      const [en] = await bot.afterHello(hal, 'partner 4711002');
      expect(en!.all).to.match(/Silver in Application Development, /).and.not.match(/Silver Application Development/);
      const [de] = await bot.say(hal, 'partner 4711002', DE);
      expect(de!.all).to.match(/Silber in Application Development, /);
    });

    it('"Reveal IDs" is offered in a personal chat only, not in a channel or group chat', async () => {
      const [personal] = await bot.afterHello(hal, 'partner 4711002');
      expect(personal!.buttons.map((b) => b.title)).to.deep.equal(['Reveal IDs']);
      for (const where of [HELPDESK, { conversationType: 'groupChat' as const, conversationId: '19:group@thread.v2' }]) {
        const [card] = await bot.afterHello(hal, 'partner 4711002', where);
        expect(card!.buttons, where.conversationType).to.deep.equal([]);
        expect(card!.all).to.contain('In a personal chat with me, "Reveal IDs" shows them in full');
      }
    });

    it('a partner typing these commands gets a refusal, never another organization\'s data', async () => {
      for (const query of ['who is 4711002', `who is ${DEMO_USERS.wanda}`, 'who is wanda@woodgrove.example', 'partner woodgrove', 'find woodgrove']) {
        const [reply] = await bot.afterHello(nils, query);
        expect(reply!.text, query).to.equal('Partner lookups, triage and the audit log are for the helpdesk team only.');
        expect(reply!.all, query).not.to.contain('Woodgrove').and.not.contain('Wanda');
      }
      // Nor from the helpdesk menu's buttons, forged.
      for (const action of ['cases.open', 'cases.unassigned', 'cases.mine', 'helpdesk.audit', 'helpdesk.lookup', 'helpdesk.triage']) {
        const replies = await bot.say(nils, { value: { action } });
        const all = replies.map((r) => r.all).join('\n');
        expect(all, action).not.to.contain('Woodgrove').and.not.contain('Wanda').and.not.contain('Contoso');
        if (action !== 'cases.mine') expect(all, action).to.contain('for the helpdesk team only');
      }
      // Partners' own phrasings still reach their flows.
      const [ids] = await bot.afterHello(ana, 'find our access id');
      expect(ids!.all).not.to.contain('for the helpdesk team only');
    });
  });

  describe('cases', () => {
    it('"case C-000001", "c-1", "Fall C-000001" open any case with its full history, dates in words', async () => {
      await setChannel();
      const id = await escalate('Azure says already associated');
      await bot.say(hal, { value: { action: 'case.assign', caseId: id } }, HELPDESK);
      await bot.say(hal, { value: { action: 'case.resolve', caseId: id, note: 'Scenario 2: bought Advanced Support' } }, HELPDESK);
      for (const query of ['case C-000001', 'case c-1', 'C-1', 'show case C-000001']) {
        const [card] = await bot.afterHello(hal, query);
        expect(card!.cardTexts[0], query).to.equal('Case C-000001: resolved');
        expect(card!.cardTexts, query).to.include.members([
          'History',
          'Nov 24, 2026, 12:00 PM UTC: opened by Dario Entwickler',
          'Nov 24, 2026, 12:00 PM UTC: taken by Hal Helpdesk',
          'Nov 24, 2026, 12:00 PM UTC: resolved by Hal Helpdesk',
          'Nov 24, 2026, 12:00 PM UTC, note by Hal Helpdesk: Scenario 2: bought Advanced Support',
        ]);
        expect(card!.all, 'no ISO dates').not.to.match(/\d{4}-\d{2}-\d{2}T/);
      }
      const [de] = await bot.say(hal, 'Fall C-000001', DE);
      expect(de!.cardTexts[0]).to.equal('Fall C-000001: gelöst');
      expect(de!.cardTexts).to.include.members(['Verlauf', '24.11.2026, 12:00 UTC: eröffnet von Dario Entwickler', '24.11.2026, 12:00 UTC: gelöst von Hal Helpdesk']);
      const [missing] = await bot.say(hal, 'case C-000099');
      expect(missing!.text).to.equal('There is no case C-000099.');
    });

    it('the reader\'s time zone, when Teams sends it, sets the times', async () => {
      await setChannel();
      await escalate('Please call me');
      await bot.afterHello(hal, 'hi');
      const message = bot.message(hal, 'case C-1');
      const [card] = await bot.send({ ...message, localTimezone: 'Europe/Berlin' } as typeof message);
      expect(card!.cardTexts).to.include('Nov 24, 2026, 1:00 PM: opened by Dario Entwickler');
    });

    it('a partner cannot open a case by its id, not even their own, nor with a forged button', async () => {
      await setChannel();
      await escalate('Our own problem');
      for (const input of ['case C-000001', 'C-1', { value: { action: 'case.show', caseId: 'C-000001' } }] as const) {
        for (const who of [dario, nils]) {
          const [reply] = await bot.afterHello(who, input);
          expect(reply!.text, `${who.name} ${JSON.stringify(input)}`).to.equal('Cases by their id are for the helpdesk team. Your own requests: "my cases".');
          expect(reply!.all).not.to.contain('Our own problem');
        }
      }
    });

    it('"assigned to me" lists the agent\'s own open cases; "unassigned" the ones nobody took; "open" both; one row each', async () => {
      await setChannel();
      const first = await escalate('First: activation fails');
      const second = await escalate('Second: IDs missing');
      const third = await escalate('Third: balance is wrong');
      await bot.say(hal, { value: { action: 'case.assign', caseId: first } }, HELPDESK);
      await bot.say(gil, { value: { action: 'case.assign', caseId: second } }, HELPDESK);
      const rows = (reply: Reply) => reply.cardTexts.filter((x) => /^C-\d{6} · /.test(x));

      const [mine] = await bot.afterHello(hal, 'assigned to me');
      expect(mine!.cardTexts[0]).to.equal('Assigned to you: 1');
      expect(rows(mine!)).to.deep.equal([`${first} · assigned · Woodgrove Software`]);
      expect(mine!.cardTexts).to.include('First: activation fails');
      const [gils] = await bot.afterHello(gil, 'my cases');
      expect(rows(gils!)).to.deep.equal([`${second} · assigned · Woodgrove Software`]);
      const [unassigned] = await bot.say(hal, 'unassigned cases');
      expect(unassigned!.cardTexts[0]).to.equal('Unassigned cases: 1');
      expect(rows(unassigned!)).to.deep.equal([`${third} · open · Woodgrove Software`]);
      const [open] = await bot.say(hal, 'open cases');
      expect(rows(open!)).to.deep.equal([`${third} · open · Woodgrove Software`, `${second} · assigned · Woodgrove Software`, `${first} · assigned · Woodgrove Software`]);
      // "open" / "offen" alone, as the menu's button says it, from an agent; a partner's "open" is no list.
      const [openAlone] = await bot.say(hal, 'open');
      expect(rows(openAlone!)).to.deep.equal(rows(open!));
      const [offen] = await bot.say(hal, 'offen', DE);
      expect(rows(offen!)).to.deep.equal([`${third} · offen · Woodgrove Software`, `${second} · zugewiesen · Woodgrove Software`, `${first} · zugewiesen · Woodgrove Software`]);
      const [partnerOpen] = await bot.afterHello(dario, 'open');
      expect(partnerOpen!.all).to.not.contain('for the helpdesk team');
      expect(partnerOpen!.all).to.not.contain('C-0');
      expect(open!.cardTexts).to.include('opened Nov 24, 2026, 12:00 PM UTC by Dario Entwickler, with Gil Second');
      // The menu's buttons, and in German.
      const [pressed] = await bot.say(hal, { value: { action: 'cases.unassigned' } });
      expect(rows(pressed!)).to.deep.equal([`${third} · open · Woodgrove Software`]);
      const [de] = await bot.say(hal, 'mir zugewiesene Fälle', DE);
      expect(de!.cardTexts[0]).to.equal('Ihnen zugewiesen: 1');
      const [deUnassigned] = await bot.say(hal, 'nicht zugewiesene Fälle', DE);
      expect(deUnassigned!.cardTexts[0]).to.equal('Nicht zugewiesene Fälle: 1');
      // A row opens its case.
      // Each row is pressable: it opens its case.
      expect(open!.buttons.map((b) => b.title)).to.deep.equal([`Open ${third}`, `Open ${second}`, `Open ${first}`]);
      const row = open!.buttons.find((b) => b.title === `Open ${first}`)!;
      const [card] = await bot.say(hal, { value: row.data as Record<string, unknown> });
      expect(card!.cardTexts[0]).to.equal(`Case ${first}: assigned`);
      // Resolved, it is no longer the agent's open work.
      await bot.say(hal, { value: { action: 'case.resolve', caseId: first, note: 'Done' } });
      const [after] = await bot.say(hal, 'assigned to me');
      expect(after!.cardTexts).to.include('No open case is assigned to you. "unassigned cases" shows the ones nobody has taken.');
    });

    it('a partner\'s "my cases" lists only their own requests; partners get no helpdesk list', async () => {
      await setChannel();
      await escalate('Woodgrove needs help');
      const [own] = await bot.say(dario, 'my cases');
      expect(own!.cardTexts[0]).to.equal('Your requests to the helpdesk: 1');
      const [other] = await bot.afterHello(nils, 'my cases');
      expect(other!.cardTexts[0]).to.equal('Your requests to the helpdesk: 0');
      expect(other!.all).not.to.contain('Woodgrove');
      for (const query of ['unassigned cases', 'assigned to me', 'open cases']) {
        const [reply] = await bot.say(nils, query);
        expect(reply!.all, query).not.to.contain('Woodgrove');
      }
      const [refused] = await bot.say(nils, 'unassigned cases');
      expect(refused!.text).to.equal('Partner lookups, triage and the audit log are for the helpdesk team only.');
    });

    it('the audit reads in words with readable dates, one row per entry, in English and German', async () => {
      await setChannel();
      const id = await escalate('Our Azure link fails');
      await bot.say(hal, { value: { action: 'case.assign', caseId: id } }, HELPDESK);
      await bot.afterHello(hal, 'partner 4711002');
      await bot.say(hal, { value: { action: 'helpdesk.reveal', tenantId: DEMO_TENANTS.woodgrove } });
      const [en] = await bot.say(hal, 'audit 4711002');
      expect(en!.cardTexts[0]).to.equal('Audit log: 4711002');
      expect(en!.cardTexts).to.include.members([
        'Dario Entwickler asked for a person: case C-000001 (partner 4711002)',
        'Hal Helpdesk took case C-000001 (partner 4711002)',
        'Hal Helpdesk revealed the IDs (partner 4711002)',
        'Nov 24, 2026, 12:00 PM UTC',
      ]);
      expect(en!.all).not.to.match(/\bcase\.assigned\b|\bids\.reveal\b|\d{4}-\d{2}-\d{2}/);
      const [de] = await bot.say(hal, 'audit 4711002', DE);
      expect(de!.cardTexts).to.include.members(['Hal Helpdesk hat Fall C-000001 übernommen (Partner 4711002)', '24.11.2026, 12:00 UTC']);
      const [all] = await bot.say(hal, { value: { action: 'helpdesk.audit' } });
      expect(all!.cardTexts[0]).to.equal('Audit log: the newest entries');
      expect(all!.cardTexts).to.include('Hal Helpdesk set the helpdesk conversation');
    });
  });

  describe('one person\'s words reach another neutralised (issue 13)', () => {
    it('a partner\'s link and right-to-left override reach the agent defused: the posted card, the list, the case card', async () => {
      await setChannel();
      const id = await escalate(TRICKY);
      const posted = bot.messenger.sent.find((m) => m.conversationId === HELPDESK.conversationId)!;
      const postedTexts = cardTexts(posted.activity.attachments![0]!.content);
      expect(postedTexts).to.include(TRICKY_SHOWN);
      const [list] = await bot.afterHello(hal, 'open cases');
      expect(list!.cardTexts).to.include(TRICKY_SHOWN);
      const [card] = await bot.say(hal, `case ${id}`);
      expect(card!.cardTexts).to.include(TRICKY_SHOWN);
      for (const reply of [list!, card!]) {
        const json = JSON.stringify(reply.activity.attachments![0]!.content);
        expect(json).not.to.contain('\u202E').and.not.contain('](https').and.not.contain('https://evil');
      }
      expect(JSON.stringify(posted.activity.attachments![0]!.content)).not.to.contain('\u202E').and.not.contain('https://evil');
    });

    it('the agent\'s note reaches the partner defused, and the case history shows it so too', async () => {
      await setChannel();
      const id = await escalate('Our Azure link fails');
      await bot.say(hal, { value: { action: 'case.resolve', caseId: id, note: 'Fixed, see [docs](https://evil.example/x)\u200B\u202E now' } }, HELPDESK);
      const notice = bot.messenger.sent.filter((m) => m.conversationId === `a:${dario.aadObjectId}`).at(-1)!;
      expect(notice.activity.text).to.equal(`Your case ${id} was resolved by Hal Helpdesk: Fixed, see docs (https(:)//evil(.)example/x) now`);
      const [card] = await bot.afterHello(hal, `case ${id}`);
      expect(card!.cardTexts).to.include('Nov 24, 2026, 12:00 PM UTC, note by Hal Helpdesk: Fixed, see docs (https(:)//evil(.)example/x) now');
      expect(JSON.stringify(card!.activity.attachments![0]!.content)).not.to.contain('\u202E').and.not.contain('\u200B');
    });

    it('what an agent typed into "cases for ..." and "audit ..." is shown back defused', async () => {
      const [cases] = await bot.afterHello(hal, 'cases for https://evil.example/x', HELPDESK);
      expect(cases!.cardTexts).to.include('No cases for "https(:)//evil(.)example/x".');
      expect(cases!.all).not.to.contain('evil.example');
      const [audit] = await bot.say(hal, 'audit evil.com\u202E', HELPDESK);
      expect(audit!.text).to.equal('No audit entries for evil(.)com.');
    });
  });
});

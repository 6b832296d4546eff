import { expect } from 'chai';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { ana, dario, ema, nils, stranger } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type TestBot } from '../support/testBot.js';

describe('dialogs/tiersDialog: what support partners get (F1-F8, F17, F24)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
  });
  afterEach(() => bot.close());

  async function tiers(who = ana, text = 'what support do partners get?', locale = 'en-US') {
    const replies = await bot.afterHello(who, text, { locale }); // after the first-contact welcome card
    expect(replies).to.have.length(1);
    return replies[0]!;
  }

  it('shows the general table in English: every offer, both kinds of support, the cloud competencies', async () => {
    const card = await tiers(stranger);
    expect(card.cardTexts).to.include.members(['Technical support benefits by membership', 'Action Pack', 'Silver', 'Gold']);
    expect(card.cardTexts).to.include.members(['10 incidents', '15 incidents', '20 incidents']); // F1-F3
    expect(card.cardTexts).to.include.members(['5 incidents', 'unlimited incidents', 'not included']); // F4, F5, F7
    expect(card.all).to.contain('Cloud Platform').and.contain('Small and Midmarket Cloud Solutions'); // F8
    expect(card.all).to.contain('troubleshooting a specific problem'); // F24
    expect(card.all).to.contain('I cannot tell which partner organization you belong to');
  });

  it("adds the user's own organization and the reason (Gold in Cloud Platform)", async () => {
    const card = await tiers(ana, 'how many incidents do we have?');
    expect(card.cardTexts).to.include('What Contoso Cloud Services gets today');
    expect(card.cardTexts).to.include('Microsoft Product Support (on-premises): 20 incidents'); // F3
    expect(card.cardTexts).to.include('Signature Cloud Support (cloud): unlimited incidents'); // F4
    expect(card.cardTexts).to.include('because of Gold in Cloud Platform');
  });

  it('answers in German for a German locale ("was bekommen wir?")', async () => {
    const card = await tiers(ana, 'was bekommen wir?', 'de-DE');
    expect(card.cardTexts).to.include('Technische Support-Vorteile nach Mitgliedschaft');
    expect(card.cardTexts).to.include('Das bekommt Contoso Cloud Services heute');
    expect(card.cardTexts).to.include('Microsoft Product Support (lokal installierte Produkte): 20 Incidents');
    expect(card.cardTexts).to.include('wegen Gold in Cloud Platform');
    expect(card.all).to.not.contain('incidents');
  });

  it('Silver with only other competencies: 15 product incidents and a 5-pack of cloud support (F2, F5)', async () => {
    const card = await tiers(dario);
    expect(card.cardTexts).to.include('Microsoft Product Support (on-premises): 15 incidents');
    expect(card.cardTexts).to.include('Signature Cloud Support (cloud): 5 incidents');
    expect(card.cardTexts).to.include('because of Silver in Application Development');
  });

  it('Action Pack: 10 product incidents and no cloud support (F1, F7)', async () => {
    const card = await tiers(ema, 'Welche Vorteile haben wir?', 'de-DE');
    expect(card.cardTexts).to.include('Microsoft Product Support (lokal installierte Produkte): 10 Incidents');
    expect(card.all).to.contain('nicht enthalten, denn das Action Pack umfasst keinen Cloud-Support');
  });

  it('an organization whose membership lapsed gets nothing today (F11)', async () => {
    const card = await tiers(nils);
    expect(card.all).to.contain('Northwind Traders has no active membership today');
    expect(card.all).to.not.contain('Microsoft Product Support (on-premises): ');
  });
});

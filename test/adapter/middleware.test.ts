import { expect } from 'chai';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import { ana } from '../support/demoPeople.js';
import { createTestBot, TEST_TODAY, type TestBot } from '../support/testBot.js';

describe('adapter/middleware: redeliveries and concurrent turns', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot(demoDirectory(TEST_TODAY));
    await bot.say(ana, 'hi');
  });
  afterEach(() => bot.close());

  it('answers a redelivered activity (same id) only once', async () => {
    const message = bot.message(ana, 'what support do partners get?', { id: 'teams-msg-1' });
    expect(await bot.send(message)).to.have.length(1);
    expect(await bot.send({ ...message })).to.deep.equal([]);
  });

  it('a double click on "Activate" activates once and shows the same IDs twice', async () => {
    await bot.say(ana, 'activate');
    const confirm = (id: string) => bot.message(ana, { value: { action: 'activation.confirm' } }, { id });
    const replies = await bot.sendConcurrently([confirm('click-1'), confirm('click-2')]);
    const org = await bot.organization(DEMO_TENANTS.contoso);
    expect(org.benefits).to.have.length(2);
    expect(replies.map((r) => r.cardTexts[0])).to.have.members([
      'Done: the benefits of Contoso Cloud Services are active',
      'The benefits of Contoso Cloud Services are already active',
    ]);
    for (const reply of replies) for (const b of org.benefits) expect(reply.cardTexts).to.include(b.accessId);
  });
});

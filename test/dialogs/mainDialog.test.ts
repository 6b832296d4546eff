/**
 * The router built from the flows' registrations (dialogs/flow.ts): every card button reaches a
 * flow, and a verb cannot be claimed twice.
 */
import { expect } from 'chai';
import { createMainDialog } from '../../src/app.js';
import { CardRenderer } from '../../src/cards/renderer.js';
import { verbTable } from '../../src/dialogs/mainDialog.js';
import { CardSender } from '../../src/dialogs/turn.js';
import { createLogger } from '../../src/logger.js';
import { fixedClock } from '../../src/clock.js';
import { CardAction } from '../../src/views/actions.js';
import { demoDirectory } from '../../src/demo/demoDirectory.js';
import { openTestDataDir, RecordedMessenger, TEST_TODAY } from '../support/testBot.js';

describe('dialogs/mainDialog: the router built from the flows', () => {
  it('every card button has a request, and the Action.Execute verbs are the registered ones', async () => {
    const data = await openTestDataDir(demoDirectory(TEST_TODAY));
    try {
      const main = createMainDialog({ stores: data.stores, clock: fixedClock(TEST_TODAY), logger: createLogger('silent'), cards: new CardSender(new CardRenderer()), messenger: new RecordedMessenger() });
      const missing = Object.values(CardAction).filter((verb) => main.verbs[verb] === undefined);
      expect(missing).to.deep.equal([]);
      // Universal Actions come from the same registrations: the activation card, and nothing else.
      const executed = Object.values(CardAction).filter((verb) => main.executeCardFor(verb) !== undefined);
      expect(executed).to.have.members([CardAction.activationRefresh, CardAction.activationConfirm, CardAction.activationCancel]);
    } finally {
      await data.close();
    }
  });

  it('refuses a card verb that two flows register', () => {
    const flow = { dialogs: [], verbs: { [CardAction.ids]: 'ids' as const }, starts: {} };
    expect(() => verbTable([flow, flow])).to.throw('The card verb "ids" is registered by two flows.');
  });
});

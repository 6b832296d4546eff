/**
 * The case card as the terminal chat (and Teams) reads it: "Assign to me" sends no note, so the chat
 * does not ask for one (it swallowed the agent's next command as the note); "Resolve" sends the note.
 */
import { expect } from 'chai';
import { cardButtons } from '../../src/cli/chatSupport.js';
import { CardRenderer } from '../../src/cards/renderer.js';
import { caseView } from '../../src/views/helpdeskViews.js';
import type { HelpdeskCase } from '../../src/store/types.js';

const partner = { aadObjectId: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b04', name: 'Dario Entwickler' };
const openCase: HelpdeskCase = {
  id: 'C-000001',
  origin: 'escalation',
  category: 'escalation',
  summary: 'Our cloud 5-pack shows already associated',
  status: 'open',
  createdBy: partner,
  createdAt: '2026-12-03T13:17:00.000Z',
  notes: [],
  history: [{ at: '2026-12-03T13:17:00.000Z', by: partner, event: 'created' }],
};

describe('terminal chat: the case card asks for the note only where it is used', () => {
  const renderer = new CardRenderer();
  for (const lang of ['en', 'de'] as const) {
    it(`${lang}: "Assign to me" asks for nothing, "Resolve" asks for the note`, () => {
      const view = caseView(lang, openCase, 'UTC');
      const buttons = cardButtons(renderer.render(view.template, view.data));
      const [assign, resolve] = buttons;
      expect(buttons.map((b) => b.title)).to.deep.equal(lang === 'en' ? ['Assign to me', 'Resolve'] : ['Mir zuweisen', 'Lösen']);
      expect(assign!.inputs, 'assign sends no field').to.deep.equal([]);
      expect(resolve!.inputs.map((i) => i.id)).to.deep.equal(['note']);
    });
  }
});

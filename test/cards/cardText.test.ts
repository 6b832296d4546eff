import { expect } from 'chai';
import { cardActions, cardTexts } from '../../src/cards/cardText.js';

const card = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Hello \\*\\*Ana\\*\\*' },
    { type: 'RichTextBlock', inlines: ['plain ', { type: 'TextRun', text: 'run' }] },
    { type: 'FactSet', facts: [{ title: 'Tier', value: 'Gold' }] },
    {
      type: 'Container',
      selectAction: { type: 'Action.OpenUrl', url: 'https://learn.microsoft.com/' },
      items: [
        { type: 'Input.Text', id: 'q', label: 'Question', placeholder: 'Type here' },
        { type: 'Input.ChoiceSet', id: 'c', label: 'Product', choices: [{ title: 'Azure', value: 'azure' }] },
        { type: 'Input.Toggle', id: 't', title: 'Agree' },
        { type: 'Image', url: 'https://x.test/a.png', altText: 'not collected' },
        { type: 'TextBlock', text: 'hidden fallback', fallback: { type: 'TextBlock', text: 'never shown' } },
      ],
    },
    { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Run', verb: 'run', data: { action: 'run' } }] },
  ],
  actions: [
    { type: 'Action.Submit', title: 'OK', data: { action: 'ok', type: 'TextBlock', text: 'payload, not visible' } },
    {
      type: 'Action.ShowCard',
      title: 'More',
      card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Inside' }], actions: [{ type: 'Action.Submit', title: 'Inner', data: { action: 'inner' } }] },
    },
  ],
};

describe('test/support/cardText', () => {
  it('cardTexts collects the visible strings in document order', () => {
    expect(cardTexts(card)).to.deep.equal([
      'Hello \\*\\*Ana\\*\\*',
      'plain ',
      'run',
      'Tier',
      'Gold',
      'Question',
      'Type here',
      'Product',
      'Azure',
      'Agree',
      'hidden fallback',
      'Run',
      'OK',
      'More',
      'Inside',
      'Inner',
    ]);
  });

  it('cardTexts can undo the Markdown escaping', () => {
    expect(cardTexts(card, { unescape: true })[0]).to.equal('Hello **Ana**');
  });

  it('cardActions lists every action with its payload', () => {
    expect(cardActions(card)).to.deep.equal([
      { type: 'Action.OpenUrl', title: '', url: 'https://learn.microsoft.com/' },
      { type: 'Action.Execute', title: 'Run', verb: 'run', data: { action: 'run' } },
      { type: 'Action.Submit', title: 'OK', data: { action: 'ok', type: 'TextBlock', text: 'payload, not visible' } },
      { type: 'Action.ShowCard', title: 'More' },
      { type: 'Action.Submit', title: 'Inner', data: { action: 'inner' } },
    ]);
  });

  it('tolerates non-card input', () => {
    expect(cardTexts(null)).to.deep.equal([]);
    expect(cardActions('x')).to.deep.equal([]);
  });
});

import { expect } from 'chai';
import { redactQuestion } from '../../src/knowledge/redact.js';

describe('knowledge/redact: unanswered questions are kept without personal or secret parts', () => {
  const rows: [string, string][] = [
    [
      'Our customer Fabrikam (anna.schmidt@fabrikam.example, +49 171 1234567) cannot open a case',
      'Our customer Fabrikam ([email], [number]) cannot open a case',
    ],
    ['is 1bd89069-5c1e-4e0a-9a8e-3f2b7c6d5e4f with contract 1327884757 still valid?', 'is [id] with contract [number] still valid?'],
    ['see https://portal.azure.com/#blade/x?tenant=abc for the error', 'see [link] for the error'],
    ['case 2611230040001234 and SR 123-456-789', 'case [number] and SR [number]'],
    ['Gold 20 incidents in 2026?', 'Gold 20 incidents in 2026?'],
    ['mail jürgen.müller@contoso.de please', 'mail [email] please'],
    ['Wie viele Incidents bekommt Silber?', 'Wie viele Incidents bekommt Silber?'],
  ];
  for (const [input, expected] of rows) {
    it(`"${input}"`, () => expect(redactQuestion(input)).to.equal(expected));
  }
});

describe('knowledge/redact: long messages', () => {
  it('keeps at most the asked length, and drops a secret cut at the end of what it reads rather than keeping part of it', () => {
    const filler = 'word '.repeat(118); // 590 characters
    const question = redactQuestion(`${filler}anna.schmidt@fabrikam.example and more`, 300);
    expect(question).to.have.length(300);
    // The first 600 characters are read: 29 links (580 characters, 203 once redacted), then the
    // first 20 of the address. Its part "anna.schmidt@fabrika" is no address any more, and would
    // land within the 300 characters kept.
    const links = 'https://x.example/a '.repeat(29);
    const text = `${links}anna.schmidt@fabrikam.example please`;
    expect(text.slice(0, 600).endsWith('anna.schmidt@fabrika')).to.equal(true);
    expect(redactQuestion(text, 300)).to.equal(`${'[link] '.repeat(28)}[link]`);
  });

  it('leaves a 28,000-letter word alone, and still finds an address with an over-long local part', () => {
    // (The e-mail pattern's bounds keep this linear: npm run bench -- --only input.)
    expect(redactQuestion('x'.repeat(28_000))).to.equal('x'.repeat(28_000));
    expect(redactQuestion(`${'x'.repeat(100)}@fabrikam.example`)).to.equal(`${'x'.repeat(100)}@fabrikam.example`.replace(/x{64}@fabrikam\.example$/, '[email]'));
  });
});

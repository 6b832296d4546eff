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
    ['Wie viele Incidents bekommt Silber?', 'Wie viele Incidents bekommt Silber?'],
  ];
  for (const [input, expected] of rows) {
    it(`"${input}"`, () => expect(redactQuestion(input)).to.equal(expected));
  }
});

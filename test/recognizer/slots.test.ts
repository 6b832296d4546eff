import { expect } from 'chai';
import { normalize } from '../../src/recognizer/recognizer.js';
import { associatedSlots, type AssociatedSlots } from '../../src/recognizer/slots.js';

const ERROR = 'This Access ID is already associated with an account. Contact your Technical Account Manager to get a new Access ID.';
const FEHLER = 'Diese Zugriffs-ID ist bereits einem Konto zugeordnet. Wenden Sie sich an Ihren Technischen Konto-Manager, um eine neue Zugriffs-ID zu erhalten.';

describe('recognizer/slots: what a message says about the "already associated" error', () => {
  const rows: [string, AssociatedSlots][] = [
    [ERROR, {}],
    [FEHLER, {}],
    // The error's own "associated" / "zugeordnet" is not "we linked it before".
    ['access id already associated??', {}],
    [`${ERROR} We linked it last month for on-prem cases.`, { linkedBefore: true }],
    [`${FEHLER} Den Vertrag hatte ich vorher schon für lokalen Support verknüpft.`, { linkedBefore: true }],
    [`${ERROR} Our Signature 5-pack is used up.`, { invalid: 'usedUp' }],
    [`${FEHLER} Unser 10er-Paket ist leer.`, { invalid: 'usedUp' }],
    ['contract expired and now azure says access id already associated', { invalid: 'expired' }],
    // Expired wins over "linked before": scenario 2 is what needs acting on.
    ['we linked it before but the contract has expired since', { invalid: 'expired' }],
    [`${ERROR} It is for a CSP customer's tenant.`, { whose: 'csp' }],
    [`${FEHLER} Ist für einen Kunden im CSP.`, { whose: 'csp' }],
    [`${ERROR} For our own subscription.`, { whose: 'own' }],
  ];
  for (const [text, expected] of rows) {
    it(`"${text.slice(-60)}"`, () => expect(associatedSlots(normalize(text))).to.deep.equal(expected));
  }
});

describe('recognizer/slots: a denied fact is no fact', () => {
  const rows: [string, AssociatedSlots][] = [
    [`${ERROR} The contract has not expired.`, {}],
    [`${FEHLER} Der Vertrag ist nicht abgelaufen.`, {}],
    [`${ERROR} We have not used it before.`, {}],
    [`${ERROR} we have never linked it before`, {}],
    [`${FEHLER} wir haben es noch nie zuvor eingetragen`, {}],
    [`${ERROR} we already used all incidents`, { invalid: 'usedUp' }],
    [`${ERROR} we are not a CSP partner, it's for our own subscription`, { whose: 'own' }],
    [`${ERROR} it's for a customer`, {}],
  ];
  for (const [text, expected] of rows) {
    it(`"${text.slice(-55)}"`, () => expect(associatedSlots(normalize(text))).to.deep.equal(expected));
  }
});

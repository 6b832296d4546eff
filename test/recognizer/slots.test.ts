import { expect } from 'chai';
import { normalize } from '../../src/recognizer/recognizer.js';
import { associatedSlots, concernOf, entitlementSlots, type AssociatedSlots, type EntitlementSlots } from '../../src/recognizer/slots.js';

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
    // Other ways people say they added the contract before (scenario 1, F20) ...
    [`${ERROR} We entered this contract months ago when we opened a Windows Server case.`, { linkedBefore: true }],
    [`${ERROR} I think I put these IDs into Support for Business last year.`, { linkedBefore: true }],
    [`${ERROR} the contract is already in my account from an earlier on-premises request`, { linkedBefore: true }],
    [`${FEHLER} Ich habe die IDs letztes Jahr schon für einen Exchange-Fall benutzt.`, { linkedBefore: true }],
    [`${FEHLER} Den Vertrag habe ich früher mal in Support for Business hinterlegt.`, { linkedBefore: true }],
    [`${FEHLER} Wir hatten den Vertrag schon mal mit meinem Konto verbunden.`, { linkedBefore: true }],
    // ... that it ended or is used up (scenario 2, F21)
    [`${ERROR} Our contract ended in March.`, { invalid: 'expired' }],
    [`${ERROR} the contract is over, it ran until last month`, { invalid: 'expired' }],
    [`${FEHLER} Unser Vertrag ist seit Oktober vorbei.`, { invalid: 'expired' }],
    [`${FEHLER} Der Vertrag ist nicht mehr aktiv.`, { invalid: 'expired' }],
    [`${FEHLER} Die Laufzeit ist zu Ende.`, { invalid: 'expired' }],
    [`${ERROR} We have used all 10 cloud incidents.`, { invalid: 'usedUp' }],
    [`${ERROR} We already used the 5 incidents.`, { invalid: 'usedUp' }],
    [`${ERROR} there are 0 incidents left on the signature contract`, { invalid: 'usedUp' }],
    [`${ERROR} our 5 cloud incidents are all gone`, { invalid: 'usedUp' }],
    [`${ERROR} The Signature contract is out of incidents.`, { invalid: 'usedUp' }],
    [`${FEHLER} Es sind keine Incidents mehr übrig.`, { invalid: 'usedUp' }],
    [`${ERROR} We've burned through our 10 Signature cases.`, { invalid: 'usedUp' }],
    ['What happens when our Signature Cloud Support incidents run out?', { invalid: 'usedUp' }],
    ['Wenn unser Supportvertrag abläuft, wie kommen wir zu Azure-Supportfällen?', { invalid: 'expired' }],
    [`${ERROR} yeah we added that contract in Support for Business a while back`, { linkedBefore: true }],
    ['We have the 10 cloud incidents. Once those are gone, can we still open Azure cases?', { invalid: 'usedUp' }],
    ['Was tun, sobald die alle aufgebraucht sind?', { invalid: 'usedUp' }],
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
    // Entering the IDs now, or having used some incidents, says nothing about the scenario.
    [`${ERROR} I entered the IDs for a new Azure case just now`, {}],
    [`${ERROR} we have used 3 of our 10 incidents`, {}],
    [`${FEHLER} Der Vertrag ist noch gültig und wir haben noch Incidents.`, {}],
    [`${FEHLER} Ich habe die IDs gerade zum ersten Mal eingegeben.`, {}],
  ];
  for (const [text, expected] of rows) {
    it(`"${text.slice(-55)}"`, () => expect(associatedSlots(normalize(text))).to.deep.equal(expected));
  }
});

describe('recognizer/slots: what a support request concerns (concernOf)', () => {
  const rows: [string, string | undefined][] = [
    ['our exchange 2019 box wont start the transport service', 'onPremises'],
    ['The Microsoft Exchange Transport service terminated unexpectedly', 'onPremises'],
    ['SharePoint 2016 farm is down', 'onPremises'],
    ['Hyper-V Cluster startet nicht', 'onPremises'],
    ['Active Directory replication fails', 'onPremises'],
    ['IIS gibt 500 zurück', 'onPremises'],
    ['exchange online mail flow broken', 'cloud'],
    ['unser 10er-Paket ist leer, was nun?', 'cloud'],
    ["Azure SQL keeps throwing 'Execution Timeout Expired' on our own database", 'cloud'],
    ['Unser Azure App Service wirft seit dem letzten Deployment nur noch HTTP-500-Fehler', 'cloud'],
    ['Technical Presales and Deployment Services for a customer demo', 'presales'],
    ['our Signature 5-pack is used up', 'cloud'],
    ['our 10 pack is used up', 'cloud'],
    ['exchange problem', undefined],
  ];
  for (const [text, concern] of rows) {
    it(`"${text}" -> ${concern ?? 'not said'}`, () => expect(concernOf(normalize(text))).to.equal(concern));
  }
});

describe('recognizer/slots: what a question about the entitlement table says (entitlementSlots, F1-F8)', () => {
  const rows: [string, EntitlementSlots][] = [
    ['A partner is Silver in Data Platform only, nothing cloud. How many Azure cases do they get under Signature Cloud Support?', { asksCount: true, level: 'silver', competency: 'nonCloud', benefit: 'cloud' }],
    ['Ein Gold-Partner hat nur Kompetenzen, die nicht zu den Cloud-Kompetenzen gehören. Wie viele Signature-Cloud-Fälle stehen ihm zu?', { asksCount: true, level: 'gold', competency: 'nonCloud', benefit: 'cloud' }],
    ['Our Gold competencies are Datacenter and Collaboration and Content. How many Signature Cloud incidents does a partner like that get?', { asksCount: true, level: 'gold', competency: 'nonCloud', benefit: 'cloud' }],
    ['Wie viele Cloud-Incidents bekommen Partner mit einer Cloud-Kompetenz wirklich?', { asksCount: true, competency: 'cloud', benefit: 'cloud' }],
    ['We hold Cloud Platform. Is Signature capped?', { asksCount: true, competency: 'cloud', benefit: 'cloud' }],
    ['how many product support incidents does silver get', { asksCount: true, level: 'silver', benefit: 'onPremises' }],
    // two levels: which one is meant is not said
    ['If we dropped from Gold to Silver, how many incidents?', { asksCount: true }],
    ['what is Signature Cloud Support?', { asksCount: false, benefit: 'cloud' }],
    ['Welche Cloud Competencies zählen für den unlimited Support?', { asksCount: true, asksWhichCompetencies: true, competency: 'cloud' }],
    ['Er hat eine Silber-Kompetenz, aber keine davon ist eine Cloud-Kompetenz. Wie viele Signature-Cloud-Support-Fälle bekommt er?', { asksCount: true, level: 'silver', competency: 'nonCloud', benefit: 'cloud' }],
    ["What's the Signature Cloud Support Kontingent for Silver partners mit nur non-cloud competencies?", { asksCount: true, level: 'silver', competency: 'nonCloud', benefit: 'cloud' }],
    ['What partner level do we need to be eligible for Signature Cloud Support?', { asksCount: false, asksWhoQualifies: true, benefit: 'cloud' }],
    ['Which competency would we need to earn to count as a cloud partner?', { asksCount: false, asksWhichCompetencies: true }],
    ['is Security a cloud competency?', { asksCount: false, asksWhichCompetencies: true, competency: 'cloud' }],
    ['how many incidents are in the 10 pack?', { asksCount: true, level: 'gold', competency: 'nonCloud', benefit: 'cloud' }],
    ['Welche Cloud-Kompetenzen zählen?', { asksCount: false, asksWhichCompetencies: true, competency: 'cloud' }],
    ['What does a cloud competency give us?', { asksCount: false, competency: 'cloud' }],
    ['zählt Security als Cloud-Kompetenz', { asksCount: false, asksWhichCompetencies: true, competency: 'cloud' }],
    ['Silver Data Analytics is not one of the cloud ones. How many Signature Cloud Support incidents are available?', { asksCount: true, level: 'silver', competency: 'nonCloud', benefit: 'cloud' }],
    ['Er möchte Signature Cloud Support für Azure nutzen. Braucht er dafür Silber oder Gold?', { asksCount: false, asksWhoQualifies: true, benefit: 'cloud' }],
    ['Was würde sich mit Cloud Business Applications beim Cloud-Support für uns ändern?', { asksCount: true, competency: 'cloud', benefit: 'cloud' }],
  ];
  for (const [text, expected] of rows) {
    it(`"${text.slice(0, 70)}"`, () => expect(entitlementSlots(normalize(text))).to.deep.equal(expected));
  }
});

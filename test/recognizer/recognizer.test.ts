import { expect } from 'chai';
import { normalize, recognize, PRECEDENCE, type Intent } from '../../src/recognizer/recognizer.js';

type Row = readonly [text: string, intent: Intent];

/** English rows, as people type them in Teams. */
const ENGLISH: readonly Row[] = [
  // tiers (F1-F8)
  ['what support do partners get?', 'tiers'],
  ['how many incidents do we have?', 'tiers'],
  ['what are we entitled to', 'tiers'],
  ['show the tiers', 'tiers'],
  ["What's included in Gold?", 'tiers'],
  ['Signature Cloud Support', 'tiers'],
  ['entitlements', 'tiers'],
  ['benefits overview', 'tiers'],
  ['whats the difference between silver and gold', 'tiers'],
  ['do we get signature cloud support with action pack', 'tiers'],
  ['how many incidnets do we get', 'tiers'],
  ['what do we get as a gold partner', 'tiers'],
  // activate (F25)
  ['activate', 'activate'],
  ['activate our support benefits', 'activate'],
  ['please activate', 'activate'],
  ['I want to activate', 'activate'],
  ['activte the benefits pls', 'activate'],
  ['how can I activate our benefits?', 'activate'],
  ['can you activate it for us', 'activate'],
  ['Activation please', 'activate'],
  // roleCheck (F9, F10)
  ['can I activate?', 'roleCheck'],
  ['am I allowed to activate', 'roleCheck'],
  ['who can activate?', 'roleCheck'],
  ['who are our admins', 'roleCheck'],
  ['check my role', 'roleCheck'],
  ['which role do I need', 'roleCheck'],
  ['why cant I activate', 'roleCheck'],
  ['You are not authorized to perform this action', 'roleCheck'],
  ['check my account pls', 'roleCheck'],
  ['am i a global admin?', 'roleCheck'],
  // ids (F12-F14)
  ['what is our access id', 'ids'],
  ['contract id?', 'ids'],
  ['show me the IDs', 'ids'],
  ['accessid', 'ids'],
  ['access-id and contract-id', 'ids'],
  ['hi, what is our access id?', 'ids'],
  ['hi what is our contract id', 'ids'],
  ['contarct id', 'ids'],
  ['where do i find the acess id after activation', 'ids'],
  // help
  ['help', 'help'],
  ['what can you do', 'help'],
  ['menu', 'help'],
  ['?', 'help'],
  ['commands', 'help'],
  ['Help!!', 'help'],
  ['can you help me?', 'help'],
  // cancel
  ['cancel', 'cancel'],
  ['stop', 'cancel'],
  ['quit', 'cancel'],
  ['never mind', 'cancel'],
  ['cancel the activation', 'cancel'],
  ['Cancel.', 'cancel'],
  // startOver
  ['start over', 'startOver'],
  ['restart', 'startOver'],
  ['reset', 'startOver'],
  ["let's start over", 'startOver'],
  ['restart the conversation', 'startOver'],
  // greeting
  ['hi', 'greeting'],
  ['hello', 'greeting'],
  ['hey there', 'greeting'],
  ['good morning', 'greeting'],
  ['Hi bot!', 'greeting'],
  // confirmYes / confirmNo
  ['yes', 'confirmYes'],
  ['yep', 'confirmYes'],
  ['sure', 'confirmYes'],
  ['confirm', 'confirmYes'],
  ['ok', 'confirmYes'],
  ['okay', 'confirmYes'],
  ['do it', 'confirmYes'],
  ['Yes please', 'confirmYes'],
  ['no', 'confirmNo'],
  ['nope', 'confirmNo'],
  ['not now', 'confirmNo'],
  ['no thanks', 'confirmNo'],
  ["don't activate", 'confirmNo'],
  // none
  ["what's the weather", 'none'],
  ['reset my password', 'none'],
  ['asdf', 'none'],
  ['', 'none'],
  ['restart the server', 'none'],
  ['how many incidents are left', 'none'],
  ['my outlook keeps crashing', 'none'],
  ['thanks', 'none'],
  ['not sure', 'none'],
];

/** German rows, including missing umlauts, typos and German/English mixes. */
const GERMAN: readonly Row[] = [
  // tiers
  ['was bekommen wir?', 'tiers'],
  ['Welche Vorteile haben wir?', 'tiers'],
  ['Wie viele Incidents stehen uns zu?', 'tiers'],
  ['Wie viele incidents haben wir', 'tiers'],
  ['Unterschied Silver Gold', 'tiers'],
  ['Leistungsstufen', 'tiers'],
  ['Was ist in Gold enthalten?', 'tiers'],
  ['was ist signature cloud support', 'tiers'],
  ['welche vorteille gibt es fuer silber partner', 'tiers'],
  ['Worauf haben wir Anspruch?', 'tiers'],
  ['wieviele supportfälle bekommen wir mit action pack', 'tiers'],
  // activate
  ['Vorteile aktivieren', 'activate'],
  ['aktiviere die Supportvorteile', 'activate'],
  ['freischalten', 'activate'],
  ['bitte aktiviern', 'activate'],
  ['Ich möchte unsere Vorteile aktivieren', 'activate'],
  ['wie kann ich die vorteile aktivieren', 'activate'],
  ['Supportvorteile freischalten bitte', 'activate'],
  ['Aktivierung starten', 'activate'],
  // roleCheck
  ['darf ich aktivieren?', 'roleCheck'],
  ['wer darf aktivieren', 'roleCheck'],
  ['wer ist bei uns Admin', 'roleCheck'],
  ['meine Rolle prüfen', 'roleCheck'],
  ['meine rolle pruefen', 'roleCheck'],
  ['Welche Rolle brauche ich?', 'roleCheck'],
  ['kann ich die Vorteile aktivieren?', 'roleCheck'],
  ['Bin ich berechtigt?', 'roleCheck'],
  ['ich kann die vorteile nicht aktivieren', 'roleCheck'],
  ['Sie sind nicht für diese Aktion autorisiert', 'roleCheck'],
  ['Konto überprüfen', 'roleCheck'],
  // ids
  ['Zugriffs-ID', 'ids'],
  ['Zugriffs ID', 'ids'],
  ['Vertrags-ID', 'ids'],
  ['Vertragsnummer', 'ids'],
  ['wie lautet unsere Access ID', 'ids'],
  ['Wo finde ich die Vertrags ID?', 'ids'],
  ['zugrifs-id und vertragsid bitte', 'ids'],
  ['Hallo, wie ist unsere Zugriffs-ID?', 'ids'],
  ['zeig mir die IDs', 'ids'],
  // help
  ['hilfe', 'help'],
  ['was kannst du', 'help'],
  ['Menü', 'help'],
  ['menue', 'help'],
  ['optionen', 'help'],
  ['Hallo, was kannst du alles?', 'help'],
  ['kannst du mir helfen', 'help'],
  ['Hilfe bitte!', 'help'],
  // cancel
  ['abbrechen', 'cancel'],
  ['stopp', 'cancel'],
  ['vergiss es', 'cancel'],
  ['Abbruch', 'cancel'],
  ['Aktivierung abbrechen', 'cancel'],
  ['abrechen bitte', 'cancel'],
  // startOver
  ['von vorne', 'startOver'],
  ['neu starten', 'startOver'],
  ['Neustart', 'startOver'],
  ['nochmal von vorn', 'startOver'],
  ['lass uns von vorne anfangen', 'startOver'],
  ['Gespräch zurücksetzen', 'startOver'],
  // greeting
  ['hallo', 'greeting'],
  ['guten Morgen', 'greeting'],
  ['moin', 'greeting'],
  ['servus', 'greeting'],
  ['Hallo zusammen!', 'greeting'],
  ['Grüß Gott', 'greeting'],
  ['Moin moin', 'greeting'],
  // confirmYes / confirmNo
  ['ja', 'confirmYes'],
  ['jawohl', 'confirmYes'],
  ['bestätigen', 'confirmYes'],
  ['bestaetigen', 'confirmYes'],
  ['mach das', 'confirmYes'],
  ['Ja, gerne', 'confirmYes'],
  ['ja bitte', 'confirmYes'],
  ['klar', 'confirmYes'],
  ['nein', 'confirmNo'],
  ['lieber nicht', 'confirmNo'],
  ['nein danke', 'confirmNo'],
  ['noch nicht', 'confirmNo'],
  ['bitte nicht aktivieren', 'confirmNo'],
  ['nö', 'confirmNo'],
  // none
  ['wie ist das Wetter', 'none'],
  ['Passwort zurücksetzen', 'none'],
  ['Outlook stürzt ständig ab', 'none'],
  ['danke', 'none'],
  ['Wie viele Incidents haben wir noch übrig?', 'none'],
  ['Rechner neu starten', 'none'],
  ['kannst du mir einen Witz erzählen', 'none'],
];

describe('recognizer: recognize()', () => {
  describe('English', () => {
    for (const [text, intent] of ENGLISH) {
      it(`${JSON.stringify(text)} -> ${intent}`, () => {
        expect(recognize(text).intent).to.equal(intent);
      });
    }
  });

  describe('German', () => {
    for (const [text, intent] of GERMAN) {
      it(`${JSON.stringify(text)} -> ${intent}`, () => {
        expect(recognize(text).intent).to.equal(intent);
      });
    }
  });

  describe('Teams artifacts', () => {
    it('strips a leftover <at> mention before recognizing', () => {
      expect(recognize('<at>Partner Support</at> what is our access id').intent).to.equal('ids');
    });

    it('a message that is only a mention is none', () => {
      expect(recognize('<at>Partner Support</at>').intent).to.equal('none');
    });

    it('returns the normalized text alongside the intent', () => {
      expect(recognize('  Zugriffs-ID?? ')).to.deep.equal({ intent: 'ids', normalized: 'zugriffs-id' });
    });
  });

  describe('precedence', () => {
    it('lists interruptions first, roleCheck before activate, short replies last', () => {
      expect(PRECEDENCE).to.deep.equal([
        'cancel', 'startOver', 'help', 'roleCheck', 'ids', 'activate', 'tiers',
        'greeting', 'confirmYes', 'confirmNo', 'none',
      ]);
    });
  });
});

describe('recognizer: normalize()', () => {
  const rows: readonly (readonly [string, string])[] = [
    ['Über die Zugriffs-ID', 'ueber die zugriffs-id'],
    ['Größe & Maße!', 'groesse masse'],
    ['  Hello,   WORLD?! ', 'hello world'],
    ["What's our Access-ID?", "what's our access-id"],
    ['<at>Bot</at>   Hilfe', 'hilfe'],
    ['- hi -', 'hi'],
    ['Café', 'cafe'],
    ['Mu\u0308ller', 'mueller'],
    ['', ''],
  ];
  for (const [input, expected] of rows) {
    it(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
      expect(normalize(input)).to.equal(expected);
    });
  }
});

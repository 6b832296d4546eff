import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KnowledgeBase, loadKnowledgeBase, type KbEntry } from '../../src/knowledge/knowledgeBase.js';
import { Analyzer, confidenceOf, MAX_QUERY_WORDS, MAX_WORD_LENGTH, normalizeText } from '../../src/knowledge/search.js';

/** A valid entry with a few neutral texts; tests override what they need. */
function entry(id: string, over: Partial<KbEntry> = {}): KbEntry {
  return {
    id,
    facts: ['F1'],
    section: { en: 'Section', de: 'Abschnitt' },
    title: { en: `Title ${id}`, de: `Titel ${id}` },
    answer: { en: 'An answer.', de: 'Eine Antwort.' },
    phrasings: { en: ['one', 'two', 'three', 'four', 'five', 'six'], de: ['eins', 'zwei', 'drei', 'vier', 'fuenf', 'sechs'] },
    followUps: [],
    ...over,
  };
}

/** A miniature knowledge base in the shape of the real one, so behaviour does not hinge on entries.json. */
const fixture: KbEntry[] = [
  entry('who-may-activate', {
    title: { en: 'Who may activate the benefits?', de: 'Wer darf die Vorteile aktivieren?' },
    answer: { en: 'Only a Global admin or an MPN partner admin may activate them.', de: 'Nur ein globaler Administrator oder ein MPN-Partneradministrator darf sie aktivieren.' },
    phrasings: {
      en: ['who can activate our support benefits', 'which role is needed to activate', 'activation permissions', 'can I activate the benefits myself'],
      de: ['wer darf die Supportvorteile aktivieren', 'welche Rolle braucht man zum Aktivieren', 'Berechtigung für die Aktivierung', 'kann ich die Vorteile selbst freischalten'],
    },
  }),
  entry('ids-who-sees', {
    title: { en: 'Who sees the Access ID and Contract ID?', de: 'Wer sieht Zugriffs-ID und Vertrags-ID?' },
    answer: { en: 'After activation every user of the organization sees both IDs.', de: 'Nach der Aktivierung sehen alle Benutzer der Organisation beide IDs.' },
    phrasings: {
      en: ['who can see the access id', 'where is our contract id shown', 'are the ids visible to all users'],
      de: ['wer sieht die Zugriffs-ID', 'wo steht unsere Vertrags-ID', 'sind die IDs für alle Benutzer sichtbar'],
    },
  }),
  entry('action-pack', {
    title: { en: 'What does the Action Pack include?', de: 'Was enthält das Action Pack?' },
    answer: { en: 'The Action Pack includes 10 on-premises incidents and no cloud support.', de: 'Das Action Pack enthält 10 Vorfälle für lokale Produkte und keinen Cloud-Support.' },
    phrasings: {
      en: ['how many incidents does the action pack include', 'action pack support', 'does the action pack include cloud support'],
      de: ['wie viele Vorfälle hat das Action Pack', 'Action Pack Support', 'gibt es Cloud-Support im Action Pack'],
    },
  }),
  entry('balance-where', {
    title: { en: 'Where do I see our remaining incidents?', de: 'Wo sehe ich unsere restlichen Vorfälle?' },
    answer: { en: 'Only Support for Business shows the remaining incidents.', de: 'Nur Support for Business zeigt die verbleibenden Vorfälle.' },
    phrasings: {
      en: ['where can I see how many incidents are left', 'incident balance', 'remaining incidents azure portal'],
      de: ['wo sehe ich die verbleibenden Vorfälle', 'Kontingent anzeigen', 'restliche Vorfälle im Azure Portal'],
    },
  }),
  entry('tpd', {
    title: { en: 'What is Technical Presales and Deployment?', de: 'Was ist Technical Presales and Deployment?' },
    answer: { en: 'TPD is a separate benefit for presales and deployment help, not incident-based.', de: 'TPD ist ein eigener Vorteil für Presales- und Deployment-Hilfe, nicht incident-basiert.' },
    phrasings: {
      en: ['what is tpd', 'presales help', 'deployment services benefit'],
      de: ['was ist TPD', 'Hilfe beim Presales', 'Deployment Services Vorteil'],
    },
    keywords: { en: ['TPD', 'presales', 'deployment'], de: ['TPD', 'Vorverkauf', 'Bereitstellung'] },
  }),
];

describe('knowledge: search', () => {
  const kb = new KnowledgeBase(fixture);
  const top = (text: string) => kb.search(text, 3)[0]?.entry.id;

  describe('normalization', () => {
    it('spells out umlauts so "ueber" equals "über"', () => {
      expect(normalizeText('Über')).to.equal(normalizeText('ueber'));
      expect(normalizeText('Vorfälle')).to.equal('vorfaelle');
      expect(normalizeText('Größe')).to.equal('groesse');
    });

    it('joins "Zugriffs ID", "Zugriffs-ID", "ZugriffsID" and "access id" into one term', () => {
      const forms = ['Zugriffs ID', 'Zugriffs-ID', 'ZugriffsID', 'zugriffs-id', 'Access ID', 'access-id', 'AccessID'];
      for (const form of forms) expect(normalizeText(form), form).to.equal('accessid');
    });

    it('joins "Vertrags ID", "Vertrags-ID" and "contract id" into one term', () => {
      for (const form of ['Vertrags ID', 'Vertrags-ID', 'VertragsID', 'Contract ID', 'contract-id']) expect(normalizeText(form), form).to.equal('contractid');
    });

    it('reads the coordinated "Zugriffs- und Vertrags-ID" as both IDs', () => {
      expect(normalizeText('Zugriffs- und Vertrags-ID')).to.equal('accessid contractid');
      expect(normalizeText('access and contract IDs')).to.equal('accessid contractid');
    });

    it('drops punctuation, apostrophes and other accents', () => {
      expect(normalizeText("Don't know — café?!")).to.equal('dont know cafe');
      expect(normalizeText('on-prem, on premises')).to.equal('onprem onprem');
    });
  });

  describe('terms', () => {
    const analyzer = new Analyzer(['support', 'vorteile', 'zugriff', 'berechtigung']);

    it('drops stop words of both languages', () => {
      expect(analyzer.terms('what is the and der die das')).to.deep.equal([]);
    });

    it('splits a German compound into parts the knowledge base knows', () => {
      expect(analyzer.split('supportvorteile')).to.deep.equal(['support', 'vorteile']);
      expect(analyzer.split('zugriffsberechtigung')).to.deep.equal(['zugriff', 'berechtigung']);
      expect(analyzer.split('kontingent')).to.deep.equal([]);
    });

    it('reads an unknown compound by its known head, not by a short chance ending', () => {
      // "nutzung" is unknown here, the head "berechtigung" known ("Konfigurationsberatung" is a kind of "Beratung")
      expect(analyzer.split('nutzungsberechtigung')).to.deep.equal([]);
      expect(analyzer.terms('Nutzungsberechtigung')).to.include.members(analyzer.terms('Berechtigung'));
      expect(new Analyzer(['stand']).terms('understand')).to.not.include.members(new Analyzer(['stand']).terms('stand'));
    });

    it('maps German and English domain words to the same concept', () => {
      expect(analyzer.terms('incidents')).to.include('~incident');
      expect(analyzer.terms('Vorfälle')).to.include('~incident');
      expect(analyzer.terms('Cloud-Kompetenz')).to.deep.equal(analyzer.terms('cloud competency'));
      expect(analyzer.terms('freischalten')).to.deep.equal(analyzer.terms('activate'));
      expect(analyzer.terms('hook')).to.deep.equal(analyzer.terms('link'));
      expect(analyzer.terms('login')).to.deep.equal(analyzer.terms('Konto'));
      // "läuft das automatisch?" is no expiry; "der Vertrag läuft ab" is
      expect(analyzer.terms('läuft das automatisch')).to.not.include('~expired');
      expect(analyzer.terms('der Vertrag läuft bald ab')).to.include('~expired');
    });

    it('corrects a typo to a known word only when the first two letters agree', () => {
      expect(analyzer.correct('suport')).to.equal('support');
      expect(analyzer.correct('vortiele')).to.equal('vorteile');
      expect(analyzer.correct('xupport')).to.equal('xupport');
    });
  });

  describe('ranking', () => {
    it('finds the entry despite typos', () => {
      expect(top('who can actiavte the benfits')).to.equal('who-may-activate');
      expect(top('wer darf aktiviern')).to.equal('who-may-activate');
    });

    it('does not depend on word order', () => {
      expect(top('incidents action pack how many')).to.equal('action-pack');
      expect(kb.search('action pack incidents')[0]?.score).to.equal(kb.search('incidents action pack')[0]?.score);
    });

    it('matches "Zugriffs ID" / "Vertrags ID" without hyphen, and "ueber" without umlaut', () => {
      expect(top('wer sieht die Zugriffs ID')).to.equal('ids-who-sees');
      expect(top('Vertrags ID wer sieht die')).to.equal('ids-who-sees');
      expect(kb.search('Zugriffs ID sichtbar')[0]?.score).to.equal(kb.search('Zugriffs-ID sichtbar')[0]?.score);
      expect(kb.search('ueber das Action Pack')).to.deep.equal(kb.search('über das Action Pack'));
    });

    it('handles mixed German and English ("Wie viele incidents")', () => {
      expect(top('Wie viele incidents hat das Action Pack?')).to.equal('action-pack');
      expect(top('wo sehe ich die remaining incidents')).to.equal('balance-where');
    });

    it('answers a clear question confidently', () => {
      const match = kb.match('Who can activate our support benefits?');
      expect(match.confidence).to.equal('answer');
      expect(match.hits[0]?.entry.id).to.equal('who-may-activate');
    });

    it('never answers an off-topic question', () => {
      for (const text of ["what's the weather in Berlin", 'Wie wird das Wetter morgen?', 'tell me a joke', 'book a meeting room', '']) {
        expect(kb.match(text).confidence, text).to.equal('none');
      }
      expect(kb.match('my printer does not print').confidence).to.not.equal('answer');
    });

    it('does not take a real word one letter off a knowledge-base word as on-topic ("reset" is not "reseller")', () => {
      const real = loadKnowledgeBase();
      expect(real.match('how do I reset my password').confidence).to.equal('none');
      expect(real.match('who can actvate the benefits').confidence).to.equal('answer'); // a typo still is read
    });

    it('returns at most 3 hits, best first, and honours the search limit', () => {
      const { hits } = kb.match('support incidents');
      expect(hits.length).to.be.at.most(3);
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).to.be.at.least(hits[i]!.score);
      expect(kb.search('support incidents', 1)).to.have.length(1);
    });

    it('looks entries up by id', () => {
      expect(kb.entry('tpd')?.title.en).to.match(/Presales/);
      expect(kb.entry('nope')).to.equal(undefined);
    });
  });

  describe('what of a long question is read', () => {
    const nothing = { confidence: 'none', strong: false, hits: [], close: [] };

    it(`reads a word of ${MAX_WORD_LENGTH} letters and ignores a longer one`, () => {
      // Compounds of the knowledge base's own words: read, they split into words about TPD.
      const read = 'bereitstellung' + 'presales' + 'services' + 'deployment';
      const tooLong = 'bereitstellung' + 'technical' + 'presales' + 'deployment';
      expect(top(read)).to.equal('tpd');
      expect(kb.match(tooLong)).to.deep.equal(nothing);
      // Only that word is left out, not the question around it.
      expect(kb.match(`who can activate our support benefits ${tooLong}`)).to.deep.equal(kb.match('who can activate our support benefits'));
      expect([read.length, tooLong.length]).to.deep.equal([MAX_WORD_LENGTH, MAX_WORD_LENGTH + 1]);
    });

    it(`reads the first and last ${MAX_QUERY_WORDS / 2} words of a question, not the words between`, () => {
      // "the" is a word of the question that says nothing: only where "tpd" stands decides.
      const the = (n: number) => 'the '.repeat(n);
      const alone = kb.match('tpd');
      expect(alone.hits[0]?.entry.id).to.equal('tpd');
      expect(kb.match(`${the(99)}tpd ${the(101)}`), 'word 100').to.deep.equal(alone);
      expect(kb.match(`${the(101)}tpd ${the(99)}`), 'the 100th word from the end').to.deep.equal(alone);
      expect(kb.match(`${the(100)}tpd ${the(100)}`), 'word 101 of 201').to.deep.equal(nothing);
      expect(kb.match(`${the(1000)}tpd ${the(1000)}`), 'in the middle of 2,001 words').to.deep.equal(nothing);
    });
  });
});

describe('knowledge: loadKnowledgeBase', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kb-test-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const errorOf = (file: string): string => {
    try {
      loadKnowledgeBase(file);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected loadKnowledgeBase to throw');
  };

  it('loads a valid file, given as a path or a file URL', () => {
    const file = write('ok.json', { entries: [entry('a', { followUps: [{ entry: 'b' }, { flow: 'escalate' }] }), entry('b')] });
    expect(loadKnowledgeBase(file).entries.map((e) => e.id)).to.deep.equal(['a', 'b']);
    expect(loadKnowledgeBase(pathToFileURL(file)).entry('a')?.followUps).to.have.length(2);
  });

  it('loads the real entries.json by default', () => {
    expect(loadKnowledgeBase().entries.length).to.be.greaterThan(0);
  });

  it('reports a duplicate id with its path', () => {
    const message = errorOf(write('dup.json', { entries: [entry('a'), entry('b'), entry('a')] }));
    expect(message).to.contain('entries[2].id').and.contain('duplicate id "a"');
  });

  it('reports a follow-up to an unknown entry with its path', () => {
    const message = errorOf(write('follow.json', { entries: [entry('a', { followUps: [{ flow: 'ids' }, { entry: 'missing' }] })] }));
    expect(message).to.contain('entries[0].followUps[1].entry').and.contain('"missing"');
  });

  it('reports a bad fact id with its path', () => {
    const message = errorOf(write('fact.json', { entries: [entry('a', { facts: ['F9', 'F27'] })] }));
    expect(message).to.contain('entries[0].facts[1]');
    expect(errorOf(write('fact0.json', { entries: [entry('a', { facts: ['F0'] })] }))).to.contain('entries[0].facts[0]');
  });

  it('lists every problem at once, one per line', () => {
    const bad = { entries: [entry('a', { facts: ['X1'] }), entry('a', { followUps: [{ entry: 'zzz' }] })] };
    const lines = errorOf(write('many.json', bad)).split('\n');
    expect(lines.filter((l) => l.startsWith('  entries['))).to.have.length(3);
  });

  it('reports unknown flows, markdown in answers, missing fields and extra fields', () => {
    const flow = { ...entry('a'), followUps: [{ flow: 'dance' }] };
    expect(errorOf(write('flow.json', { entries: [flow] }))).to.contain('entries[0].followUps[0]');
    expect(errorOf(write('md.json', { entries: [entry('a', { answer: { en: 'Use **bold**', de: 'ok' } })] }))).to.contain('entries[0].answer.en');
    const { title: _title, ...untitled } = entry('a');
    expect(errorOf(write('missing.json', { entries: [untitled] }))).to.contain('entries[0].title');
    expect(errorOf(write('extra.json', { entries: [{ ...entry('a'), phrasing: [] }] }))).to.contain('phrasing');
  });

  it('reports a file that is not JSON', () => {
    expect(errorOf(write('broken.json', '{ "entries": [ '))).to.match(/Cannot read knowledge base .*broken\.json/);
  });

  describe('the verdict (confidenceOf), from the three features', () => {
    // [coverage, phraseCoverage, ratio] -> verdict
    const rows: [number, number, number, string, string][] = [
      [0.7, 0.7, 0.5, 'answer', 'explains the question and says its phrasing, well ahead'],
      [1.0, 0.42, 0.84, 'answer', 'a short question that says part of a longer phrasing ("cloud competencies?")'],
      [1.0, 0.38, 0.5, 'didYouMean', 'too little of any phrasing'],
      [0.5, 0.6, 0.5, 'didYouMean', 'half the question is about something the entry does not know ("VPN Verbindung geht nicht")'],
      [0.5, 0.8, 0.5, 'answer', 'most of one phrasing, well ahead of the runner-up, with context around it'],
      [0.5, 0.8, 0.8, 'didYouMean', 'the same, but the runner-up is close'],
      [0.8, 0.8, 0.92, 'answer', 'the runner-up is close: answered, the runner-up offered under it'],
      [0.8, 0.8, 0.97, 'didYouMean', 'the runner-up is as good: genuinely ambiguous'],
      [0.32, 1.0, 0.4, 'answer', 'a long message with context that contains a whole phrasing'],
      [0.25, 1.0, 0.4, 'none', 'a whole phrasing, but little of the message is about it'],
      [0.25, 0.9, 0.4, 'none', 'context with only part of a phrasing'],
      [0.3, 0.3, 0.2, 'none', 'mostly about other things'],
    ];
    for (const [coverage, phrase, ratio, verdict, why] of rows) {
      it(`coverage ${coverage}, phrase coverage ${phrase}, ratio ${ratio} -> ${verdict}: ${why}`, () => {
        expect(confidenceOf(true, coverage, phrase, ratio)).to.equal(verdict);
      });
    }
    it('a short message containing a short phrasing is not answered for that alone ("Which exam ... for the Cloud Platform competency?")', () => {
      expect(confidenceOf(true, 0.4, 1.0, 0.76, 5)).to.equal('didYouMean');
      expect(confidenceOf(true, 0.4, 1.0, 0.76, 12)).to.equal('answer');
    });
    it('nothing found is none', () => expect(confidenceOf(false, 1, 1, 0)).to.equal('none'));
  });
});

describe('knowledge: an entry as the answer to a text (answerWith)', () => {
  const kb = loadKnowledgeBase();

  it("puts the entry first and the text's other hits after it, from the turn's own search when given (no second search)", () => {
    const searched = kb.match('who may activate the benefits?');
    const answer = kb.answerWith('tpd', 'who may activate the benefits?', searched);
    expect(answer?.confidence).to.equal('answer');
    expect(answer?.hits[0]?.entry.id).to.equal('tpd');
    expect(answer?.hits.slice(1).map((h) => h.entry.id)).to.deep.equal(searched.hits.filter((h) => h.entry.id !== 'tpd').map((h) => h.entry.id).slice(0, 2));
    // Given a match, its hits are used as they are, whatever the text would find.
    const reused = kb.answerWith('tpd', 'how many incidents does gold get', searched);
    expect(reused?.hits.slice(1).map((h) => h.entry.id)).to.deep.equal(answer?.hits.slice(1).map((h) => h.entry.id));
    expect(kb.answerWith('no-such-entry', 'x', searched)).to.equal(undefined);
  });
});

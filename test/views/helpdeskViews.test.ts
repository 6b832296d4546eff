/**
 * The audit log in words: each action the bot records has its sentence in English and German, and
 * an action this version has no words for shows its id instead of nothing (a newer version's
 * entries, read by an older one).
 */
import { expect } from 'chai';
import { auditText } from '../../src/views/helpdeskViews.js';
import type { AuditEntry } from '../../src/store/types.js';

const entry = (action: string, details?: AuditEntry['details']): AuditEntry => ({
  at: '2026-11-24T12:00:00.000Z',
  actor: { aadObjectId: 'a', name: 'Hal Helpdesk' },
  partnerId: '4711002',
  action,
  ...(details ? { details } : {}),
});

describe('views: the audit log in words', () => {
  it('a known action reads as a sentence, in English and German', () => {
    expect(auditText('en', entry('case.resolved', { caseId: 'C-000001' }))).to.equal('Hal Helpdesk resolved case C-000001 (partner 4711002)');
    expect(auditText('de', entry('reminder.failed'))).to.equal('Eine Erinnerung an Hal Helpdesk konnte nicht gesendet werden (Partner 4711002)');
    expect(auditText('en', entry('reminder.failed'))).to.equal('A reminder to Hal Helpdesk could not be sent (partner 4711002)');
  });

  it('an action without words shows its id', () => {
    expect(auditText('en', entry('export.started'))).to.equal('Hal Helpdesk: export.started (partner 4711002)');
    expect(auditText('de', entry('export.started'))).to.contain('export.started');
  });
});

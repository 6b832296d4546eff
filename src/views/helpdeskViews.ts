/**
 * View models for the helpdesk: the partner summary (IDs masked unless revealed) and the pick list.
 */
import { entitlementLines } from '../domain/entitlements.js';
import type { Organization } from '../domain/types.js';
import type { DirectoryUser } from '../domain/types.js';
import type { AuditEntry, HelpdeskCase } from '../store/types.js';
import { formatDate, STRING_TABLES, t, type Lang, type StringKey } from '../i18n/index.js';
import type { CaseListKind, PartnerSummary } from '../services/helpdeskService.js';
import { maskId } from '../services/helpdeskService.js';
import { neutralise } from '../text/neutralise.js';
import { CardAction } from './actions.js';
import { caseContextFacts, caseNotePlaceholder } from './caseContext.js';
import { pressablesView, warningTexts } from './supportViews.js';
import { allowanceText, button, idLines, reasonText, rolesText, type CardView } from './views.js';

/** The same styles in both languages; the locale makes "Nov 24, 2026, 10:15 AM" or "24.11.2026, 10:15". */
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/**
 * A moment as people read it, in the reader's time zone when Teams told it (else UTC, and then it
 * says so): "Nov 24, 2026, 10:15 AM UTC" / "24.11.2026, 10:15 UTC", never an ISO timestamp that a
 * narrow column breaks at its hyphens.
 */
export function formatDateTime(lang: Lang, iso: string, timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  let zone = timeZone;
  try {
    if (zone) new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    zone = undefined;
  }
  const text = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-US', { ...DATE_TIME, timeZone: zone ?? 'UTC' }).format(at);
  // Plain spaces (ICU puts a narrow no-break space before "PM" in some versions, not in others).
  return `${text}${zone ? '' : ' UTC'}`.replace(/[\u00a0\u202f]/g, ' ');
}

/** "Silver in Application Development", or the offer alone (Action Pack). */
function offerText(lang: Lang, offer: Organization['memberships'][number]): string {
  return offer.competency ? t(lang, 'hd.summary.offerIn', { offer: t(lang, `offer.${offer.offer}`), competency: offer.competency }) : t(lang, `offer.${offer.offer}`);
}

/** How the partner summary is shown: where (the reveal only in a personal chat) and whom it was found by. */
export interface SummaryShown {
  /** A personal chat: "Reveal IDs" can work here. */
  personal: boolean;
  /** The person the agent looked up ("who is wanda@..."), shown at the top. */
  person?: DirectoryUser;
}

export function partnerSummaryView(lang: Lang, summary: PartnerSummary, shown: SummaryShown = { personal: true }): CardView {
  const { organization: org, entitlement, balances, admins, revealed } = summary;
  const today = entitlement.active;
  const memberships = org.memberships.map((m) => {
    const offer = offerText(lang, m);
    const key = today.includes(m) ? 'summary.membership' : 'summary.membershipInactive';
    return t(lang, key, { offer, start: formatDate(lang, m.start), end: formatDate(lang, m.end) });
  });
  const show = (id: string) => (revealed ? id : maskId(id));
  const adminsText = admins.map((a) => `${a.name} (${rolesText(lang, a.roles)})`).join('; ');
  const person = shown.person;
  return {
    template: 'partnerSummary',
    data: {
      title: t(lang, 'summary.title', { org: org.name, partnerId: org.partnerId }),
      // The tenant id is copied as often as the IDs: on its own line too (see idLines).
      ids: [{ label: t(lang, 'summary.tenant'), value: org.tenantId }],
      facts: [
        ...(person
          ? [{ title: t(lang, 'hd.summary.person'), value: t(lang, 'hd.summary.personLine', { name: person.name, roles: rolesText(lang, person.roles), email: person.email ?? '–' }) }]
          : []),
        { title: t(lang, 'summary.memberships'), value: memberships.join('; ') || '–' },
        { title: t(lang, 'summary.activation'), value: t(lang, org.benefits.length ? 'summary.activated' : 'summary.notActivated') },
        // Nobody can activate what is not in force (a lapsed membership): say so, and name the admins
        // apart; once activated there is nothing left to activate, so they are just the admins.
        ...(today.length
          ? [{ title: t(lang, org.benefits.length ? 'hd.summary.admins' : 'summary.admins'), value: adminsText || t(lang, 'summary.noAdmins') }]
          : [
              { title: t(lang, 'summary.admins'), value: t(lang, 'hd.summary.nothingToActivate') },
              { title: t(lang, 'hd.summary.admins'), value: adminsText || t(lang, 'summary.noAdmins') },
            ]),
      ],
      entitlementTitle: t(lang, 'summary.entitlement'),
      entitlement: entitlement.active.length
        ? entitlementLines(entitlement).map((line) => ({
            text: t(lang, 'tiers.org.line', { kind: t(lang, `kind.${line.kind}`), allowance: allowanceText(lang, line.allowance) }),
            reason: t(lang, 'tiers.org.because', { reason: reasonText(lang, line.basis) }),
          }))
        : [{ text: t(lang, 'summary.noEntitlement'), reason: '' }],
      contracts: balances.map((b) => {
        const total = !b.allowance ? t(lang, 'balance.unknown') : b.allowance.unlimited ? t(lang, 'balance.unlimited') : String(b.allowance.incidents);
        return {
          kind: t(lang, `kind.${b.benefit.kind}`),
          ids: idLines(lang, show(b.benefit.accessId), show(b.benefit.contractId)),
          facts: [
            { title: t(lang, 'balance.valid'), value: t(lang, 'ids.validRange', { start: formatDate(lang, b.benefit.start), end: formatDate(lang, b.benefit.end) }) },
            { title: t(lang, 'balance.total'), value: total },
            { title: t(lang, 'balance.used'), value: String(b.used) },
            { title: t(lang, 'balance.left'), value: b.remaining === undefined ? total : String(b.remaining) },
          ],
          warnings: warningTexts(lang, b),
        };
      }),
      note: balances.length ? t(lang, revealed ? 'summary.revealed' : shown.personal ? 'summary.masked' : 'hd.summary.maskedShared') : '',
      // Only where it can work: a channel or group chat may have guests, so there the IDs stay masked.
      buttons:
        balances.length && !revealed && shown.personal
          ? [{ title: t(lang, 'summary.reveal'), submitData: { action: CardAction.helpdeskReveal, tenantId: org.tenantId } }]
          : [],
    },
  };
}

/** Several partners match: one row each (a partner's name is any length, so never a button that cuts it off). */
export function pickPartnerView(lang: Lang, query: string, matches: readonly Pick<Organization, 'tenantId' | 'name' | 'partnerId'>[]): CardView {
  return pressablesView(
    t(lang, 'lookup.many', { query }),
    matches.map((o) => ({ title: `${o.name} (${o.partnerId})`, submitData: { action: CardAction.helpdeskPick, tenantId: o.tenantId } })),
    [],
    '',
    true,
  );
}


/** The case card in the helpdesk conversation: updated in place as agents act on it, and shown by "case C-000002". */
export function caseView(lang: Lang, c: HelpdeskCase, timeZone?: string): CardView {
  const open = c.status !== 'resolved';
  // The partner's words (summary, what the chat was about) and the agents' notes reach other people: neutralised.
  const facts = [
    { title: t(lang, 'case.partner'), value: c.partnerName ? `${c.partnerName} (${c.partnerId})` : '–' },
    { title: t(lang, 'case.from'), value: c.createdBy.name },
    { title: t(lang, 'case.created'), value: formatDateTime(lang, c.createdAt, timeZone) },
    { title: t(lang, 'case.summary'), value: neutralise(c.summary) },
  ];
  facts.push(...caseContextFacts(lang, c));
  if (c.assignee) facts.push({ title: t(lang, 'case.assignee'), value: c.assignee.name });
  return {
    template: 'case',
    data: {
      title: t(lang, 'case.title', { id: c.id, status: t(lang, `case.status.${c.status}`) }),
      facts,
      notes: c.notes.map((n) => `${n.by.name}: ${neutralise(n.text)}`),
      historyTitle: t(lang, 'hd.case.history'),
      history: caseHistory(lang, c, timeZone),
      canResolve: open,
      noteLabel: t(lang, 'case.note'),
      notePlaceholder: caseNotePlaceholder(lang, c),
      // Taking a case sends no note (it would be dropped), so a client neither checks nor asks for it.
      buttons: [
        ...(c.status === 'open' ? [{ title: t(lang, 'case.assign'), submitData: { action: CardAction.caseAssign, caseId: c.id }, associatedInputs: 'none' }] : []),
        ...(open ? [{ title: t(lang, 'case.resolve'), submitData: { action: CardAction.caseResolve, caseId: c.id }, associatedInputs: 'auto' }] : []),
      ],
    },
  };
}

const EVENTS: Record<string, StringKey> = {
  created: 'hd.case.event.created',
  assigned: 'hd.case.event.assigned',
  resolved: 'hd.case.event.resolved',
};

/** Who did what to the case and when, oldest first, with each note where it was written. */
export function caseHistory(lang: Lang, c: HelpdeskCase, timeZone?: string): string[] {
  const lines = [
    ...c.history.map((h) => ({
      at: h.at,
      text: t(lang, EVENTS[h.event] ?? 'hd.case.event.other', { at: formatDateTime(lang, h.at, timeZone), name: h.by.name, event: h.event }),
    })),
    ...c.notes.map((n) => ({ at: n.at, text: t(lang, 'hd.case.note', { at: formatDateTime(lang, n.at, timeZone), name: n.by.name, text: neutralise(n.text) }) })),
  ];
  // A note is written with the resolution at the same moment: the note reads after "resolved".
  return lines
    .map((line, i) => ({ ...line, i }))
    .sort((a, b) => (Date.parse(a.at) || 0) - (Date.parse(b.at) || 0) || a.i - b.i)
    .map((line) => line.text);
}

const LIST_SHOWN = 20;

/** "assigned to me", "open cases", "unassigned cases", "cases for ...", a partner's "my cases": one row per case. */
export function caseListView(lang: Lang, kind: CaseListKind, cases: readonly HelpdeskCase[], query = '', timeZone?: string): CardView {
  const n = cases.length;
  const shown = cases.slice(0, LIST_SHOWN);
  // A partner's own list has no buttons: a case's full card is the helpdesk's.
  const agent = kind !== 'mine';
  return {
    template: 'caseList',
    data: {
      title: t(lang, `hd.cases.title.${kind}`, { n, query }),
      text: n === 0 ? t(lang, `hd.cases.none.${kind}`, { query }) : agent ? t(lang, 'hd.cases.press') : '',
      rows: shown.map((c) => ({
        head: t(lang, 'hd.cases.head', { id: c.id, status: t(lang, `case.status.${c.status}`), partner: c.partnerName ?? '–' }),
        body: neutralise(c.summary),
        meta: c.assignee
          ? t(lang, 'hd.cases.metaAssigned', { at: formatDateTime(lang, c.createdAt, timeZone), from: c.createdBy.name, name: c.assignee.name })
          : t(lang, 'hd.cases.meta', { at: formatDateTime(lang, c.createdAt, timeZone), from: c.createdBy.name }),
        open: t(lang, 'hd.cases.openOne', { id: c.id }),
        submitData: agent ? { action: CardAction.caseShow, caseId: c.id } : { action: CardAction.help },
      })),
      more: n > LIST_SHOWN ? t(lang, 'hd.cases.more', { shown: LIST_SHOWN, n }) : '',
    },
  };
}

/** The audit log: one row per entry, newest first, in words ("Hal Helpdesk resolved case C-000001"). */
export function auditView(lang: Lang, entries: readonly AuditEntry[], query: string, timeZone?: string): CardView {
  return {
    template: 'auditList',
    data: {
      title: query ? t(lang, 'hd.audit.title', { query }) : t(lang, 'hd.audit.titleAll'),
      rows: [...entries].reverse().map((e) => ({ when: formatDateTime(lang, e.at, timeZone), what: auditText(lang, e) })),
    },
  };
}

/** One audit entry in words (`hd.audit.act.<action>`); an action this version has no words for shows its id. */
export function auditText(lang: Lang, e: AuditEntry): string {
  const caseId = e.details?.['caseId'];
  const params = { actor: e.actor.name, case: typeof caseId === 'string' ? caseId : '–', action: e.action };
  const key = `hd.audit.act.${e.action}`;
  const what = t(lang, key in STRING_TABLES.en ? (key as StringKey) : 'hd.audit.act.other', params);
  return e.partnerId ? t(lang, 'hd.audit.ofPartner', { what, partnerId: e.partnerId }) : what;
}

/** The helpdesk's own welcome and help: its commands, and buttons for the common ones. */
export function helpdeskMenuView(lang: Lang, variant: 'welcome' | 'help' | 'fallback', agentName = ''): CardView {
  const title = {
    welcome: t(lang, 'hd.menu.welcome', { name: agentName.split(' ')[0] ?? '' }),
    help: t(lang, 'hd.menu.title'),
    fallback: t(lang, 'fallback.text'),
  }[variant];
  return {
    template: 'helpdeskMenu',
    data: {
      title,
      text: t(lang, 'hd.menu.text'),
      commands: t(lang, 'hd.menu.commands').split('\n'),
      groups: [
        {
          title: t(lang, 'hd.menu.group.partners'),
          buttons: [
            button(lang, 'hd.menu.lookup', CardAction.helpdeskLookup),
            button(lang, 'hd.menu.triage', CardAction.helpdeskTriage),
            button(lang, 'hd.menu.audit', CardAction.helpdeskAudit),
          ],
        },
        {
          title: t(lang, 'hd.menu.group.cases'),
          buttons: [
            button(lang, 'hd.menu.mine', CardAction.casesMine),
            button(lang, 'hd.menu.open', CardAction.casesOpen),
            button(lang, 'hd.menu.unassigned', CardAction.casesUnassigned),
            button(lang, 'hd.menu.case', CardAction.caseShow),
          ],
        },
      ],
    },
  };
}

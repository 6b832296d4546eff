/**
 * View models for the helpdesk: the partner summary (IDs masked unless revealed) and the pick list.
 */
import { entitlementLines } from '../domain/entitlements.js';
import type { Organization } from '../domain/types.js';
import type { HelpdeskCase } from '../store/types.js';
import { formatDate, t, type Lang } from '../i18n/index.js';
import type { PartnerSummary } from '../services/helpdeskService.js';
import { maskId } from '../services/helpdeskService.js';
import { CardAction } from './actions.js';
import { caseContextFacts, caseNotePlaceholder } from './caseContext.js';
import { pressablesView, warningTexts } from './supportViews.js';
import { allowanceText, idLines, reasonText, rolesText, type CardView } from './views.js';

export function partnerSummaryView(lang: Lang, summary: PartnerSummary): CardView {
  const { organization: org, entitlement, balances, admins, revealed } = summary;
  const today = entitlement.active;
  const memberships = org.memberships.map((m) => {
    const offer = m.competency ? `${t(lang, `offer.${m.offer}`)} ${m.competency}` : t(lang, `offer.${m.offer}`);
    const key = today.includes(m) ? 'summary.membership' : 'summary.membershipInactive';
    return t(lang, key, { offer, start: formatDate(lang, m.start), end: formatDate(lang, m.end) });
  });
  const show = (id: string) => (revealed ? id : maskId(id));
  return {
    template: 'partnerSummary',
    data: {
      title: t(lang, 'summary.title', { org: org.name, partnerId: org.partnerId }),
      // The tenant id is copied as often as the IDs: on its own line too (see idLines).
      ids: [{ label: t(lang, 'summary.tenant'), value: org.tenantId }],
      facts: [
        { title: t(lang, 'summary.memberships'), value: memberships.join('; ') || '–' },
        { title: t(lang, 'summary.activation'), value: t(lang, org.benefits.length ? 'summary.activated' : 'summary.notActivated') },
        {
          title: t(lang, 'summary.admins'),
          value: admins.length ? admins.map((a) => `${a.name} (${rolesText(lang, a.roles)})`).join('; ') : t(lang, 'summary.noAdmins'),
        },
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
      note: balances.length ? t(lang, revealed ? 'summary.revealed' : 'summary.masked') : '',
      buttons:
        balances.length && !revealed
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


/** The case card in the helpdesk conversation: updated in place as agents act on it. */
export function caseView(lang: Lang, c: HelpdeskCase): CardView {
  const open = c.status !== 'resolved';
  const facts = [
    { title: t(lang, 'case.partner'), value: c.partnerName ? `${c.partnerName} (${c.partnerId})` : '–' },
    { title: t(lang, 'case.from'), value: c.createdBy.name },
    { title: t(lang, 'case.created'), value: formatDate(lang, c.createdAt.slice(0, 10)) },
    { title: t(lang, 'case.summary'), value: c.summary },
  ];
  facts.push(...caseContextFacts(lang, c));
  if (c.assignee) facts.push({ title: t(lang, 'case.assignee'), value: c.assignee.name });
  return {
    template: 'case',
    data: {
      title: t(lang, 'case.title', { id: c.id, status: t(lang, `case.status.${c.status}`) }),
      facts,
      notes: c.notes.map((n) => `${n.by.name}: ${n.text}`),
      canResolve: open,
      noteLabel: t(lang, 'case.note'),
      notePlaceholder: caseNotePlaceholder(lang, c),
      buttons: [
        ...(c.status === 'open' ? [{ title: t(lang, 'case.assign'), submitData: { action: CardAction.caseAssign, caseId: c.id } }] : []),
        ...(open ? [{ title: t(lang, 'case.resolve'), submitData: { action: CardAction.caseResolve, caseId: c.id } }] : []),
      ],
    },
  };
}

/** One line per case, for "my cases", "open cases", "cases for ...". */
export function casesText(lang: Lang, cases: readonly HelpdeskCase[]): string {
  if (cases.length === 0) return t(lang, 'cases.none');
  return cases
    .slice(0, 20)
    .map((c) => t(lang, 'cases.line', { id: c.id, status: t(lang, `case.status.${c.status}`), partner: c.partnerName ?? '–', summary: c.summary }))
    .join('\n');
}

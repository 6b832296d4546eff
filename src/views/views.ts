/**
 * View models: turn service results into the data a card template expects, in the user's language.
 * Pure and free of botbuilder; the dialogs render the result with the CardRenderer.
 */
import type { Refusal } from '../domain/access.js';
import {
  CLOUD_COMPETENCIES,
  CLOUD_SUPPORT,
  OFFERS,
  PRODUCT_SUPPORT_INCIDENTS,
  contractAllowance,
  entitlementLines,
  incidents,
  type Allowance,
  type EntitlementLine,
} from '../domain/entitlements.js';
import type { Benefit, DirectoryUser, Membership, Organization, Role } from '../domain/types.js';
import { formatDate, formatList, t, type Lang } from '../i18n/index.js';
import type { EntitlementView } from '../services/benefitsService.js';
import { CardAction, type CardActionVerb } from './actions.js';

/** A card to send: the template name in `cards/` and its data. */
export interface CardView {
  template: string;
  data: Record<string, unknown>;
  /**
   * Universal Actions: Teams asks the bot for this card again (an `Action.Execute` with this verb)
   * whenever someone views it, so each viewer sees the card as it is for them, now.
   */
  refresh?: CardActionVerb;
  /** The data carries a one-time value (a question's nonce), so this rendering is never reused. */
  once?: boolean;
}

export interface Button {
  title: string;
  action: CardActionVerb;
}

export const button = (lang: Lang, key: Parameters<typeof t>[1], action: CardActionVerb): Button => ({
  title: t(lang, key),
  action,
});

/** The main menu, in two groups, shown on welcome, help and fallback. */
export function menuGroups(lang: Lang): { title: string; buttons: Button[] }[] {
  return [
    {
      title: t(lang, 'menu.group.benefits'),
      buttons: [
        button(lang, 'menu.tiers', CardAction.tiers),
        button(lang, 'menu.roleCheck', CardAction.roleCheck),
        button(lang, 'menu.activate', CardAction.activate),
        button(lang, 'menu.ids', CardAction.ids),
      ],
    },
    {
      title: t(lang, 'menu.group.using'),
      buttons: [
        button(lang, 'menu.balance', CardAction.balance),
        button(lang, 'menu.assoc', CardAction.alreadyAssociated),
        button(lang, 'menu.plan', CardAction.supportPlan),
        button(lang, 'menu.person', CardAction.escalate),
        button(lang, 'menu.help', CardAction.help),
      ],
    },
  ];
}

/** Welcome, help and "did not understand" share one card: a title, a text and the menu. */
/**
 * The menu: on install and first contact (`welcome`), for "help", when a message is not understood
 * (`fallback`), and when it is about the benefits but nothing the bot knows answers it (`unknown`:
 * "do unused incidents roll over?" gets an honest "I do not know", not "I did not understand").
 */
export function menuView(lang: Lang, variant: 'welcome' | 'help' | 'fallback' | 'unknown'): CardView {
  const text = {
    welcome: [t(lang, 'welcome.title'), t(lang, 'welcome.text')],
    help: [t(lang, 'help.title'), t(lang, 'help.text')],
    fallback: [t(lang, 'fallback.text'), t(lang, 'help.text')],
    unknown: [t(lang, 'fallback.unknown'), t(lang, 'help.text')],
  }[variant];
  return { template: 'menu', data: { title: text[0], text: text[1], groups: menuGroups(lang) } };
}

export function allowanceText(lang: Lang, allowance: Allowance | null | undefined): string {
  if (!allowance) return t(lang, 'allowance.none');
  return allowance.unlimited ? t(lang, 'allowance.unlimited') : t(lang, 'allowance.incidents', { n: allowance.incidents });
}

/** "Gold in Cloud Platform" / "the Action Pack membership": why a line applies. */
export function reasonText(lang: Lang, basis: Membership): string {
  if (basis.offer === 'ActionPack' || !basis.competency) return t(lang, 'reason.actionPack');
  return t(lang, 'reason.competency', { offer: t(lang, `offer.${basis.offer}`), competency: basis.competency });
}

/** One entitlement line: "Microsoft Product Support (on-premises): 20 incidents" and why. */
export function lineView(lang: Lang, line: EntitlementLine): { text: string; reason: string } {
  return {
    text: t(lang, 'tiers.org.line', { kind: t(lang, `kind.${line.kind}`), allowance: allowanceText(lang, line.allowance) }),
    reason: t(lang, 'tiers.org.because', { reason: reasonText(lang, line.basis) }),
  };
}

/** The general tier table (F1-F8, F17, F24) and, when known, the organization's own entitlement. */
export function tiersView(lang: Lang, view: EntitlementView): CardView {
  // One row per kind of support, one column per offer: the offers' short names head the narrow
  // columns, and the long kinds wrap between words in the wide first one (headers like "Cloud
  // Support with other competencies only" broke mid-word in narrow columns).
  const row = (kind: string, value: (offer: (typeof OFFERS)[number]) => string) => ({
    kind,
    actionPack: value('ActionPack'),
    silver: value('Silver'),
    gold: value('Gold'),
  });
  const rows = [
    row(t(lang, 'tiers.col.productSupport'), (o) => allowanceText(lang, incidents(PRODUCT_SUPPORT_INCIDENTS[o]))),
    row(t(lang, 'tiers.col.cloudCompetency'), (o) => allowanceText(lang, CLOUD_SUPPORT[o].cloud)),
    row(t(lang, 'tiers.col.otherCompetency'), (o) => allowanceText(lang, CLOUD_SUPPORT[o].other)),
  ];
  let org: Record<string, unknown> | undefined;
  if (view.organization && view.entitlement) {
    const name = view.organization.name;
    const lines = entitlementLines(view.entitlement).map((l) => lineView(lang, l));
    const notes: string[] = [];
    if (view.entitlement.active.length === 0) notes.push(t(lang, 'tiers.org.noActive', { org: name }));
    else if (!view.entitlement.cloudSupport) notes.push(t(lang, 'tiers.org.noCloud'));
    org = { title: t(lang, 'tiers.org.title', { org: name }), lines, notes };
  }
  return {
    template: 'tiers',
    data: {
      title: t(lang, 'tiers.title'),
      headers: {
        kind: t(lang, 'tiers.col.kind'),
        actionPack: t(lang, 'offer.ActionPack'),
        silver: t(lang, 'offer.Silver'),
        gold: t(lang, 'offer.Gold'),
      },
      rows,
      notes: [
        t(lang, 'tiers.note.productSupport'),
        t(lang, 'tiers.note.cloud'),
        t(lang, 'tiers.note.cloudCompetencies', { list: formatList(lang, CLOUD_COMPETENCIES) }),
        t(lang, 'tiers.note.support'),
      ],
      hasOrg: org !== undefined,
      org: org ?? { title: '', lines: [], notes: [] },
      unknownOrg: org === undefined ? t(lang, 'tiers.org.unknown') : '',
      buttons: [button(lang, 'menu.roleCheck', CardAction.roleCheck), button(lang, 'menu.ids', CardAction.ids)],
    },
  };
}

export function rolesText(lang: Lang, roles: readonly Role[]): string {
  return roles.length ? formatList(lang, roles.map((r) => t(lang, `role.${r}`))) : t(lang, 'roles.none');
}

/** Admins by name and role; e-mail addresses only in a personal chat (channels may have guests). */
function peopleView(lang: Lang, admins: readonly DirectoryUser[], personal: boolean) {
  return admins.map((a) => ({
    name: a.name,
    detail: [rolesText(lang, a.roles), personal ? a.email : undefined].filter(Boolean).join(' · '),
  }));
}

/** Why the caller is refused and what to do (F9-F11), with the organization's admins when useful. */
export function refusalView(lang: Lang, refusal: Refusal, personal: boolean, offerPerson = true): CardView {
  let text: string;
  let todo: string;
  let org: Organization | undefined;
  let admins: DirectoryUser[] | undefined;
  switch (refusal.reason) {
    case 'unknownTenant':
      text = refusal.tenantId
        ? t(lang, 'refusal.unknownTenant', { tenantId: refusal.tenantId })
        : t(lang, 'refusal.unknownTenant.none');
      todo = t(lang, 'refusal.unknownTenant.todo');
      break;
    case 'unknownUser':
      org = refusal.organization;
      admins = refusal.admins;
      text = t(lang, 'refusal.unknownUser', { org: org.name });
      todo = t(lang, 'refusal.unknownUser.todo', { aadObjectId: refusal.aadObjectId ?? '?' });
      break;
    case 'wrongTenant':
      text = t(lang, 'refusal.wrongTenant');
      todo = t(lang, 'refusal.wrongTenant.todo');
      break;
    case 'helpdeskOnly':
      text = t(lang, 'refusal.helpdeskOnly');
      todo = t(lang, 'refusal.helpdeskOnly.todo');
      break;
    case 'cspAccount':
      org = refusal.organization;
      admins = refusal.admins;
      text = t(lang, 'refusal.cspAccount');
      todo = t(lang, 'refusal.cspAccount.todo');
      break;
    case 'noActiveMembership':
      org = refusal.organization;
      text = t(lang, 'refusal.noActiveMembership', { org: org.name });
      todo = t(lang, 'refusal.noActiveMembership.todo');
      break;
    case 'notAdmin':
      org = refusal.organization;
      admins = refusal.admins;
      text = t(lang, 'refusal.notAdmin', { roles: rolesText(lang, refusal.user.roles) });
      todo = t(lang, 'refusal.notAdmin.todo');
      break;
  }
  return {
    template: 'refusal',
    data: {
      title: t(lang, 'refusal.title'),
      text,
      todoTitle: t(lang, 'refusal.todo'),
      todo,
      hasAdmins: admins !== undefined,
      adminsTitle: org ? t(lang, 'refusal.admins', { org: org.name }) : '',
      admins: peopleView(lang, admins ?? [], personal),
      noAdmins: admins && admins.length === 0 && org ? t(lang, 'refusal.noAdmins', { org: org.name }) : '',
      buttons: [
        button(lang, 'menu.tiers', CardAction.tiers),
        // Only users of a partner organization can escalate; others would be refused again.
        ...(offerPerson && 'organization' in refusal && 'user' in refusal ? [button(lang, 'menu.person', CardAction.escalate)] : []),
        button(lang, 'menu.help', CardAction.help),
      ],
    },
  };
}

/**
 * The role check passed (F9): say why, and offer to activate. When everything is active already,
 * that comes first ("Already active", not "Yes, you can activate" above "nothing left to
 * activate"), and the IDs are offered instead (F12).
 */
export function roleCheckOkView(lang: Lang, user: DirectoryUser, org: Organization, alreadyActive: boolean): CardView {
  const roles = rolesText(lang, user.roles.filter((r) => r === 'GlobalAdmin' || r === 'MpnPartnerAdmin'));
  return {
    template: 'message',
    data: {
      title: t(lang, alreadyActive ? 'roleCheck.already.title' : 'roleCheck.ok.title'),
      text: t(lang, alreadyActive ? 'roleCheck.already.text' : 'roleCheck.ok.text', { roles, org: org.name }),
      note: '',
      buttons: [alreadyActive ? button(lang, 'menu.ids', CardAction.ids) : button(lang, 'menu.activate', CardAction.activate)],
    },
  };
}

/** The confirmation before activation: what will be activated, for how long (F12, F25). */
export function confirmActivationView(
  lang: Lang,
  org: Organization,
  lines: readonly EntitlementLine[],
  start: string,
  end: string,
): CardView {
  return {
    template: 'activationConfirm',
    data: {
      title: t(lang, 'activation.confirm.title', { org: org.name }),
      text: t(lang, 'activation.confirm.text', { start: formatDate(lang, start), end: formatDate(lang, end) }),
      lines: lines.map((l) => lineView(lang, l)),
      yes: {
        title: t(lang, 'activation.confirm.yes'),
        // What this card shows travels back with the click, so a stale card cannot activate
        // something else than it said (see BenefitsService.activate).
        submitData: { action: CardAction.activationConfirm, start, kinds: lines.map((l) => l.kind) },
      },
      no: { title: t(lang, 'activation.confirm.no'), submitData: { action: CardAction.activationCancel } },
    },
    refresh: CardAction.activationRefresh,
  };
}

/**
 * What an activation confirmation card turns into once the organization's benefits are active: the
 * same card for everyone, with no button left to press. The IDs are not on it (it may sit in a group
 * chat); each user asks for them in a personal chat (F12).
 */
export function activationDoneView(lang: Lang, org: Organization, since: string | undefined, by: string | undefined): CardView {
  let text = '';
  if (since) text = by ? t(lang, 'activation.card.sinceBy', { name: by, date: formatDate(lang, since) }) : t(lang, 'activation.card.since', { date: formatDate(lang, since) });
  return {
    template: 'message',
    data: {
      title: t(lang, 'activation.card.title', { org: org.name }),
      text,
      note: t(lang, 'activation.card.ids', { org: org.name }),
      buttons: [button(lang, 'menu.ids', CardAction.ids)],
    },
  };
}

/**
 * An Access ID and a Contract ID as the cards show them: each label on a line of its own above its
 * value, never as a fact beside it. Beside a label ("Zugriffs-ID (Access ID)") the value had only
 * what the label left, so a GUID broke across lines and touched the card's edge; on a line of its
 * own it keeps the card's whole width and is copied with one selection.
 */
export function idLines(lang: Lang, accessId: string, contractId: string): { label: string; value: string }[] {
  return [
    { label: t(lang, 'ids.accessId'), value: accessId },
    { label: t(lang, 'ids.contractId'), value: contractId },
  ];
}

/** The Access ID and Contract ID of each benefit (F12-F14), titled for the occasion. */
export function idsView(
  lang: Lang,
  org: Organization,
  benefits: readonly Benefit[],
  occasion: 'asked' | 'activated' | 'alreadyActive',
): CardView {
  const titleKey = { asked: 'ids.title', activated: 'activation.done.title', alreadyActive: 'activation.already.title' } as const;
  return {
    template: 'ids',
    data: {
      title: t(lang, titleKey[occasion], { org: org.name }),
      benefits: benefits.map((b) => ({
        kind: t(lang, `kind.${b.kind}`),
        ids: idLines(lang, b.accessId, b.contractId),
        facts: [
          {
            title: t(lang, 'ids.valid'),
            value: t(lang, 'ids.validRange', { start: formatDate(lang, b.start), end: formatDate(lang, b.end) }),
          },
          { title: t(lang, 'ids.allowance'), value: allowanceText(lang, contractAllowance(org.memberships, b.kind, b.start, b.end)) },
          ...(b.activatedBy && b.activatedAt
            ? [
                {
                  title: t(lang, 'ids.activatedBy'),
                  value: t(lang, 'ids.activatedByValue', {
                    name: b.activatedBy.name,
                    date: formatDate(lang, b.activatedAt.slice(0, 10)),
                  }),
                },
              ]
            : []),
        ],
      })),
      whenNeeded: t(lang, 'ids.whenNeeded'),
      anyAccount: t(lang, 'ids.anyAccount', { org: org.name }),
    },
  };
}

/**
 * No current contract: the IDs do not exist yet (F25), or every contract has expired (F21); and who
 * can activate (F9).
 */
/**
 * No contract to show (IDs, a balance) because the organization has no active membership: nothing
 * can be activated either, so no admins to ask; the likely wrong account, or renewing (F11).
 */
export function noMembershipView(lang: Lang, org: Organization, occasion: 'ids' | 'balance'): CardView {
  return {
    template: 'refusal',
    data: {
      title: t(lang, 'noMembership.title'),
      text: t(lang, occasion === 'balance' ? 'noMembership.balance' : 'noMembership.ids', { org: org.name }),
      todoTitle: t(lang, 'refusal.todo'),
      todo: t(lang, 'refusal.noActiveMembership.todo'),
      hasAdmins: false,
      adminsTitle: '',
      admins: [],
      noAdmins: '',
      buttons: [button(lang, 'menu.tiers', CardAction.tiers), button(lang, 'menu.person', CardAction.escalate)],
    },
  };
}

export function notActivatedView(
  lang: Lang,
  org: Organization,
  admins: readonly DirectoryUser[],
  personal: boolean,
  options: { expiredOn?: string; callerMayActivate?: boolean; occasion?: 'ids' | 'balance' } = {},
): CardView {
  const { expiredOn, callerMayActivate = false, occasion = 'ids' } = options;
  const title = occasion === 'balance' ? 'balance.noContract.title' : expiredOn ? 'ids.expired.title' : 'ids.notActivated.title';
  return {
    template: 'refusal',
    data: {
      title: t(lang, title),
      text:
        occasion === 'balance'
          ? t(lang, 'balance.noContract', { org: org.name })
          : expiredOn
            ? t(lang, 'ids.expired', { org: org.name, date: formatDate(lang, expiredOn) })
            : t(lang, 'ids.notActivated', { org: org.name }),
      todoTitle: callerMayActivate ? t(lang, 'refusal.todo') : '',
      todo: callerMayActivate ? t(lang, 'ids.youCanActivate') : '',
      hasAdmins: !callerMayActivate,
      adminsTitle: t(lang, 'refusal.admins', { org: org.name }),
      admins: peopleView(lang, admins, personal),
      noAdmins: admins.length === 0 ? t(lang, 'refusal.noAdmins', { org: org.name }) : '',
      buttons: callerMayActivate
        ? [button(lang, 'menu.activate', CardAction.activate), button(lang, 'menu.tiers', CardAction.tiers)]
        : [button(lang, 'menu.roleCheck', CardAction.roleCheck), button(lang, 'menu.tiers', CardAction.tiers)],
    },
  };
}

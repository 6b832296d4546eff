/**
 * English strings. Every user-facing sentence lives here and in `de.ts`, with the same keys.
 * Placeholders are `{name}`. Fact ids (FACTS.md) in comments trace each statement to its source.
 */
export const en = {
  // Welcome, help, menu
  'welcome.title': 'Hi, I help you use your partner technical-support benefits',
  'welcome.text':
    'Ask me in your own words, in English or German, or pick one of these. I answer for your own organization when I know it.',
  'help.title': 'What I can do',
  'help.text':
    'Try: "what support do partners get?", "can I activate?", "activate our benefits", "what is our access id?". Type "cancel" to stop what we are doing, or "start over".',
  'menu.tiers': 'What support do we get?',
  'menu.roleCheck': 'Can I activate?',
  'menu.activate': 'Activate benefits',
  'menu.ids': 'Our Access ID and Contract ID',
  'menu.help': 'Help',
  'fallback.text': 'Sorry, I did not understand that. Here is what I can help with:',
  'cancel.done': 'Okay, I stopped that. Ask me anything else or pick from the menu.',
  'cancel.nothing': 'There is nothing to cancel right now.',
  'startOver.done': "Okay, let's start over.",
  'error.generic': 'Sorry, something went wrong on my side. Please try again in a moment.',

  // Names
  'offer.ActionPack': 'Action Pack',
  'offer.Silver': 'Silver',
  'offer.Gold': 'Gold',
  'kind.ProductSupport': 'Microsoft Product Support (on-premises)',
  'kind.SignatureCloudSupport': 'Signature Cloud Support (cloud)',
  'role.GlobalAdmin': 'Global admin',
  'role.MpnPartnerAdmin': 'MPN partner admin',
  'role.AdminAgent': 'Admin agent',
  'role.HelpdeskAgent': 'Helpdesk agent',
  'roles.none': 'no admin role',
  'allowance.incidents': '{n} incidents',
  'allowance.unlimited': 'unlimited incidents',
  'allowance.none': 'not included',

  // Tiers (F1-F8, F17, F24)
  'tiers.title': 'Technical support benefits by membership',
  'tiers.col.offer': 'Membership',
  'tiers.col.productSupport': 'Product Support (on-premises)',
  'tiers.col.cloudCompetency': 'Cloud Support with a cloud competency',
  'tiers.col.otherCompetency': 'Cloud Support with other competencies only',
  'tiers.note.productSupport': 'Microsoft Product Support covers current on-premises products.', // F1
  'tiers.note.cloud':
    'Signature Cloud Support covers cloud products only and comes with Silver and Gold competencies, not with Action Pack.', // F4, F7, F17
  'tiers.note.cloudCompetencies': 'Cloud competencies: {list}. Every other competency counts as "other".', // F8
  'tiers.note.support':
    'Technical support means troubleshooting a specific problem, an error message, or a feature that does not work as expected.', // F24
  'tiers.org.title': 'What {org} gets today',
  'tiers.org.line': '{kind}: {allowance}',
  'tiers.org.because': 'because of {reason}',
  'tiers.org.noCloud': 'Signature Cloud Support: not included, because Action Pack has no cloud support.', // F7
  'tiers.org.noActive':
    '{org} has no active membership today, so it has no support benefits to use right now.', // F11
  'tiers.org.unknown':
    'I cannot tell which partner organization you belong to, so this is the general table. Once your organization is in my partner directory, I show what it gets.',
  'reason.actionPack': 'the Action Pack membership',
  'reason.competency': '{offer} in {competency}',

  // Refusals (F9-F11)
  'refusal.title': 'I cannot do that for you yet',
  'refusal.todo': 'What you can do',
  'refusal.unknownTenant':
    'Your organization is not in my partner directory (tenant {tenantId}), so I cannot tell what it is entitled to.',
  'refusal.unknownTenant.none':
    'This conversation does not tell me which organization you belong to, so I cannot look up its benefits.',
  'refusal.unknownTenant.todo':
    'Ask the team that runs this bot (your partner helpdesk) to add your organization and your account to my partner directory. Then ask me again.',
  'refusal.unknownUser': 'Your account is not in my partner directory for {org}.',
  'refusal.unknownUser.todo':
    'Ask the team that runs this bot (your partner helpdesk) to add your account (object id {aadObjectId}) to my partner directory. Until then, the people below can help.',
  'refusal.wrongTenant':
    'You are signed in to a different organization than the one your account belongs to in my directory.',
  'refusal.wrongTenant.todo':
    'Switch to your work account for your partner organization in Teams (account picture, top right) and ask me again.',
  'refusal.helpdeskOnly':
    'Your account belongs to the helpdesk team, not to a partner organization, so there are no benefits to activate or IDs to show for it.',
  'refusal.helpdeskOnly.todo': 'To act for a partner, ask one of its admins to do it in their own chat with me.',
  'refusal.cspAccount':
    'Your account is associated only with the Cloud Solution Provider program (CSP), not with the partner network (MPN). With such an account the portal answers "You are not authorized to perform this action".', // F10
  'refusal.cspAccount.todo':
    'Sign in with an account that is associated with MPN, or ask one of the people below to activate.',
  'refusal.noActiveMembership':
    '{org} has no active membership offer today, so there are no benefits to activate. The portal says "It looks like you don\'t have any benefits yet" in that case.', // F11
  'refusal.noActiveMembership.todo':
    'If your company does have an active membership, you are most likely signed in with the wrong account: switch accounts (account picture, top right) and try again. Otherwise, renew the membership first.',
  'refusal.notAdmin':
    'Only a Global admin or an MPN partner admin can activate the benefits. Your account has: {roles}.', // F9
  'refusal.notAdmin.todo': 'Ask one of the people below to activate, or ask for one of those roles.',
  'refusal.admins': 'Who can activate for {org}',
  'refusal.noAdmins': 'I do not know any admin of {org} yet; your Global admin can activate or assign the role.',

  // Role check
  'roleCheck.ok.title': 'Yes, you can activate',
  'roleCheck.ok.text': 'You are {roles} at {org}, your account is associated with MPN, and {org} has an active membership.', // F9
  'roleCheck.ok.already': 'The benefits of {org} are already active, so there is nothing left to activate.',

  // Activation (F9, F12, F25)
  'activation.confirm.title': 'Activate the support benefits of {org}?',
  'activation.confirm.text':
    'This activates the following for one year, from {start} to {end}. Benefits must be activated before anyone can use them.', // F25
  'activation.confirm.yes': 'Activate',
  'activation.confirm.no': 'Not now',
  'activation.confirm.reprompt': 'Please press "Activate" or "Not now" on the card, or type yes or no.',
  'activation.cancelled': 'Okay, nothing was activated.',
  'activation.changed':
    'What would be activated has changed since that card was shown (a new day or a membership change). Here is what applies now:',
  'activation.done.title': 'Done: the benefits of {org} are active',
  'activation.already.title': 'The benefits of {org} are already active',
  'activation.groupChat':
    'Done: the benefits of {org} are active. I do not post the IDs into a shared conversation; ask me "what is our access id?" in a personal chat.',

  // IDs (F12-F14)
  'ids.title': 'Access ID and Contract ID of {org}',
  'ids.accessId': 'Access ID',
  'ids.contractId': 'Contract ID',
  'ids.valid': 'Valid',
  'ids.validRange': '{start} to {end}',
  'ids.allowance': 'Incidents',
  'ids.activatedBy': 'Activated by',
  'ids.activatedByValue': '{name}, {date}',
  'ids.whenNeeded':
    'You need these IDs only the first time an account uses Product Support or Signature Cloud Support; after that the benefit stays linked to that account until it expires or no incidents are left.', // F13
  'ids.anyAccount':
    'Every user of {org} may see them, and any work or Microsoft account that has both IDs can use on-premises support.', // F12, F14
  'ids.notActivated.title': 'No IDs yet',
  'ids.expired.title': 'No current contract',
  'ids.expired':
    'The support contracts of {org} expired on {date}, so their Access ID and Contract ID can no longer be used. An admin can activate the benefits again while the membership is active.', // F21
  'ids.notActivated':
    '{org} has not activated its technical support benefits yet, so there is no Access ID or Contract ID. The benefits must be activated before they can be used.', // F25
  'ids.youCanActivate': 'You are an admin who may activate them: press "Activate benefits" and confirm.', // F9
  'ids.groupChat':
    'I do not post the Access ID and Contract ID into a shared conversation. Ask me in a personal chat, and I will show them there.',
} as const;

export type StringKey = keyof typeof en;

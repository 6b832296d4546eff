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
    'Try: "what support do partners get?", "can I activate?", "activate our benefits", "what is our access id?", or a question about the rules such as "do I need the Access ID for every case?". Type "cancel" to stop what we are doing, or "start over".',
  'menu.tiers': 'What support do we get?',
  'menu.roleCheck': 'Can I activate?',
  'menu.activate': 'Activate benefits',
  'menu.ids': 'Our Access ID and Contract ID',
  'menu.person': 'Talk to a person',
  'menu.help': 'Help',
  'fallback.text': 'Sorry, I did not understand that. Here is what I can help with:',
  'fallback.unknown': 'I do not know that: the partner benefits page does not say. Someone from the helpdesk can find out ("Talk to a person"). Here is what I can help with:',
  'cancel.done': 'Okay, I stopped that. Ask me anything else or pick from the menu.',
  'cancel.nothing': 'There is nothing to cancel right now.',
  'startOver.done': "Okay, let's start over.",
  'error.generic': 'Sorry, something went wrong on my side. Please try again in a moment.',
  'state.crossed':
    'Your messages crossed: I handled another one of yours at the same moment. What I confirmed above as done is done, but I lost track of where we are: if I just asked you something, please repeat your last step.',
  // Flood limit (issue 13, server/floodLimit.ts): one user or organization sending faster than the bot answers
  'flood.user': 'Please slow down a little: you are sending messages faster than I can answer. Wait a few seconds, then send your last message again; I skipped the ones that came too fast.',
  'flood.tenant': 'Please slow down a little: your organization is sending me more messages than I can answer right now. Wait a few seconds, then send your last message again; I skipped the ones that came too fast.',

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
  'allowance.incidents': '{n} incident|{n} incidents',
  'allowance.unlimited': 'unlimited incidents',
  'allowance.none': 'not included',

  // Tiers (F1-F8, F17, F24)
  'tiers.title': 'Technical support benefits by membership',
  'tiers.col.kind': 'Support',
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
  'noMembership.title': 'No benefits without an active membership',
  'noMembership.ids': '{org} has no active membership offer today, so it has no support benefits: no contract, no Access ID and no Contract ID. There is nothing to activate either.', // F11
  'noMembership.balance': '{org} has no active membership offer today, so it has no support contract and no incidents to count. There is nothing to activate either.', // F11
  'refusal.noActiveMembership.todo':
    'If your company does have an active membership, you are most likely signed in with the wrong account: switch accounts (account picture, top right) and try again. Otherwise, renew the membership first.',
  'refusal.notAdmin':
    'Only a Global admin or an MPN partner admin can activate the benefits. Your account has: {roles}.', // F9
  'refusal.notAdmin.todo': 'Ask one of the people below to activate, or ask for one of those roles.',
  'refusal.admins': 'Who can activate for {org}',
  'refusal.noAdmins': 'I do not know any admin of {org} yet; your Global admin can activate or assign the role.',

  // Role check
  'roleCheck.ok.title': 'Yes, you can activate',
  'roleCheck.alreadyActive': 'The benefits of {org} are already active, so nobody needs to activate them. Every user of {org} may use the IDs:', // F12
  'roleCheck.ok.text': 'You are {roles} at {org}, your account is associated with MPN, and {org} has an active membership.', // F9
  'roleCheck.already.title': 'Already active: nothing left to activate',
  'roleCheck.already.text': 'You are {roles} at {org}, so you may activate, but the benefits of {org} are already active. Every user of {org} can ask me for the Access ID and Contract ID.', // F9, F12

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
  'activation.card.title': 'The benefits of {org} are active',
  'activation.card.since': 'Activated on {date}.',
  'activation.card.sinceBy': 'Activated by {name} on {date}.',
  'activation.card.ids': 'Every user of {org} can ask me for the Access ID and Contract ID in a personal chat.',
  'activation.groupChat':
    'Done: the benefits of {org} are active. I do not post the IDs into a shared conversation; ask me "what is our access id?" in a personal chat.',
  'activation.already.groupChat':
    'The benefits of {org} are already active, so there is nothing left to activate. I show the Access ID and Contract ID only in a personal chat with me: ask me "what is our access id?" there.',

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

  // Menu additions
  'menu.group.benefits': 'Your benefits',
  'menu.group.using': 'Using them',
  'menu.assoc': 'Azure: "already associated"',
  'menu.plan': 'Which support or plan?',
  'menu.balance': 'Incidents left',

  // Choices shared by questions
  'choice.yes': 'Yes',
  'choice.no': 'No',
  'choice.unsure': 'Not sure',
  'choice.kind.ProductSupport': 'Product Support (on-premises)',
  'choice.kind.SignatureCloudSupport': 'Signature Cloud Support',
  'choice.reprompt': 'Please press one of the buttons, or type your answer.',

  // Links
  'link.azure': 'Azure Help + support',
  'link.sfb': 'Support for Business',
  'link.partnerCenter': 'Partner Center customers',
  'link.compare': 'Compare support plans',
  'link.advanced': 'Advanced Support for Partners',
  'link.premier': 'Premier Support for Partners',
  'link.remaining': 'How to see remaining incidents',
  'link.benefits': 'Benefits in Partner Center',

  // "Access ID is already associated" (F7, F17, F18, F20-F22)
  'assoc.title': 'The Azure error "Access ID is already associated"',
  'assoc.where':
    'Signature Cloud Support is linked in the Azure portal under Help + support, Support plans, "Link support benefits", with the Access ID and the Contract ID.', // F22
  'assoc.intro': 'This message is often misleading. Usually one of two things is behind it:',
  'assoc.intro.s1':
    '• The contract is already associated with your account (for example, it was added earlier for on-premises support): ignore the error, choose "+ New support request" and create the case as usual.', // F20
  'assoc.intro.s2': '• The contract has expired, or its 10-pack or 5-pack has no incidents left: then a new support plan is needed.', // F21
  'assoc.intro.which': 'A few questions tell which it is.',
  'assoc.question': 'Who is the Azure support request for?',
  'assoc.choice.own': 'Our own company',
  'assoc.choice.csp': 'A CSP customer',
  'assoc.csp.title': 'For a CSP customer there is nothing to link',
  'assoc.csp.text':
    'When you create an Azure request for a CSP customer, choose the "Cloud Solution Provider" support plan; no support contract needs to be added.', // F18
  'assoc.csp.route':
    'With the Admin agent role, start in Partner Center: CSP, Customers, Service management, New request. The product\'s portal opens, where you add the support contract if asked and create the request.', // F19
  'assoc.actionPack.title': 'Action Pack includes no cloud support',
  'assoc.actionPack.text':
    '{org} has the Action Pack, which includes Microsoft Product Support for on-premises products but no Signature Cloud Support. There is nothing to link in Azure; for Azure cases a paid support plan is the way.', // F7, F17
  'assoc.notActivated.title': 'Activate first',
  'assoc.notActivated.text':
    '{org} has not activated its technical support benefits yet, so there is no valid Access ID to link. Activate them first, then link with the new IDs.', // F25
  'assoc.noMembership.text': '{org} has no active membership today, so there is no cloud support to link.', // F11
  'assoc.s1.title': 'The error is misleading: you can go ahead',
  'assoc.s1.text':
    'The contract is already associated with this account (for example, it was added earlier for on-premises support), and a contract only needs to be associated once. Ignore the error, choose "+ New support request" and create the case as usual: your support plan appears there.', // F20
  'assoc.s1.directory': 'My directory shows the cloud support contract of {org} as valid until {end}, with {left}.',
  'assoc.s2.title': 'This contract can no longer be linked',
  'assoc.s2.expired':
    'The Signature Cloud Support contract of {org} expired on {end}. An invalid contract is hidden, so linking it again shows the same error.', // F21
  'assoc.s2.usedUp':
    'The Signature Cloud Support contract of {org} has no incidents left ({used} of {total} used). An invalid contract is hidden, so linking it again shows the same error.', // F21
  'assoc.s2.told':
    'An expired contract, or a 10-pack or 5-pack without incidents left, is hidden because it is no longer valid, so linking it again shows the same error.', // F21
  'assoc.s2.next': 'To open Azure cases you need a new support plan. Here is what fits:',
  'assoc.q1':
    'Were this Access ID and Contract ID already added with the account you are signed in with, for example earlier for on-premises support?',
  'assoc.q2': 'Has your cloud support contract expired, or has its 5-pack or 10-pack run out of incidents?',
  'assoc.notLinked.title': 'Check where the contract is linked',
  'assoc.notLinked.text':
    'If the contract was not added with your account, it may be linked to a colleague\'s account: a contract stays with the account that used it first, until it expires or runs out of incidents. Check it in Support for Business; a colleague who already has it can open the case.', // F13, F16
  'assoc.check.title': 'To check the contract in Support for Business',
  'assoc.check.step1':
    '1. Start creating an on-premises request in Support for Business (for example, choose Windows 10 and enter placeholder details).', // F16
  'assoc.check.step2':
    '2. Your partner support contract appears with its start date, end date and remaining incidents, unless it is no longer valid. If it is not linked yet, use "Add contract" with the two IDs. You do not need to submit the request.', // F16

  // Which support, which plan (F15, F17-F19, F23, F24, F26)
  'plan.question': 'What does the problem concern?',
  'plan.choice.onPremises': 'An on-premises product',
  'plan.choice.cloud': 'A cloud product',
  'plan.choice.cspCustomer': "A CSP customer's Azure",
  'plan.choice.presales': 'Presales or deployment',
  'plan.onPremises.title': 'On-premises products: Support for Business',
  'plan.onPremises.text':
    'Open the case in the Support for Business portal; it uses your Microsoft Product Support incidents.', // F15
  'plan.cloud.title': 'Cloud products: Signature Cloud Support',
  'plan.cloud.text':
    "Open the case in the product's own portal (for Azure: Help + support) with Signature Cloud Support, which comes with Silver and Gold competencies only.", // F17, F22
  'plan.cloud.paid.title': 'Cloud products: a paid support plan',
  'plan.cloud.paid.text':
    "Without a usable Signature Cloud Support contract, cloud cases need a paid support plan; you open them in the product's own portal (for Azure: Help + support).", // F21, F23
  'plan.csp.title': "A CSP customer's Azure: through Partner Center",
  'plan.presales.title': 'Presales and deployment: TPD, not incidents',
  'plan.presales.text':
    'Technical support is for troubleshooting a specific problem, error message or feature that does not work as expected. Presales and deployment help comes from Technical Presales and Deployment Services (TPD), a separate benefit that does not use incidents. You find it in Partner Center on the technical benefits page, next to the support benefits.', // F24, F26
  'plan.covered': '{org} is covered: {kind}, {left}, valid until {end}.',
  'plan.gap.actionPack': '{org} has the Action Pack, which includes no cloud support.', // F7
  'plan.gap.expired': 'The {kind} contract of {org} has expired.',
  'plan.gap.usedUp': 'The {kind} contract of {org} has no incidents left.',
  'plan.gap.toldExpired': 'As you describe it, the {kind} contract has expired, so it cannot be used for new cases.', // F21
  'plan.gap.toldUnusable': 'As you describe it, the {kind} contract has expired or has no incidents left, so it cannot be used for new cases.', // F21
  'plan.gap.toldUsedUp': 'As you describe it, the {kind} contract has no incidents left, so it cannot be used for new cases.', // F21
  'plan.gap.notActivated': '{org} has no current contract for this, but its membership entitles it to one: an admin can activate it.', // F25
  'plan.gap.noMembership': '{org} has no active membership, so no benefit covers this.',
  'plan.gap.unknownOrganization': 'I do not know your organization, so I cannot tell whether your benefit covers this.',
  'plan.recommend': 'Where the benefit does not cover it, a paid plan does:',
  'plan.advanced': 'Advanced Support for Partners: for cloud products only.', // F23
  'plan.premier': "Premier Support for Partners: Microsoft's top tier of technical support.", // F23
  'plan.compare': 'Both plans are compared on the partner support page.', // F23

  // Balance (F13, F16, F21)
  'balance.title': 'Incident balance of {org}',
  'balance.total': 'Total',
  'balance.used': 'Used',
  'balance.left': 'Left',
  'balance.valid': 'Valid',
  'balance.cases': 'Cases recorded in this bot: {cases}',
  'balance.unlimited': 'unlimited',
  'balance.unknown': 'unknown',
  'balance.warn.expired': 'Expired on {end}.',
  'balance.warn.endsSoon': 'Ends in 1 day, on {end}.|Ends in {n} days, on {end}.',
  'balance.warn.fewLeft': 'Only 1 left.|Only {n} left.',
  'balance.warn.usedUp': 'No incidents left.',
  'balance.disclaimer':
    'These numbers are the record of {org} in this bot. The authoritative count is in Support for Business; the Azure portal and the other cloud portals do not show it.', // F16
  'balance.noContract.title': 'No contract yet',
  'balance.noContract':
    '{org} has no support contract yet, so there is no balance. The benefits must be activated before they can be used.', // F25
  'left.incidents': '{n} incident left|{n} incidents left',
  'left.unknown': 'an unknown number of incidents left',
  'left.unlimited': 'unlimited incidents',

  // Recording a used incident
  'incident.whichKind': 'Which benefit did the case use?',
  'incident.askCaseRef': 'What is the case number (the support request number)?',
  'incident.badCaseRef':
    'That does not look like a case number. Please type the support request number, for example 2611230040001234.',
  'incident.confirm.title': 'Record a used incident?',
  'incident.confirm.counted': '{kind}, case {caseRef}. Incidents left afterwards: {after}.',
  'incident.confirm.unlimited': '{kind}, case {caseRef}. The contract is unlimited: the case is recorded without counting.',
  'incident.confirm.unknown': '{kind}, case {caseRef}. The total of this contract is unknown here; check Support for Business.',
  'incident.confirm.yes': 'Record it',
  'incident.confirm.no': 'Cancel',
  'incident.recorded': 'Recorded: case {caseRef} on {kind}. {left}',
  'incident.recorded.left': '{n} incident left.|{n} incidents left.',
  'incident.recorded.unknown': 'The total of this contract is unknown here; check Support for Business.',
  'incident.recorded.unlimited': 'Unlimited: nothing was counted.',
  'incident.refused.duplicate': 'Case {caseRef} is already recorded for {org}; a case counts only once.',
  'incident.refused.usedUp': 'The {kind} contract of {org} has no incidents left, so I cannot record another one.',
  'incident.refused.expired': 'The {kind} contract of {org} has expired, so no incident can be recorded on it.',
  'incident.refused.noContract': '{org} has no {kind} contract to record an incident on.',
  'incident.refused.badCaseRef': 'That does not look like a case number.',
  'incident.cancelled': 'Okay, nothing was recorded.',
  'incident.noContracts': '{org} has no current contract to record an incident on.',

  'paste.noBenefits.active':
    '{org} does have an active membership, so you are most likely signed in with the wrong account. Switch accounts (account picture, top right) to the one of your partner organization.', // F11
  // Pasted portal errors
  'paste.notAuthorized':
    'That portal message usually means the account is associated only with CSP, not with the partner network (MPN). Here is what I see for your account:', // F10
  'paste.noBenefits':
    'That portal message appears when the company has no active membership offer, or when you are signed in with another account than your partner organization\'s. Here is what I see:', // F11

  // Helpdesk: partner lookup (issue 4)
  'helpdesk.notAgent': 'Partner lookups, triage and the audit log are for the helpdesk team only.',
  'lookup.ask': 'Which partner? Give me the partner id, the tenant id or part of the name.',
  'lookup.none': 'I found no partner for "{query}". Try the partner id, the tenant id or part of the name.',
  'lookup.many': 'Several partners match "{query}". Which one do you mean?',
  'summary.title': '{org} (partner {partnerId})',
  'summary.tenant': 'Tenant',
  'summary.memberships': 'Memberships',
  'summary.membership': '{offer}, {start} to {end}',
  'summary.membershipInactive': '{offer}, {start} to {end} (not active)',
  'summary.entitlement': 'Entitled to today',
  'summary.noEntitlement': 'Nothing today: no active membership.',
  'summary.activation': 'Activation',
  'summary.activated': 'activated',
  'summary.notActivated': 'not activated',
  'summary.contracts': 'Contracts',
  'summary.admins': 'Can activate',
  'summary.noAdmins': 'nobody in the directory',
  'summary.reveal': 'Reveal IDs',
  'summary.masked': 'The IDs are masked. "Reveal IDs" shows them in full and is recorded in the audit log.',
  'summary.revealPersonal': 'I reveal the IDs only in a personal chat with me; here they stay masked.',
  'summary.revealed': 'The IDs are shown in full; this was recorded in the audit log.',

  // Proactive reminders (issue 4)
  // For admins (GlobalAdmin / MpnPartnerAdmin), about a contract ending (F13, F21)
  'reminder.endsSoon':
    'Reminder: the {kind} contract of {org} ends in {days} days, on {end}. After that day it can no longer be used for support requests.',
  'reminder.endsTomorrow':
    'Reminder: the {kind} contract of {org} ends tomorrow, on {end}. After that day it can no longer be used for support requests.',
  'reminder.endsToday':
    'Reminder: the {kind} contract of {org} ends today ({end}). After today it can no longer be used for support requests.',
  // For admins, about incidents running low (F16, F21, F23)
  'reminder.fewLeft': 'Reminder: only {remaining} incidents are left on the {kind} contract of {org} (valid until {end}).',
  'reminder.oneLeft': 'Reminder: only 1 incident is left on the {kind} contract of {org} (valid until {end}).',
  'reminder.noneLeft':
    'Reminder: no incidents are left on the {kind} contract of {org}. Further support cases need a new or paid support plan: ask me "which support plan should we buy?".',
  'reminder.balanceHint': 'Ask me "how many incidents do we have left?" to see the whole balance.',
  // For the organization's users, after an activation (F12, F13)
  'reminder.activated':
    'Good news: the technical support benefits of {org} are active now ({kinds}). Ask me "what is our access id?" in this chat to get the Access ID and Contract ID. You need them only the first time your account uses the support.',

  // Escalation and cases (issue 4)
  'escalate.ask': 'In one line: what do you need help with? I will pass it to the helpdesk with what we talked about.',
  'escalate.noChannel':
    'I cannot reach the helpdesk yet: nobody has set up its conversation. Please try again later; the operator has been told.',
  'escalate.created': 'I passed this to the helpdesk as case {id}. You will hear from them in your personal chat with me.',
  'escalate.tooShort': 'Please describe the problem in a few words.',
  'helpdesk.channelSet': 'This conversation now receives escalations from partners.',
  'case.title': 'Case {id}: {status}',
  'case.status.open': 'open',
  'case.status.assigned': 'assigned',
  'case.status.resolved': 'resolved',
  'case.partner': 'Partner',
  'case.from': 'From',
  'case.created': 'Created',
  'case.assignee': 'Assigned to',
  'case.summary': 'Problem',
  'case.context': 'Last topic in the chat',
  'case.note': 'Resolution note',
  'case.notePlaceholder': 'What was done (the partner gets this note)',
  'case.assign': 'Assign to me',
  'case.resolve': 'Resolve',
  'case.assigned.partner': 'Your case {id} was taken by {name} from the helpdesk.',
  'case.resolved.partner': 'Your case {id} was resolved by {name}: {note}',
  'case.assigned.ack': 'Case {id} is assigned to you.',
  'case.resolved.ack': 'Case {id} is resolved; the partner was told.',
  'case.resolved.ackUntold': 'Case {id} is resolved. I could not reach the partner in a personal chat; please tell them.',
  'case.assignedOther': 'Case {id} is already assigned to {name}.',
  'case.alreadyResolved': 'Case {id} is already resolved.',
  'case.notFound': 'I do not know that case.',
  'case.noteMissing': 'Please write a resolution note before pressing "Resolve".',

  // Triage (issue 4)
  'triage.partner': 'Triage: which partner? Give me the partner id, the tenant id or the name.',
  'triage.partnerAgain': 'I need exactly one partner. {problem} Which partner id?',
  'triage.category': 'What is the problem about?',
  'triage.cat.activation': 'Activation',
  'triage.cat.roles': 'Roles or account',
  'triage.cat.ids': 'The IDs',
  'triage.cat.assoc': '"Already associated"',
  'triage.cat.plan': 'Which support or plan',
  'triage.cat.balance': 'Incident balance',
  'triage.cat.other': 'Something else',
  'triage.scope': 'On-premises or cloud?',
  'triage.scope.onPremises': 'On-premises',
  'triage.scope.cloud': 'Cloud',
  'triage.error': 'Paste the error message the partner sees, or type "none".',
  'triage.title': 'Triage: {org}',
  'triage.diagnosis': 'Diagnosis: {text}',
  'triage.benefits': 'Benefits of the partner',
  'triage.saved': 'Saved as case {id}.',
  'triage.dx.notActivated': 'not activated yet; an admin ({admins}) can activate it.',
  'triage.dx.activated': 'activated; every user of the organization can ask me for the IDs in a personal chat.',
  'triage.dx.noMembership': 'no active membership, so no benefits (or the partner is signed in with the wrong account).',
  'triage.dx.roles': 'only a Global admin or MPN partner admin can activate; the admins are: {admins}. A CSP-only account gets "You are not authorized to perform this action".',
  'triage.dx.csp': 'the account is associated only with CSP; an MPN-associated account is needed.',
  'triage.dx.assoc.valid': 'the cloud contract is valid, so the Access ID is most likely linked to this account already: the partner can ignore the error, choose "+ New support request" in the Azure portal and open the case as usual; the support plan is offered there.',
  'triage.dx.assoc.usedUp': 'the cloud contract has no incidents left: Azure hides it and shows the same error at every new link, so the error will not go away. To get Azure support cases the partner needs a new support plan (Advanced Support for Partners or Premier Support for Partners).',
  'triage.dx.assoc.expired': 'the cloud contract has expired: Azure hides it and shows the same error at every new link, so the error will not go away. To get Azure support cases the partner needs a new support plan (Advanced Support for Partners or Premier Support for Partners).',
  'triage.dx.assoc.actionPack': 'Action Pack: no cloud support at all; a paid plan is the way.',
  'triage.dx.other': 'no automatic diagnosis; see the partner data below.',
  'triage.dx.none': 'no contract.',
  // Knowledge base (issue 6)
  'kb.source': 'Source: partner benefits page, section "{section}"',
  'kb.personal.title': 'For {org}:',
  'kb.personal.none': 'Today {org} has no active membership offer, so none of this applies yet.',
  'kb.feedback.question': 'Did this help?',
  'kb.alternatives': 'Or did you mean:',
  'kb.alsoAsked': 'You also asked:',
  'kb.feedback.yes': 'Yes',
  'kb.feedback.no': 'No',
  'kb.feedback.already': 'You already told me about this answer. Thank you!',
  'kb.feedback.thanks': 'Thank you! That helps me get better.',
  'kb.notHelped.title': 'Sorry that did not help',
  'kb.notHelped.tips':
    'Try asking in other words: name the portal (Support for Business, Azure portal, Partner Center), quote the error message as it appears, or say which benefit you mean (on-premises product support or cloud support).',
  'kb.notHelped.question': 'Is one of these closer to your question?',
  'kb.didYouMean.title': 'Did you mean ...?',
  'kb.didYouMean.text': 'I am not sure I understood your question. Pick the one closest to yours, or ask again in other words.',
  'kb.didYouMean.question': 'Which question is yours?',
  'kb.didYouMean.none': 'None of these',
  'kb.noneFits.title':
    'Then I do not know that',
  'kb.noneFits.text':
    'I have no answer to your question in what I know about the partner benefits, and I would rather not guess. Ask again in other words, or let the helpdesk find out: press "Talk to a person", and I will ask you for one line to pass on.',
  // Helpdesk side of escalations (issue 14)
  'escalate.waiting':
    'I saved your request as case {id}. The helpdesk has not set up its conversation with me yet; your case reaches the helpdesk as soon as it is set up, and you will hear from them in your personal chat with me. If it is urgent, you can also open a support request yourself: on-premises products in Support for Business, cloud products in the Azure portal under Help + support.',
  'escalate.notPosted':
    'I saved your request as case {id}, but I could not reach the helpdesk just now. I pass it on as soon as I can; you will hear from them in your personal chat with me.',
  'case.asked': 'Recent questions',
  'case.flow': 'Where they were',
  'case.notePlaceholder.triage': 'What was done (kept in the case history)',
  'case.flow.escalation': 'Asked for a person directly',
  'case.flow.tiers': 'The support tiers',
  'case.flow.activate': 'Activating the benefits',
  'case.flow.roleCheck': 'Whether they may activate',
  'case.flow.ids': 'The Access ID and Contract ID',
  'case.flow.alreadyAssociated': '"Access ID already associated" in Azure',
  'case.flow.notAuthorizedError': '"You are not authorized" in Partner Center',
  'case.flow.noBenefitsError': '"You don\'t have any benefits yet" in Partner Center',
  'case.flow.supportPlan': 'Which support or plan to use',
  'case.flow.balance': 'The incident balance',
  'case.flow.recordIncident': 'Recording a used incident',
  'case.flow.knowledge': 'A question about the benefit rules',
  'case.flow.none': 'A question I did not understand',
  // Helpdesk agents (issue 14): their menu, lookups by person, case lists and history, the audit
  'hd.menu.welcome': 'Hi {name}: the helpdesk side of the bot',
  'hd.menu.title': 'Helpdesk: what I can do',
  'hd.menu.text': 'Partners and their cases, across every organization. Type a command or press a button.',
  'hd.menu.commands':
    '"partner northwind", "partner 4711002", "who is wanda@woodgrove.example": a partner, or who someone is\n"triage": a guided diagnosis, saved as a case\n"assigned to me", "open cases", "unassigned cases", "cases for 4711002": case lists\n"case C-000002": one case with its history\n"audit 4711002": the audit log\n"set helpdesk channel", typed in the helpdesk channel: partner escalations arrive there',
  'hd.menu.group.partners': 'Partners',
  'hd.menu.group.cases': 'Cases',
  'hd.menu.lookup': 'Look up a partner',
  'hd.menu.triage': 'Triage',
  'hd.menu.audit': 'Audit log',
  'hd.menu.mine': 'Assigned to me',
  'hd.menu.open': 'Open cases',
  'hd.menu.unassigned': 'Unassigned cases',
  'hd.menu.case': 'Case by id',
  'hd.summary.offerIn': '{offer} in {competency}',
  'hd.summary.admins': 'Admins',
  'hd.summary.nothingToActivate': 'nobody: no membership is in force, so there are no benefits to activate',
  'hd.summary.maskedShared': 'The IDs are masked. In a personal chat with me, "Reveal IDs" shows them in full (recorded in the audit log).',
  'hd.summary.person': 'Found',
  'hd.summary.personLine': '{name} ({roles}), {email}',
  'hd.whois.agent': '{name} ({email}) is on the helpdesk team, not in a partner organization.',
  'hd.whois.none': 'I found nobody for "{query}". Try a partner id, a tenant id, a user\'s e-mail address or object id, or part of a partner\'s name.',
  'hd.case.ask': 'Which case? Give me its id, for example C-000002.',
  'hd.case.badId': '"{text}" is not a case id. Case ids look like C-000002 (C-2 works too).',
  'hd.case.notFound': 'There is no case {id}.',
  'hd.case.notAgent': 'Cases by their id are for the helpdesk team. Your own requests: "my cases".',
  'hd.case.category': 'Topic',
  'hd.case.history': 'History',
  'hd.case.event.created': '{at}: opened by {name}',
  'hd.case.event.assigned': '{at}: taken by {name}',
  'hd.case.event.resolved': '{at}: resolved by {name}',
  'hd.case.event.other': '{at}: {event} ({name})',
  'hd.case.note': '{at}, note by {name}: {text}',
  'hd.cases.title.assignedToMe': 'Assigned to you: {n}',
  'hd.cases.title.open': 'Open cases: {n}',
  'hd.cases.title.unassigned': 'Unassigned cases: {n}',
  'hd.cases.title.partner': 'Cases of "{query}": {n}',
  'hd.cases.title.mine': 'Your requests to the helpdesk: {n}',
  'hd.cases.none.assignedToMe': 'No open case is assigned to you. "unassigned cases" shows the ones nobody has taken.',
  'hd.cases.none.open': 'There are no open cases.',
  'hd.cases.none.unassigned': 'Every open case has someone on it.',
  'hd.cases.none.partner': 'No cases for "{query}".',
  'hd.cases.none.mine': 'You have no requests with the helpdesk.',
  'hd.cases.press': 'Press a case to see it with its history.',
  'hd.cases.head': '{id} · {status} · {partner}',
  'hd.cases.meta': 'opened {at} by {from}',
  'hd.cases.metaAssigned': 'opened {at} by {from}, with {name}',
  'hd.cases.openOne': 'Open {id}',
  'hd.cases.more': 'The newest {shown} of {n}.',
  'hd.audit.title': 'Audit log: {query}',
  'hd.audit.titleAll': 'Audit log: the newest entries',
  'hd.audit.none': 'No audit entries for {query}.',
  'hd.audit.ofPartner': '{what} (partner {partnerId})',
  'hd.audit.act.activation': '{actor} activated the benefits',
  'hd.audit.act.ids.reveal': '{actor} revealed the IDs',
  'hd.audit.act.incident.recorded': '{actor} recorded a used incident',
  'hd.audit.act.case.created': '{actor} opened case {case}',
  'hd.audit.act.case.assigned': '{actor} took case {case}',
  'hd.audit.act.case.resolved': '{actor} resolved case {case}',
  'hd.audit.act.escalation': '{actor} asked for a person: case {case}',
  'hd.audit.act.helpdesk.channel': '{actor} set the helpdesk conversation',
  'hd.audit.act.reminder.sent': 'A reminder was sent to {actor}',
  'hd.audit.act.reminder.failed': 'A reminder to {actor} could not be sent',
  'hd.audit.act.other': '{actor}: {action}',
  // The helpdesk report (npm run report, issue 14)
  'report.title': 'Helpdesk report',
  'report.period': '{from} to {to}',
  'report.generated': 'Made {at} from {source}',
  'report.summary.opened': 'Cases opened',
  'report.summary.resolved': 'Cases resolved',
  'report.summary.open': 'Open now',
  'report.summary.median': 'Median time to resolution',
  'report.summary.p90': '90% resolved within',
  'report.summary.helpful': 'Answers that helped',
  'report.weeks.title': 'Cases per week',
  'report.weeks.week': 'Week of {day}',
  'report.weeks.opened': 'opened',
  'report.weeks.resolved': 'resolved',
  'report.resolution.title': 'Time to resolution',
  'report.resolution.text': 'The one case resolved in this period took {median}.|Of the {n} cases resolved in this period: half within {median}, nine in ten within {p90}.',
  'report.resolution.none': 'No case was resolved in this period.',
  'report.categories.title': 'Top categories of the cases opened',
  'report.categories.none': 'No case was opened in this period.',
  'report.categories.category': 'Category',
  'report.count': 'Cases',
  'report.kb.title': 'Knowledge base',
  'report.kb.text': 'Answers shown: {asks}. Questions without an answer: {unanswered}. "Did this help?": yes {helpful} of {feedback} times.',
  'report.kb.entries': 'Most asked answers',
  'report.kb.entry': 'Answer',
  'report.kb.asks': 'Shown',
  'report.kb.helpful': 'Helped',
  'report.kb.noFeedback': 'no feedback',
  'report.kb.unanswered': 'Questions it could not answer',
  'report.kb.question': 'Question',
  'report.kb.times': 'Asked',
  'report.kb.none': 'No knowledge-base activity in this period.',
  'report.kb.noneUnanswered': 'Every question in this period had an answer.',
  'report.none': 'none',
  'report.hours': '{n} h',
  'report.days': '{n} days',
  'report.minutes': '{n} min',
  'report.chartLabel': 'Chart: {title}',
  'report.cli.written': 'Helpdesk report {from} to {to}: {opened}, {resolved}. Written to {file}',
  'report.cli.opened': '{n} case opened|{n} cases opened',
  'report.cli.resolved': '{n} resolved',
  'report.cli.noBrowser': 'Could not open a browser; open the file yourself: {file}',
} as const;

export type StringKey = keyof typeof en;

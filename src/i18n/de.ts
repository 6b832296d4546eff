/**
 * German strings: the same keys as `en.ts` (the type enforces it, a test checks it too).
 * Written for German-speaking partners, not translated word by word.
 */
import type { StringKey } from './en.js';

export const de: Record<StringKey, string> = {
  // Willkommen, Hilfe, Menü
  'welcome.title': 'Hallo, ich helfe Ihnen, Ihre technischen Support-Vorteile als Partner zu nutzen',
  'welcome.text':
    'Fragen Sie mich in eigenen Worten, auf Deutsch oder Englisch, oder wählen Sie unten. Wenn ich Ihre Organisation kenne, antworte ich für Ihre Organisation.',
  'help.title': 'Was ich kann',
  'help.text':
    'Zum Beispiel: „Was bekommen wir?“, „Darf ich aktivieren?“, „Vorteile aktivieren“, „Wie lautet unsere Zugriffs-ID?“. Mit „abbrechen“ beenden Sie den aktuellen Vorgang, mit „von vorne“ beginnen Sie neu.',
  'menu.tiers': 'Welchen Support bekommen wir?',
  'menu.roleCheck': 'Darf ich aktivieren?',
  'menu.activate': 'Vorteile aktivieren',
  'menu.ids': 'Unsere Zugriffs-ID und Vertrags-ID',
  'menu.help': 'Hilfe',
  'fallback.text': 'Das habe ich leider nicht verstanden. Dabei kann ich helfen:',
  'cancel.done': 'In Ordnung, ich habe das abgebrochen. Fragen Sie mich etwas anderes oder wählen Sie im Menü.',
  'cancel.nothing': 'Gerade läuft nichts, was ich abbrechen könnte.',
  'startOver.done': 'In Ordnung, wir fangen von vorne an.',
  'error.generic': 'Entschuldigung, bei mir ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.',

  // Namen
  'offer.ActionPack': 'Action Pack',
  'offer.Silver': 'Silber',
  'offer.Gold': 'Gold',
  'kind.ProductSupport': 'Microsoft Product Support (lokal installierte Produkte)',
  'kind.SignatureCloudSupport': 'Signature Cloud Support (Cloud)',
  'role.GlobalAdmin': 'Globaler Administrator',
  'role.MpnPartnerAdmin': 'MPN-Partneradministrator',
  'role.AdminAgent': 'Administratoragent',
  'role.HelpdeskAgent': 'Helpdesk-Mitarbeiter',
  'roles.none': 'keine Administratorrolle',
  'allowance.incidents': '{n} Incidents',
  'allowance.unlimited': 'unbegrenzte Anzahl an Incidents',
  'allowance.none': 'nicht enthalten',

  // Stufen (F1-F8, F17, F24)
  'tiers.title': 'Technische Support-Vorteile nach Mitgliedschaft',
  'tiers.col.offer': 'Mitgliedschaft',
  'tiers.col.productSupport': 'Product Support (lokal)',
  'tiers.col.cloudCompetency': 'Cloud Support mit Cloud-Kompetenz',
  'tiers.col.otherCompetency': 'Cloud Support nur mit anderen Kompetenzen',
  'tiers.note.productSupport': 'Microsoft Product Support gilt für aktuelle, lokal installierte Produkte.',
  'tiers.note.cloud':
    'Signature Cloud Support gilt nur für Cloud-Produkte und gehört zu Silber- und Gold-Kompetenzen, nicht zum Action Pack.',
  'tiers.note.cloudCompetencies': 'Cloud-Kompetenzen sind: {list}. Alle anderen Kompetenzen zählen als „andere“.',
  'tiers.note.support':
    'Technischer Support heißt: Hilfe bei einem konkreten Problem, einer Fehlermeldung oder einer Funktion, die nicht wie erwartet arbeitet.',
  'tiers.org.title': 'Das bekommt {org} heute',
  'tiers.org.line': '{kind}: {allowance}',
  'tiers.org.because': 'aufgrund von {reason}',
  'tiers.org.noCloud': 'Signature Cloud Support: nicht enthalten, denn das Action Pack umfasst keinen Cloud-Support.',
  'tiers.org.noActive':
    '{org} hat heute keine aktive Mitgliedschaft und deshalb gerade keine Support-Vorteile.',
  'tiers.org.unknown':
    'Ich kann nicht erkennen, zu welcher Partnerorganisation Sie gehören, deshalb sehen Sie die allgemeine Übersicht. Sobald Ihre Organisation in meinem Partnerverzeichnis steht, zeige ich, was ihr zusteht.',
  'reason.actionPack': 'der Action-Pack-Mitgliedschaft',
  'reason.competency': '{offer} in {competency}',

  // Ablehnungen (F9-F11)
  'refusal.title': 'Das kann ich für Sie noch nicht tun',
  'refusal.todo': 'Was Sie tun können',
  'refusal.unknownTenant':
    'Ihre Organisation steht nicht in meinem Partnerverzeichnis (Mandant {tenantId}), daher weiß ich nicht, was ihr zusteht.',
  'refusal.unknownTenant.none':
    'Aus dieser Unterhaltung geht nicht hervor, zu welcher Organisation Sie gehören, daher kann ich ihre Vorteile nicht nachsehen.',
  'refusal.unknownTenant.todo':
    'Bitten Sie das Team, das diesen Bot betreibt (Ihren Partner-Helpdesk), Ihre Organisation und Ihr Konto in mein Partnerverzeichnis aufzunehmen. Fragen Sie mich danach erneut.',
  'refusal.unknownUser': 'Ihr Konto steht für {org} nicht in meinem Partnerverzeichnis.',
  'refusal.unknownUser.todo':
    'Bitten Sie das Team, das diesen Bot betreibt (Ihren Partner-Helpdesk), Ihr Konto (Objekt-ID {aadObjectId}) in mein Partnerverzeichnis aufzunehmen. Bis dahin helfen Ihnen die unten genannten Personen.',
  'refusal.wrongTenant':
    'Sie sind bei einer anderen Organisation angemeldet als der, zu der Ihr Konto laut meinem Verzeichnis gehört.',
  'refusal.wrongTenant.todo':
    'Wechseln Sie in Teams zum Geschäftskonto Ihrer Partnerorganisation (Kontobild oben rechts) und fragen Sie mich erneut.',
  'refusal.helpdeskOnly':
    'Ihr Konto gehört zum Helpdesk-Team und zu keiner Partnerorganisation, daher gibt es dafür weder Vorteile zu aktivieren noch IDs anzuzeigen.',
  'refusal.helpdeskOnly.todo':
    'Um für einen Partner zu handeln, bitten Sie einen seiner Administratoren, es in seinem eigenen Chat mit mir zu tun.',
  'refusal.cspAccount':
    'Ihr Konto ist nur mit dem Cloud-Solution-Provider-Programm (CSP) verknüpft, nicht mit dem Partnernetzwerk (MPN). Mit einem solchen Konto meldet das Portal „Sie sind nicht für diese Aktion autorisiert“.',
  'refusal.cspAccount.todo':
    'Melden Sie sich mit einem Konto an, das mit MPN verknüpft ist, oder bitten Sie eine der unten genannten Personen, die Aktivierung vorzunehmen.',
  'refusal.noActiveMembership':
    '{org} hat heute kein aktives Mitgliedschaftsangebot, daher gibt es keine Vorteile zu aktivieren. Das Portal zeigt dann „Es sieht so aus, als ob Sie noch keine Vorteile haben“.',
  'refusal.noActiveMembership.todo':
    'Hat Ihr Unternehmen doch eine aktive Mitgliedschaft, sind Sie sehr wahrscheinlich mit dem falschen Konto angemeldet: Wechseln Sie das Konto (Kontobild oben rechts) und versuchen Sie es erneut. Andernfalls verlängern Sie zuerst die Mitgliedschaft.',
  'refusal.notAdmin':
    'Nur ein Globaler Administrator oder ein MPN-Partneradministrator kann die Vorteile aktivieren. Ihr Konto hat: {roles}.',
  'refusal.notAdmin.todo':
    'Bitten Sie eine der unten genannten Personen um die Aktivierung oder lassen Sie sich eine dieser Rollen zuweisen.',
  'refusal.admins': 'Wer für {org} aktivieren kann',
  'refusal.noAdmins':
    'Ich kenne noch keinen Administrator von {org}; Ihr Globaler Administrator kann aktivieren oder die Rolle zuweisen.',

  // Rollenprüfung
  'roleCheck.ok.title': 'Ja, Sie können aktivieren',
  'roleCheck.ok.text':
    'Sie sind {roles} bei {org}, Ihr Konto ist mit MPN verknüpft, und {org} hat eine aktive Mitgliedschaft.',
  'roleCheck.ok.already': 'Die Vorteile von {org} sind bereits aktiviert, es gibt nichts mehr zu aktivieren.',

  // Aktivierung (F9, F12, F25)
  'activation.confirm.title': 'Support-Vorteile von {org} aktivieren?',
  'activation.confirm.text':
    'Damit wird Folgendes für ein Jahr aktiviert, vom {start} bis zum {end}. Erst nach der Aktivierung kann jemand die Vorteile nutzen.',
  'activation.confirm.yes': 'Aktivieren',
  'activation.confirm.no': 'Jetzt nicht',
  'activation.confirm.reprompt':
    'Bitte klicken Sie auf der Karte auf „Aktivieren“ oder „Jetzt nicht“, oder schreiben Sie ja oder nein.',
  'activation.cancelled': 'In Ordnung, es wurde nichts aktiviert.',
  'activation.changed':
    'Was aktiviert würde, hat sich seit dieser Karte geändert (ein neuer Tag oder eine geänderte Mitgliedschaft). Das gilt jetzt:',
  'activation.done.title': 'Erledigt: Die Vorteile von {org} sind aktiviert',
  'activation.already.title': 'Die Vorteile von {org} sind bereits aktiviert',
  'activation.groupChat':
    'Erledigt: Die Vorteile von {org} sind aktiviert. Die IDs poste ich nicht in eine gemeinsame Unterhaltung; fragen Sie mich im persönlichen Chat nach „unserer Zugriffs-ID“.',

  // IDs (F12-F14)
  'ids.title': 'Zugriffs-ID und Vertrags-ID von {org}',
  'ids.accessId': 'Zugriffs-ID (Access ID)',
  'ids.contractId': 'Vertrags-ID (Contract ID)',
  'ids.valid': 'Gültig',
  'ids.validRange': '{start} bis {end}',
  'ids.allowance': 'Incidents',
  'ids.activatedBy': 'Aktiviert von',
  'ids.activatedByValue': '{name}, {date}',
  'ids.whenNeeded':
    'Sie brauchen diese IDs nur, wenn ein Konto Product Support oder Signature Cloud Support zum ersten Mal nutzt; danach bleibt der Vorteil mit diesem Konto verknüpft, bis er abläuft oder keine Incidents mehr übrig sind.',
  'ids.anyAccount':
    'Alle Benutzer von {org} dürfen sie sehen, und jedes Geschäfts- oder Microsoft-Konto mit beiden IDs kann den Support für lokale Produkte nutzen.',
  'ids.notActivated.title': 'Noch keine IDs',
  'ids.expired.title': 'Kein gültiger Vertrag',
  'ids.expired':
    'Die Supportverträge von {org} sind am {date} abgelaufen, ihre Zugriffs-ID und Vertrags-ID können nicht mehr verwendet werden. Ein Administrator kann die Vorteile erneut aktivieren, solange die Mitgliedschaft aktiv ist.',
  'ids.notActivated':
    '{org} hat die technischen Support-Vorteile noch nicht aktiviert, daher gibt es noch keine Zugriffs-ID und keine Vertrags-ID. Die Vorteile müssen vor der Nutzung aktiviert werden.',
  'ids.youCanActivate': 'Sie dürfen als Administrator aktivieren: Klicken Sie auf „Vorteile aktivieren“ und bestätigen Sie.',
  'ids.groupChat':
    'Zugriffs-ID und Vertrags-ID poste ich nicht in eine gemeinsame Unterhaltung. Fragen Sie mich im persönlichen Chat, dort zeige ich sie Ihnen.',
};

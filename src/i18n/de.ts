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
    'Zum Beispiel: „Was bekommen wir?“, „Darf ich aktivieren?“, „Vorteile aktivieren“, „Wie lautet unsere Zugriffs-ID?“ oder eine Frage zu den Regeln wie „Brauche ich die Zugriffs-ID bei jedem Fall?“. Mit „abbrechen“ beenden Sie den aktuellen Vorgang, mit „von vorne“ beginnen Sie neu.',
  'menu.tiers': 'Welchen Support bekommen wir?',
  'menu.roleCheck': 'Darf ich aktivieren?',
  'menu.activate': 'Vorteile aktivieren',
  'menu.ids': 'Zugriffs-ID und Vertrags-ID',
  'menu.person': 'Mit einem Menschen sprechen',
  'menu.help': 'Hilfe',
  'fallback.text': 'Das habe ich leider nicht verstanden. Dabei kann ich helfen:',
  'fallback.unknown': 'Das weiß ich nicht: Die Seite zu den Partnervorteilen sagt dazu nichts. Das Helpdesk-Team kann es herausfinden („Mit einem Menschen sprechen“). Dabei kann ich helfen:',
  'cancel.done': 'In Ordnung, ich habe das abgebrochen. Fragen Sie mich etwas anderes oder wählen Sie im Menü.',
  'cancel.nothing': 'Gerade läuft nichts, was ich abbrechen könnte.',
  'startOver.done': 'In Ordnung, wir fangen von vorne an.',
  'error.generic': 'Entschuldigung, bei mir ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.',
  'state.crossed':
    'Ihre Nachrichten haben sich überschnitten: Ich habe gleichzeitig eine andere Nachricht von Ihnen bearbeitet. Was ich oben als erledigt bestätigt habe, ist erledigt, aber wo wir gerade stehen, weiß ich nicht mehr: Wenn ich Sie eben etwas gefragt habe, wiederholen Sie bitte Ihren letzten Schritt.',
  // Flood limit (issue 13, server/floodLimit.ts): one user or organization sending faster than the bot answers
  'flood.user': 'Bitte etwas langsamer: Sie senden Nachrichten schneller, als ich antworten kann. Warten Sie ein paar Sekunden und senden Sie dann Ihre letzte Nachricht noch einmal; die zu schnellen habe ich übersprungen.',
  'flood.tenant': 'Bitte etwas langsamer: Ihre Organisation sendet mir gerade mehr Nachrichten, als ich beantworten kann. Warten Sie ein paar Sekunden und senden Sie dann Ihre letzte Nachricht noch einmal; die zu schnellen habe ich übersprungen.',

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
  'allowance.incidents': '{n} Incident|{n} Incidents',
  'allowance.unlimited': 'unbegrenzt viele Incidents',
  'allowance.none': 'nicht enthalten',

  // Stufen (F1-F8, F17, F24)
  'tiers.title': 'Technische Support-Vorteile nach Mitgliedschaft',
  'tiers.col.kind': 'Support',
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
  'tiers.org.because': 'wegen {reason}',
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
  'noMembership.title': 'Ohne aktive Mitgliedschaft keine Vorteile',
  'noMembership.ids': '{org} hat heute kein aktives Mitgliedschaftsangebot und damit keine Support-Vorteile: keinen Vertrag, keine Zugriffs-ID und keine Vertrags-ID. Aktivieren lässt sich deshalb auch nichts.',
  'noMembership.balance': '{org} hat heute kein aktives Mitgliedschaftsangebot und damit keinen Supportvertrag und keine Incidents. Aktivieren lässt sich deshalb auch nichts.',
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
  'roleCheck.alreadyActive': 'Die Vorteile von {org} sind bereits aktiviert, niemand muss sie mehr aktivieren. Alle Benutzer von {org} dürfen die IDs verwenden:',
  'roleCheck.ok.title': 'Ja, Sie können aktivieren',
  'roleCheck.ok.text':
    'Sie sind {roles} bei {org}, Ihr Konto ist mit MPN verknüpft, und {org} hat eine aktive Mitgliedschaft.',
  'roleCheck.already.title': 'Bereits aktiviert: Es gibt nichts mehr zu aktivieren',
  'roleCheck.already.text': 'Sie sind {roles} bei {org} und dürften aktivieren, aber die Vorteile von {org} sind bereits aktiviert. Alle Benutzer von {org} können mich nach der Zugriffs-ID und der Vertrags-ID fragen.',

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
  'activation.card.title': 'Die Vorteile von {org} sind aktiviert',
  'activation.card.since': 'Aktiviert am {date}.',
  'activation.card.sinceBy': 'Aktiviert von {name} am {date}.',
  'activation.card.ids': 'Alle Benutzer von {org} können mich im persönlichen Chat nach der Zugriffs-ID und der Vertrags-ID fragen.',
  'activation.groupChat':
    'Erledigt: Die Vorteile von {org} sind aktiviert. Die IDs poste ich nicht in eine gemeinsame Unterhaltung; fragen Sie mich im persönlichen Chat nach „unserer Zugriffs-ID“.',
  'activation.already.groupChat':
    'Die Vorteile von {org} sind bereits aktiviert, es gibt nichts mehr zu aktivieren. Zugriffs-ID und Vertrags-ID zeige ich nur im persönlichen Chat mit mir: Fragen Sie mich dort „Wie lautet unsere Zugriffs-ID?“.',

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

  // Menü-Ergänzungen
  'menu.group.benefits': 'Ihre Vorteile',
  'menu.group.using': 'Nutzung',
  'menu.assoc': 'Azure: „bereits zugeordnet“',
  'menu.plan': 'Welcher Support, welcher Plan?',
  'menu.balance': 'Verbleibende Incidents',

  // Antworten auf Fragen
  'choice.yes': 'Ja',
  'choice.no': 'Nein',
  'choice.unsure': 'Weiß nicht',
  'choice.kind.ProductSupport': 'Product Support (lokal)',
  'choice.kind.SignatureCloudSupport': 'Signature Cloud Support',
  'choice.reprompt': 'Bitte klicken Sie auf eine der Schaltflächen oder schreiben Sie Ihre Antwort.',

  // Links
  'link.azure': 'Azure: Hilfe + Support',
  'link.sfb': 'Support for Business',
  'link.partnerCenter': 'Partner Center: Kunden',
  'link.compare': 'Supportpläne vergleichen',
  'link.advanced': 'Advanced Support for Partners',
  'link.premier': 'Premier Support for Partners',
  'link.remaining': 'Verbleibende Incidents ansehen',
  'link.benefits': 'Vorteile im Partner Center',

  // „Zugriffs-ID ist bereits zugeordnet“
  'assoc.title': 'Der Azure-Fehler „Zugriffs-ID ist bereits einem Konto zugeordnet“',
  'assoc.where':
    'Signature Cloud Support wird im Azure-Portal unter Hilfe + Support, Supportpläne, „Supportvorteile verknüpfen“ mit Zugriffs-ID und Vertrags-ID verknüpft.',
  'assoc.intro': 'Diese Meldung führt oft in die Irre. Meist steckt eines von zwei Dingen dahinter:',
  'assoc.intro.s1':
    '• Der Vertrag ist Ihrem Konto bereits zugeordnet (zum Beispiel, weil er früher für den Support lokaler Produkte hinzugefügt wurde): Ignorieren Sie die Meldung, wählen Sie „+ Neue Supportanfrage“ und erstellen Sie den Fall wie gewohnt.',
  'assoc.intro.s2': '• Der Vertrag ist abgelaufen, oder sein 10er- bzw. 5er-Paket hat keine Incidents mehr: Dann ist ein neuer Supportplan nötig.',
  'assoc.intro.which': 'Ein paar Fragen klären, was bei Ihnen zutrifft.',
  'assoc.question': 'Für wen ist die Azure-Supportanfrage?',
  'assoc.choice.own': 'Für unser Unternehmen',
  'assoc.choice.csp': 'Für einen CSP-Kunden',
  'assoc.csp.title': 'Für einen CSP-Kunden muss nichts verknüpft werden',
  'assoc.csp.text':
    'Wenn Sie eine Azure-Anfrage für einen CSP-Kunden erstellen, wählen Sie den Supportplan „Cloud Solution Provider“; ein Supportvertrag muss nicht hinzugefügt werden.',
  'assoc.csp.route':
    'Mit der Rolle Administratoragent beginnen Sie im Partner Center: CSP, Kunden, Dienstverwaltung, Neue Anfrage. Es öffnet sich das Portal des Produkts, in dem Sie bei Bedarf den Supportvertrag hinzufügen und die Anfrage erstellen.',
  'assoc.actionPack.title': 'Das Action Pack enthält keinen Cloud-Support',
  'assoc.actionPack.text':
    '{org} hat das Action Pack: Es enthält Microsoft Product Support für lokal installierte Produkte, aber keinen Signature Cloud Support. In Azure gibt es nichts zu verknüpfen; für Azure-Fälle ist ein kostenpflichtiger Supportplan der Weg.',
  'assoc.notActivated.title': 'Zuerst aktivieren',
  'assoc.notActivated.text':
    '{org} hat die technischen Support-Vorteile noch nicht aktiviert, daher gibt es keine gültige Zugriffs-ID zum Verknüpfen. Aktivieren Sie sie zuerst und verknüpfen Sie dann mit den neuen IDs.',
  'assoc.noMembership.text': '{org} hat heute keine aktive Mitgliedschaft, daher gibt es keinen Cloud-Support zum Verknüpfen.',
  'assoc.s1.title': 'Die Meldung führt in die Irre: Sie können weitermachen',
  'assoc.s1.text':
    'Der Vertrag ist diesem Konto bereits zugeordnet (zum Beispiel, weil er früher für den Support lokaler Produkte hinzugefügt wurde), und ein Vertrag muss nur einmal zugeordnet werden. Ignorieren Sie die Meldung, wählen Sie „+ Neue Supportanfrage“ und erstellen Sie den Fall wie gewohnt: Ihr Supportplan erscheint dort.',
  'assoc.s1.directory': 'Laut meinem Verzeichnis ist der Cloud-Supportvertrag von {org} bis zum {end} gültig; es gibt {left}.',
  'assoc.s2.title': 'Dieser Vertrag lässt sich nicht mehr verknüpfen',
  'assoc.s2.expired':
    'Der Signature-Cloud-Support-Vertrag von {org} ist am {end} abgelaufen. Ein ungültiger Vertrag wird ausgeblendet, daher zeigt erneutes Verknüpfen dieselbe Meldung.',
  'assoc.s2.usedUp':
    'Der Signature-Cloud-Support-Vertrag von {org} hat keine Incidents mehr ({used} von {total} verbraucht). Ein ungültiger Vertrag wird ausgeblendet, daher zeigt erneutes Verknüpfen dieselbe Meldung.',
  'assoc.s2.told':
    'Ein abgelaufener Vertrag oder ein 10er- bzw. 5er-Paket ohne verbleibende Incidents wird ausgeblendet, weil er nicht mehr gültig ist; erneutes Verknüpfen zeigt deshalb dieselbe Meldung.',
  'assoc.s2.next': 'Für Azure-Fälle brauchen Sie einen neuen Supportplan. Folgende Pläne kommen infrage:',
  'assoc.q1':
    'Wurden diese Zugriffs-ID und Vertrags-ID mit dem Konto, mit dem Sie angemeldet sind, schon einmal hinzugefügt, zum Beispiel früher für den Support lokaler Produkte?',
  'assoc.q2': 'Ist Ihr Cloud-Supportvertrag abgelaufen, oder sind die Incidents des 5er- oder 10er-Pakets aufgebraucht?',
  'assoc.notLinked.title': 'Prüfen Sie, wo der Vertrag verknüpft ist',
  'assoc.notLinked.text':
    'Wurde der Vertrag nicht mit Ihrem Konto hinzugefügt, ist er vielleicht mit dem Konto eines Kollegen verknüpft: Ein Vertrag bleibt bei dem Konto, das ihn zuerst genutzt hat, bis er abläuft oder keine Incidents mehr übrig sind. Prüfen Sie ihn in Support for Business; ein Kollege, der ihn bereits hat, kann den Fall eröffnen.',
  'assoc.check.title': 'So prüfen Sie den Vertrag in Support for Business',
  'assoc.check.step1':
    '1. Beginnen Sie in Support for Business eine Anfrage für ein lokales Produkt (wählen Sie zum Beispiel Windows 10 und geben Sie Platzhalterangaben ein).',
  'assoc.check.step2':
    '2. Ihr Partner-Supportvertrag erscheint mit Start- und Enddatum und den verbleibenden Incidents, sofern er noch gültig ist. Ist er noch nicht verknüpft, fügen Sie ihn mit „Vertrag hinzufügen“ und den beiden IDs hinzu. Die Anfrage müssen Sie nicht absenden.',

  // Welcher Support, welcher Plan
  'plan.question': 'Worum geht es bei dem Problem?',
  'plan.choice.onPremises': 'Lokal installiertes Produkt',
  'plan.choice.cloud': 'Cloud-Produkt',
  'plan.choice.cspCustomer': 'Azure eines CSP-Kunden',
  'plan.choice.presales': 'Presales oder Bereitstellung',
  'plan.onPremises.title': 'Lokal installierte Produkte: Support for Business',
  'plan.onPremises.text':
    'Eröffnen Sie den Fall im Portal Support for Business; er verbraucht Incidents Ihres Microsoft Product Support.',
  'plan.cloud.title': 'Cloud-Produkte: Signature Cloud Support',
  'plan.cloud.paid.title': 'Cloud-Produkte: ein kostenpflichtiger Supportplan',
  'plan.cloud.paid.text':
    'Ohne nutzbaren Vertrag für Signature Cloud Support brauchen Cloud-Fälle einen kostenpflichtigen Supportplan; eröffnet werden sie im Portal des Produkts (für Azure: Hilfe + Support).',
  'plan.cloud.text':
    'Eröffnen Sie den Fall im Portal des Produkts (für Azure: Hilfe + Support) mit Signature Cloud Support; den gibt es nur mit Silber- und Gold-Kompetenzen.',
  'plan.csp.title': 'Azure eines CSP-Kunden: über das Partner Center',
  'plan.presales.title': 'Presales und Bereitstellung: TPD statt Incidents',
  'plan.presales.text':
    'Technischer Support ist für die Fehlersuche bei einem konkreten Problem, einer Fehlermeldung oder einer Funktion, die nicht wie erwartet arbeitet. Hilfe bei Presales und Bereitstellung bieten die Technical Presales and Deployment Services (TPD), ein eigener Vorteil, der keine Incidents verbraucht. Sie finden ihn im Partner Center auf der Seite „Technische Vorteile“, neben den Support-Vorteilen.',
  'plan.covered': '{org} ist abgedeckt: {kind}, {left}, gültig bis {end}.',
  'plan.gap.actionPack': '{org} hat das Action Pack, das keinen Cloud-Support enthält.',
  'plan.gap.expired': 'Der Vertrag von {org} für {kind} ist abgelaufen.',
  'plan.gap.usedUp': 'Der Vertrag von {org} für {kind} hat keine Incidents mehr.',
  'plan.gap.toldExpired': 'Wie Sie es beschreiben, ist der Vertrag für {kind} abgelaufen und für neue Fälle nicht mehr nutzbar.',
  'plan.gap.toldUnusable': 'Wie Sie es beschreiben, ist der Vertrag für {kind} abgelaufen oder hat keine Incidents mehr und ist für neue Fälle nicht mehr nutzbar.',
  'plan.gap.toldUsedUp': 'Wie Sie es beschreiben, hat der Vertrag für {kind} keine Incidents mehr und ist für neue Fälle nicht mehr nutzbar.',
  'plan.gap.notActivated': '{org} hat dafür keinen gültigen Vertrag, die Mitgliedschaft berechtigt aber dazu: Ein Administrator kann ihn aktivieren.',
  'plan.gap.noMembership': '{org} hat keine aktive Mitgliedschaft, daher deckt kein Vorteil das ab.',
  'plan.gap.unknownOrganization': 'Ihre Organisation kenne ich nicht, daher kann ich nicht sagen, ob Ihr Vorteil das abdeckt.',
  'plan.recommend': 'Wo der Vorteil es nicht abdeckt, hilft ein kostenpflichtiger Plan:',
  'plan.advanced': 'Advanced Support for Partners: nur für Cloud-Produkte.',
  'plan.premier': 'Premier Support for Partners: die höchste Stufe des technischen Supports von Microsoft.',
  'plan.compare': 'Beide Pläne werden auf der Partner-Supportseite verglichen.',

  // Kontostand
  'balance.title': 'Incident-Kontingent von {org}',
  'balance.total': 'Gesamt',
  'balance.used': 'Verbraucht',
  'balance.left': 'Übrig',
  'balance.valid': 'Gültig',
  'balance.cases': 'In diesem Bot erfasste Fälle: {cases}',
  'balance.unlimited': 'unbegrenzt',
  'balance.unknown': 'unbekannt',
  'balance.warn.expired': 'Abgelaufen am {end}.',
  'balance.warn.endsSoon': 'Endet morgen, am {end}.|Endet in {n} Tagen, am {end}.',
  'balance.warn.fewLeft': 'Nur noch 1 übrig.|Nur noch {n} übrig.',
  'balance.warn.usedUp': 'Keine Incidents mehr übrig.',
  'balance.disclaimer':
    'Diese Zahlen stammen aus den Aufzeichnungen dieses Bots für {org}. Maßgeblich ist der Stand in Support for Business; das Azure-Portal und die anderen Cloud-Portale zeigen ihn nicht an.',
  'balance.noContract.title': 'Noch kein Vertrag',
  'balance.noContract':
    '{org} hat noch keinen Supportvertrag, daher gibt es kein Kontingent. Die Vorteile müssen vor der Nutzung aktiviert werden.',
  'left.incidents': 'noch {n} Incident|noch {n} Incidents',
  'left.unknown': 'eine unbekannte Zahl an Incidents',
  'left.unlimited': 'unbegrenzt viele Incidents',

  // Verbrauchten Incident erfassen
  'incident.whichKind': 'Für welchen Vorteil wurde der Fall eröffnet?',
  'incident.askCaseRef': 'Wie lautet die Fallnummer (die Nummer der Supportanfrage)?',
  'incident.badCaseRef':
    'Das sieht nicht nach einer Fallnummer aus. Bitte schreiben Sie die Nummer der Supportanfrage, zum Beispiel 2611230040001234.',
  'incident.confirm.title': 'Verbrauchten Incident erfassen?',
  'incident.confirm.counted': '{kind}, Fall {caseRef}. Danach übrige Incidents: {after}.',
  'incident.confirm.unlimited': '{kind}, Fall {caseRef}. Der Vertrag ist unbegrenzt: Der Fall wird ohne Zählung erfasst.',
  'incident.confirm.unknown': '{kind}, Fall {caseRef}. Das Gesamtkontingent dieses Vertrags ist hier unbekannt; prüfen Sie Support for Business.',
  'incident.confirm.yes': 'Erfassen',
  'incident.confirm.no': 'Abbrechen',
  'incident.recorded': 'Erfasst: Fall {caseRef} für {kind}. {left}',
  'incident.recorded.left': 'Noch {n} Incident übrig.|Noch {n} Incidents übrig.',
  'incident.recorded.unknown': 'Das Gesamtkontingent dieses Vertrags ist hier unbekannt; prüfen Sie Support for Business.',
  'incident.recorded.unlimited': 'Unbegrenzt: Es wurde nichts gezählt.',
  'incident.refused.duplicate': 'Fall {caseRef} ist für {org} bereits erfasst; ein Fall zählt nur einmal.',
  'incident.refused.usedUp': 'Der Vertrag von {org} für {kind} hat keine Incidents mehr, daher kann ich keinen weiteren erfassen.',
  'incident.refused.expired': 'Der Vertrag von {org} für {kind} ist abgelaufen, darauf kann kein Incident erfasst werden.',
  'incident.refused.noContract': '{org} hat keinen Vertrag für {kind}, auf den ein Incident erfasst werden könnte.',
  'incident.refused.badCaseRef': 'Das sieht nicht nach einer Fallnummer aus.',
  'incident.cancelled': 'In Ordnung, es wurde nichts erfasst.',
  'incident.noContracts': '{org} hat keinen gültigen Vertrag, auf den ein Incident erfasst werden könnte.',

  'paste.noBenefits.active':
    '{org} hat eine aktive Mitgliedschaft, Sie sind also sehr wahrscheinlich mit dem falschen Konto angemeldet. Wechseln Sie das Konto (Kontobild oben rechts) zu dem Ihrer Partnerorganisation.',
  // Eingefügte Portal-Fehlermeldungen
  'paste.notAuthorized':
    'Diese Meldung des Portals bedeutet meist, dass das Konto nur mit CSP verknüpft ist, nicht mit dem Partnernetzwerk (MPN). Das sehe ich für Ihr Konto:',
  'paste.noBenefits':
    'Diese Meldung des Portals erscheint, wenn das Unternehmen kein aktives Mitgliedschaftsangebot hat oder wenn Sie mit einem anderen Konto als dem Ihrer Partnerorganisation angemeldet sind. Das sehe ich:',

  // Helpdesk: Partnersuche
  'helpdesk.notAgent': 'Partnersuche, Triage und Audit-Protokoll sind nur für das Helpdesk-Team.',
  'lookup.ask': 'Welcher Partner? Nennen Sie die Partner-ID, die Mandanten-ID oder einen Teil des Namens.',
  'lookup.none': 'Zu „{query}“ habe ich keinen Partner gefunden. Versuchen Sie die Partner-ID, die Mandanten-ID oder einen Teil des Namens.',
  'lookup.many': 'Mehrere Partner passen zu „{query}“. Welchen meinen Sie?',
  'summary.title': '{org} (Partner {partnerId})',
  'summary.tenant': 'Mandant',
  'summary.memberships': 'Mitgliedschaften',
  'summary.membership': '{offer}, {start} bis {end}',
  'summary.membershipInactive': '{offer}, {start} bis {end} (nicht aktiv)',
  'summary.entitlement': 'Anspruch heute',
  'summary.noEntitlement': 'Heute nichts: keine aktive Mitgliedschaft.',
  'summary.activation': 'Aktivierung',
  'summary.activated': 'aktiviert',
  'summary.notActivated': 'nicht aktiviert',
  'summary.contracts': 'Verträge',
  'summary.admins': 'Kann aktivieren',
  'summary.noAdmins': 'niemand im Verzeichnis',
  'summary.reveal': 'IDs anzeigen',
  'summary.masked': 'Die IDs sind maskiert. „IDs anzeigen“ zeigt sie vollständig und wird im Audit-Protokoll vermerkt.',
  'summary.revealPersonal': 'Die IDs zeige ich nur im persönlichen Chat mit mir vollständig; hier bleiben sie maskiert.',
  'summary.revealed': 'Die IDs werden vollständig angezeigt; das wurde im Audit-Protokoll vermerkt.',

  // Proactive reminders (issue 4)
  'reminder.endsSoon':
    'Erinnerung: Der Vertrag {kind} von {org} endet in {days} Tagen, am {end}. Danach kann er nicht mehr für Support-Anfragen genutzt werden.',
  'reminder.endsTomorrow':
    'Erinnerung: Der Vertrag {kind} von {org} endet morgen, am {end}. Danach kann er nicht mehr für Support-Anfragen genutzt werden.',
  'reminder.endsToday':
    'Erinnerung: Der Vertrag {kind} von {org} endet heute ({end}). Ab morgen kann er nicht mehr für Support-Anfragen genutzt werden.',
  'reminder.fewLeft': 'Erinnerung: Für den Vertrag {kind} von {org} sind nur noch {remaining} Incidents übrig (gültig bis {end}).',
  'reminder.oneLeft': 'Erinnerung: Für den Vertrag {kind} von {org} ist nur noch 1 Incident übrig (gültig bis {end}).',
  'reminder.noneLeft':
    'Erinnerung: Für den Vertrag {kind} von {org} sind keine Incidents mehr übrig. Für weitere Support-Fälle ist ein neuer oder kostenpflichtiger Supportplan nötig: Fragen Sie mich „Welchen Supportplan sollen wir kaufen?“.',
  'reminder.balanceHint': 'Fragen Sie mich „Wie viele Incidents haben wir noch?“, um das ganze Kontingent zu sehen.',
  'reminder.activated':
    'Gute Nachricht: Die technischen Support-Vorteile von {org} sind jetzt aktiv ({kinds}). Fragen Sie mich hier „Wie lautet unsere Zugriffs-ID?“, um die Zugriffs-ID und die Vertrags-ID zu erhalten. Sie brauchen sie nur, wenn Ihr Konto den Support zum ersten Mal nutzt.',

  // Eskalation und Fälle
  'escalate.ask': 'In einem Satz: Wobei brauchen Sie Hilfe? Ich gebe es mit unserem bisherigen Gespräch an den Helpdesk weiter.',
  'escalate.noChannel':
    'Den Helpdesk kann ich noch nicht erreichen: Niemand hat seine Unterhaltung eingerichtet. Bitte versuchen Sie es später erneut; der Betreiber ist informiert.',
  'escalate.created': 'Ich habe das als Fall {id} an den Helpdesk weitergegeben. Sie hören von ihm im persönlichen Chat mit mir.',
  'escalate.tooShort': 'Bitte beschreiben Sie das Problem in ein paar Worten.',
  'helpdesk.channelSet': 'Diese Unterhaltung erhält jetzt die Eskalationen der Partner.',
  'case.title': 'Fall {id}: {status}',
  'case.status.open': 'offen',
  'case.status.assigned': 'zugewiesen',
  'case.status.resolved': 'gelöst',
  'case.partner': 'Partner',
  'case.from': 'Von',
  'case.created': 'Erstellt',
  'case.assignee': 'Zugewiesen an',
  'case.summary': 'Problem',
  'case.context': 'Letztes Thema im Chat',
  'case.note': 'Lösungsnotiz',
  'case.notePlaceholder': 'Was getan wurde (der Partner erhält diese Notiz)',
  'case.assign': 'Mir zuweisen',
  'case.resolve': 'Lösen',
  'case.assigned.partner': 'Ihr Fall {id} wurde von {name} aus dem Helpdesk übernommen.',
  'case.resolved.partner': 'Ihr Fall {id} wurde von {name} gelöst: {note}',
  'case.assigned.ack': 'Fall {id} ist Ihnen zugewiesen.',
  'case.resolved.ack': 'Fall {id} ist gelöst; der Partner wurde benachrichtigt.',
  'case.resolved.ackUntold': 'Fall {id} ist gelöst. Den Partner konnte ich im persönlichen Chat nicht erreichen; bitte informieren Sie ihn.',
  'case.assignedOther': 'Fall {id} ist bereits {name} zugewiesen.',
  'case.alreadyResolved': 'Fall {id} ist bereits gelöst.',
  'case.notFound': 'Diesen Fall kenne ich nicht.',
  'case.noteMissing': 'Bitte schreiben Sie eine Lösungsnotiz, bevor Sie auf „Lösen“ klicken.',

  // Triage
  'triage.partner': 'Triage: Welcher Partner? Nennen Sie die Partner-ID, die Mandanten-ID oder den Namen.',
  'triage.partnerAgain': 'Ich brauche genau einen Partner. {problem} Welche Partner-ID?',
  'triage.category': 'Worum geht es?',
  'triage.cat.activation': 'Aktivierung',
  'triage.cat.roles': 'Rollen oder Konto',
  'triage.cat.ids': 'Die IDs',
  'triage.cat.assoc': '„Bereits zugeordnet“',
  'triage.cat.plan': 'Welcher Support oder Plan',
  'triage.cat.balance': 'Incident-Kontingent',
  'triage.cat.other': 'Etwas anderes',
  'triage.scope': 'Lokal oder Cloud?',
  'triage.scope.onPremises': 'Lokal',
  'triage.scope.cloud': 'Cloud',
  'triage.error': 'Fügen Sie die Fehlermeldung ein, die der Partner sieht, oder schreiben Sie „keine“.',
  'triage.title': 'Triage: {org}',
  'triage.diagnosis': 'Diagnose: {text}',
  'triage.benefits': 'Vorteile des Partners',
  'triage.saved': 'Als Fall {id} gespeichert.',
  'triage.dx.notActivated': 'noch nicht aktiviert; ein Administrator ({admins}) kann aktivieren.',
  'triage.dx.activated': 'aktiviert; jeder Benutzer der Organisation kann mich im persönlichen Chat nach den IDs fragen.',
  'triage.dx.noMembership': 'keine aktive Mitgliedschaft, also keine Vorteile (oder der Partner ist mit dem falschen Konto angemeldet).',
  'triage.dx.roles': 'nur ein Globaler Administrator oder MPN-Partneradministrator kann aktivieren; Administratoren sind: {admins}. Ein reines CSP-Konto erhält „Sie sind nicht für diese Aktion autorisiert“.',
  'triage.dx.csp': 'das Konto ist nur mit CSP verknüpft; nötig ist ein mit MPN verknüpftes Konto.',
  'triage.dx.assoc.valid': 'der Cloud-Vertrag ist gültig, die Zugriffs-ID ist also höchstwahrscheinlich schon mit diesem Konto verknüpft: Der Partner kann die Meldung ignorieren, im Azure-Portal „+ Neue Supportanfrage“ wählen und den Fall wie gewohnt eröffnen; der Supportplan wird dort angeboten.',
  'triage.dx.assoc.usedUp': 'der Cloud-Vertrag hat keine Incidents mehr: Azure blendet ihn aus und zeigt bei jedem neuen Verknüpfen dieselbe Meldung, sie verschwindet also nicht. Für Azure-Supportfälle braucht der Partner einen neuen Supportplan (Advanced Support for Partners oder Premier Support for Partners).',
  'triage.dx.assoc.expired': 'der Cloud-Vertrag ist abgelaufen: Azure blendet ihn aus und zeigt bei jedem neuen Verknüpfen dieselbe Meldung, sie verschwindet also nicht. Für Azure-Supportfälle braucht der Partner einen neuen Supportplan (Advanced Support for Partners oder Premier Support for Partners).',
  'triage.dx.assoc.actionPack': 'Action Pack: gar kein Cloud-Support; ein kostenpflichtiger Plan ist der Weg.',
  'triage.dx.other': 'keine automatische Diagnose; siehe die Partnerdaten unten.',
  'triage.dx.none': 'kein Vertrag.',
  // Wissensdatenbank (Issue 6)
  'kb.source': 'Quelle: Seite zu den Partnervorteilen, Abschnitt „{section}“',
  'kb.personal.title': 'Für {org}:',
  'kb.personal.none': '{org} hat heute kein aktives Mitgliedschaftsangebot, daher gilt davon noch nichts.',
  'kb.feedback.question': 'Hat Ihnen das geholfen?',
  'kb.alternatives': 'Oder meinten Sie:',
  'kb.alsoAsked': 'Sie haben auch gefragt:',
  'kb.feedback.yes': 'Ja',
  'kb.feedback.no': 'Nein',
  'kb.feedback.already': 'Das haben Sie mir zu dieser Antwort schon gesagt. Danke!',
  'kb.feedback.thanks': 'Danke! Das hilft mir, besser zu werden.',
  'kb.notHelped.title': 'Schade, dass das nicht geholfen hat',
  'kb.notHelped.tips':
    'Fragen Sie gern mit anderen Worten: Nennen Sie das Portal (Support for Business, Azure-Portal, Partner Center), zitieren Sie die Fehlermeldung so, wie sie erscheint, oder sagen Sie, welchen Vorteil Sie meinen (Produktsupport für lokale Produkte oder Cloud-Support).',
  'kb.notHelped.question': 'Passt eine dieser Fragen besser zu Ihrer?',
  'kb.didYouMean.title': 'Meinten Sie …?',
  'kb.didYouMean.text': 'Ich bin nicht sicher, ob ich Ihre Frage richtig verstanden habe. Wählen Sie die passende aus oder fragen Sie mit anderen Worten.',
  'kb.didYouMean.question': 'Welche Frage meinen Sie?',
  'kb.didYouMean.none': 'Keine davon',
  'kb.noneFits.title':
    'Dann weiß ich das nicht',
  'kb.noneFits.text':
    'Auf Ihre Frage finde ich in dem, was ich über die Partnervorteile weiß, keine Antwort, und raten möchte ich nicht. Fragen Sie mit anderen Worten noch einmal, oder lassen Sie es das Helpdesk-Team herausfinden: Klicken Sie auf „Mit einem Menschen sprechen“, dann frage ich Sie nach einem Satz, den ich weitergebe.',
  // Helpdesk side of escalations (issue 14)
  'escalate.waiting':
    'Ich habe Ihre Anfrage als Fall {id} gespeichert. Das Helpdesk-Team hat seine Unterhaltung mit mir noch nicht eingerichtet; Ihr Fall erreicht es, sobald das geschehen ist, und Sie hören von ihm im persönlichen Chat mit mir. Wenn es eilt, können Sie auch selbst eine Supportanfrage stellen: für On-Premises-Produkte in Support for Business, für Cloud-Produkte im Azure-Portal unter „Hilfe + Support“.',
  'escalate.notPosted':
    'Ich habe Ihre Anfrage als Fall {id} gespeichert, konnte das Helpdesk-Team aber gerade nicht erreichen. Ich gebe sie weiter, sobald es geht; Sie hören von ihm im persönlichen Chat mit mir.',
  'case.asked': 'Letzte Fragen',
  'case.flow': 'Wobei sie waren',
  'case.notePlaceholder.triage': 'Was getan wurde (bleibt im Fallverlauf)',
  'case.flow.escalation': 'Direkt nach einem Menschen gefragt',
  'case.flow.tiers': 'Die Support-Stufen',
  'case.flow.activate': 'Aktivieren der Vorteile',
  'case.flow.roleCheck': 'Ob sie aktivieren dürfen',
  'case.flow.ids': 'Zugriffs-ID und Vertrags-ID',
  'case.flow.alreadyAssociated': '„Zugriffs-ID bereits zugeordnet“ in Azure',
  'case.flow.notAuthorizedError': '„Nicht für diese Aktion autorisiert“ im Partner Center',
  'case.flow.noBenefitsError': '„Noch keine Vorteile“ im Partner Center',
  'case.flow.supportPlan': 'Welcher Support oder Plan',
  'case.flow.balance': 'Das Incident-Kontingent',
  'case.flow.recordIncident': 'Einen genutzten Incident eintragen',
  'case.flow.knowledge': 'Eine Frage zu den Regeln der Vorteile',
  'case.flow.none': 'Eine Frage, die ich nicht verstanden habe',
  // Helpdesk agents (issue 14): their menu, lookups by person, case lists and history, the audit
  'hd.menu.welcome': 'Hallo {name}: die Helpdesk-Seite des Bots',
  'hd.menu.title': 'Helpdesk: was ich kann',
  'hd.menu.text': 'Partner und ihre Fälle, über alle Organisationen. Geben Sie einen Befehl ein oder klicken Sie auf eine Schaltfläche.',
  'hd.menu.commands':
    '„partner northwind“, „partner 4711002“, „wer ist wanda@woodgrove.example“: ein Partner, oder wer jemand ist\n„triage“: eine geführte Diagnose, als Fall gespeichert\n„mir zugewiesen“, „offene Fälle“, „nicht zugewiesene Fälle“, „Fälle für 4711002“: Fall-Listen\n„Fall C-000002“: ein Fall mit seinem Verlauf\n„audit 4711002“: das Audit-Protokoll\n„Helpdesk-Kanal festlegen“, im Helpdesk-Kanal eingegeben: dort kommen die Eskalationen der Partner an',
  'hd.menu.group.partners': 'Partner',
  'hd.menu.group.cases': 'Fälle',
  'hd.menu.lookup': 'Partner suchen',
  'hd.menu.triage': 'Triage',
  'hd.menu.audit': 'Audit-Protokoll',
  'hd.menu.mine': 'Mir zugewiesen',
  'hd.menu.open': 'Offene Fälle',
  'hd.menu.unassigned': 'Nicht zugewiesene Fälle',
  'hd.menu.case': 'Fall nach ID',
  'hd.summary.offerIn': '{offer} in {competency}',
  'hd.summary.admins': 'Admins',
  'hd.summary.nothingToActivate': 'niemand: keine Mitgliedschaft ist in Kraft, es gibt also keine Vorteile zu aktivieren',
  'hd.summary.maskedShared': 'Die IDs sind maskiert. Im persönlichen Chat mit mir zeigt „IDs anzeigen“ sie vollständig (wird im Audit-Protokoll vermerkt).',
  'hd.summary.person': 'Gefunden',
  'hd.summary.personLine': '{name} ({roles}), {email}',
  'hd.whois.agent': '{name} ({email}) gehört zum Helpdesk-Team, nicht zu einer Partnerorganisation.',
  'hd.whois.none': 'Zu „{query}“ habe ich niemanden gefunden. Versuchen Sie eine Partner-ID, eine Mandanten-ID, die E-Mail-Adresse oder Objekt-ID eines Benutzers oder einen Teil des Partnernamens.',
  'hd.case.ask': 'Welcher Fall? Nennen Sie seine ID, zum Beispiel C-000002.',
  'hd.case.badId': '„{text}“ ist keine Fall-ID. Fall-IDs sehen so aus: C-000002 (C-2 geht auch).',
  'hd.case.notFound': 'Einen Fall {id} gibt es nicht.',
  'hd.case.notAgent': 'Fälle nach ihrer ID sind für das Helpdesk-Team. Ihre eigenen Anfragen: „meine Fälle“.',
  'hd.case.category': 'Thema',
  'hd.case.history': 'Verlauf',
  'hd.case.event.created': '{at}: eröffnet von {name}',
  'hd.case.event.assigned': '{at}: übernommen von {name}',
  'hd.case.event.resolved': '{at}: gelöst von {name}',
  'hd.case.event.other': '{at}: {event} ({name})',
  'hd.case.note': '{at}, Notiz von {name}: {text}',
  'hd.cases.title.assignedToMe': 'Ihnen zugewiesen: {n}',
  'hd.cases.title.open': 'Offene Fälle: {n}',
  'hd.cases.title.unassigned': 'Nicht zugewiesene Fälle: {n}',
  'hd.cases.title.partner': 'Fälle von „{query}“: {n}',
  'hd.cases.title.mine': 'Ihre Anfragen an das Helpdesk: {n}',
  'hd.cases.none.assignedToMe': 'Ihnen ist kein offener Fall zugewiesen. „nicht zugewiesene Fälle“ zeigt die, die noch niemand übernommen hat.',
  'hd.cases.none.open': 'Es gibt keine offenen Fälle.',
  'hd.cases.none.unassigned': 'Jeder offene Fall hat jemanden, der sich kümmert.',
  'hd.cases.none.partner': 'Keine Fälle für „{query}“.',
  'hd.cases.none.mine': 'Sie haben keine Anfragen beim Helpdesk.',
  'hd.cases.press': 'Klicken Sie auf einen Fall, um ihn mit seinem Verlauf zu sehen.',
  'hd.cases.head': '{id} · {status} · {partner}',
  'hd.cases.meta': 'eröffnet {at} von {from}',
  'hd.cases.metaAssigned': 'eröffnet {at} von {from}, bei {name}',
  'hd.cases.openOne': '{id} öffnen',
  'hd.cases.more': 'Die neuesten {shown} von {n}.',
  'hd.audit.title': 'Audit-Protokoll: {query}',
  'hd.audit.titleAll': 'Audit-Protokoll: die neuesten Einträge',
  'hd.audit.none': 'Keine Audit-Einträge für {query}.',
  'hd.audit.ofPartner': '{what} (Partner {partnerId})',
  'hd.audit.act.activation': '{actor} hat die Vorteile aktiviert',
  'hd.audit.act.ids.reveal': '{actor} hat die IDs angezeigt',
  'hd.audit.act.incident.recorded': '{actor} hat einen genutzten Incident eingetragen',
  'hd.audit.act.case.created': '{actor} hat Fall {case} eröffnet',
  'hd.audit.act.case.assigned': '{actor} hat Fall {case} übernommen',
  'hd.audit.act.case.resolved': '{actor} hat Fall {case} gelöst',
  'hd.audit.act.escalation': '{actor} hat nach einem Menschen gefragt: Fall {case}',
  'hd.audit.act.helpdesk.channel': '{actor} hat die Helpdesk-Unterhaltung festgelegt',
  'hd.audit.act.reminder.sent': 'Eine Erinnerung ging an {actor}',
  'hd.audit.act.reminder.failed': 'Eine Erinnerung an {actor} konnte nicht gesendet werden',
  'hd.audit.act.other': '{actor}: {action}',
  // The helpdesk report (npm run report, issue 14)
  'report.title': 'Helpdesk-Bericht',
  'report.period': '{from} bis {to}',
  'report.generated': 'Erstellt {at} aus {source}',
  'report.summary.opened': 'Eröffnete Fälle',
  'report.summary.resolved': 'Gelöste Fälle',
  'report.summary.open': 'Jetzt offen',
  'report.summary.median': 'Mittlere Lösungszeit (Median)',
  'report.summary.p90': '90 % gelöst innerhalb von',
  'report.summary.helpful': 'Hilfreiche Antworten',
  'report.weeks.title': 'Fälle pro Woche',
  'report.weeks.week': 'Woche vom {day}',
  'report.weeks.opened': 'eröffnet',
  'report.weeks.resolved': 'gelöst',
  'report.resolution.title': 'Zeit bis zur Lösung',
  'report.resolution.text': 'Der eine in diesem Zeitraum gelöste Fall dauerte {median}.|Von den {n} in diesem Zeitraum gelösten Fällen: die Hälfte innerhalb von {median}, neun von zehn innerhalb von {p90}.',
  'report.resolution.none': 'In diesem Zeitraum wurde kein Fall gelöst.',
  'report.categories.title': 'Häufigste Kategorien der eröffneten Fälle',
  'report.categories.none': 'In diesem Zeitraum wurde kein Fall eröffnet.',
  'report.categories.category': 'Kategorie',
  'report.count': 'Fälle',
  'report.kb.title': 'Wissensdatenbank',
  'report.kb.text': 'Gezeigte Antworten: {asks}. Fragen ohne Antwort: {unanswered}. „Hat das geholfen?“: {helpful}-mal ja von {feedback}.',
  'report.kb.entries': 'Am häufigsten gezeigte Antworten',
  'report.kb.entry': 'Antwort',
  'report.kb.asks': 'Gezeigt',
  'report.kb.helpful': 'Geholfen',
  'report.kb.noFeedback': 'keine Rückmeldung',
  'report.kb.unanswered': 'Fragen ohne Antwort',
  'report.kb.question': 'Frage',
  'report.kb.times': 'Gefragt',
  'report.kb.none': 'In diesem Zeitraum wurde die Wissensdatenbank nicht genutzt.',
  'report.kb.noneUnanswered': 'Jede Frage in diesem Zeitraum hatte eine Antwort.',
  'report.none': 'keine',
  'report.hours': '{n} Std.',
  'report.days': '{n} Tage',
  'report.minutes': '{n} Min.',
  'report.chartLabel': 'Diagramm: {title}',
  'report.cli.written': 'Helpdesk-Bericht {from} bis {to}: {opened}, {resolved}. Geschrieben nach {file}',
  'report.cli.opened': '{n} Fall eröffnet|{n} Fälle eröffnet',
  'report.cli.resolved': '{n} gelöst',
  'report.cli.noBrowser': 'Konnte keinen Browser öffnen; öffnen Sie die Datei selbst: {file}',
};

/**
 * The reminder job's user-facing sentences, English and German under one key set. Plain text,
 * placeholders `{name}`. Kept here until they move into src/i18n (en.ts / de.ts) under the same
 * keys; the contract kind names come from i18n already (`kind.*`). None of them carries an Access ID
 * or Contract ID: the IDs are shown only when a user asks in a personal chat (F12).
 */
import type { Lang } from '../i18n/index.js';

export const reminderStrings = {
  en: {
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
  },
  de: {
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
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type ReminderStringKey = keyof (typeof reminderStrings)['en'];

// Both languages have the same keys (a compile error here names the missing one).
const _deHasEn: Record<ReminderStringKey, string> = reminderStrings.de;
const _enHasDe: Record<keyof (typeof reminderStrings)['de'], string> = reminderStrings.en;
void _deHasEn;
void _enHasDe;

/** The reminder string `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function rt(lang: Lang, key: ReminderStringKey, params: Record<string, string | number> = {}): string {
  return reminderStrings[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

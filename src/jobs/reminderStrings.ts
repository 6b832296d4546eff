/**
 * The reminder job's sentences live in src/i18n (keys `reminder.*`); `rt` keeps the job's call sites.
 * None of them carries an Access ID or Contract ID: the IDs are shown only when a user asks in a
 * personal chat (F12).
 */
import { t, type Lang, type StringKey } from '../i18n/index.js';

export type ReminderStringKey = Extract<StringKey, `reminder.${string}`>;

export function rt(lang: Lang, key: ReminderStringKey, params: Record<string, string | number> = {}): string {
  return t(lang, key, params);
}

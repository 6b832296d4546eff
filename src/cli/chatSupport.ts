/**
 * What the terminal chat (`npm run chat`) needs apart from its loop: who one can chat as (any user
 * of the partner directory, found by name, e-mail or object id), the buttons on screen, and a
 * card's inputs, asked for one by one. Pure, so tested without a terminal.
 */
import { cardActions } from '../cards/cardText.js';
import { DEMO_PEOPLE, DEMO_USERS } from '../demo/demoDirectory.js';
import type { DirectoryDocument } from '../store/index.js';

/** Someone the chat can speak as: a directory user (or one of the demo's two strangers). */
export interface ChatPerson {
  aadObjectId: string;
  tenantId: string;
  name: string;
  email?: string;
  /** The organization's name; undefined when the tenant is no imported organization. */
  organization?: string;
  roles: string[];
  /** The demo's short name (`ana`, `stranger`), when this is a demo person. */
  shortcut?: string;
  /** Not in the directory (the demo's stranger and newcomer). */
  unlisted?: boolean;
}

const DEMO_SHORTCUT_BY_ID = new Map<string, string>(Object.entries(DEMO_PEOPLE).map(([short, p]) => [p.aadObjectId.toLowerCase(), short]));

/**
 * The people of a directory document, in directory order. When it holds the demo directory (its
 * users carry the demo's object ids), the demo's short names work too, and its two people whom the
 * directory does not know (`stranger`, `newcomer`) are added at the end.
 */
export function peopleOfDocument(document: DirectoryDocument): ChatPerson[] {
  const orgNames = new Map(document.organizations.map((o) => [o.tenantId.toLowerCase(), o.name]));
  const people: ChatPerson[] = document.users.map((u) => {
    const shortcut = DEMO_SHORTCUT_BY_ID.get(u.aadObjectId.toLowerCase());
    const organization = orgNames.get(u.tenantId.toLowerCase());
    return {
      aadObjectId: u.aadObjectId,
      tenantId: u.tenantId,
      name: u.name,
      ...(u.email !== undefined && { email: u.email }),
      ...(organization !== undefined && { organization }),
      roles: [...u.roles],
      ...(shortcut !== undefined && { shortcut }),
    };
  });
  if (document.users.some((u) => u.aadObjectId.toLowerCase() === DEMO_USERS.ana)) {
    for (const short of ['stranger', 'newcomer'] as const) {
      const p = DEMO_PEOPLE[short];
      people.push({ ...p, roles: [], shortcut: short, unlisted: true, ...(orgNames.has(p.tenantId) && { organization: orgNames.get(p.tenantId)! }) });
    }
  }
  return people;
}

export type FoundPerson = { status: 'found'; person: ChatPerson } | { status: 'ambiguous'; matches: ChatPerson[] } | { status: 'unknown' };

const norm = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
const words = (s: string) => norm(s).split(/[\s,.'-]+/).filter(Boolean);

/**
 * The person `query` names: an object id or e-mail address (exactly), a demo short name, or a name:
 * the whole name, else every word of the query starting a word of the name ("ana", "weber w").
 * Several people with that name: ambiguous, with all of them to choose from.
 */
export function findPerson(people: readonly ChatPerson[], query: string): FoundPerson {
  const q = norm(query);
  if (!q) return { status: 'unknown' };
  const pick = (matches: ChatPerson[]): FoundPerson | undefined =>
    matches.length === 1 ? { status: 'found', person: matches[0]! } : matches.length > 1 ? { status: 'ambiguous', matches } : undefined;
  const exact =
    pick(people.filter((p) => p.aadObjectId.toLowerCase() === q)) ??
    pick(people.filter((p) => p.email?.toLowerCase() === q)) ??
    pick(people.filter((p) => p.shortcut === q)) ??
    pick(people.filter((p) => norm(p.name) === q));
  if (exact) return exact;
  const queryWords = words(q);
  const byWords = people.filter((p) => {
    const nameWords = [...words(p.name), ...(p.email ? [norm(p.email.split('@')[0]!)] : [])];
    return queryWords.every((w) => nameWords.some((n) => n.startsWith(w)));
  });
  return pick(byWords) ?? { status: 'unknown' };
}

/** People whose name, e-mail, organization or role contains `filter` (all without one). */
export function filterPeople(people: readonly ChatPerson[], filter?: string): ChatPerson[] {
  const f = filter ? norm(filter) : '';
  if (!f) return [...people];
  return people.filter((p) => [p.name, p.email ?? '', p.organization ?? '', p.roles.join(' '), p.aadObjectId, p.shortcut ?? ''].some((s) => norm(s).includes(f)));
}

const roleText = (p: ChatPerson) => (p.roles.length ? p.roles.join(', ') : 'no role');
const orgText = (p: ChatPerson) => p.organization ?? (p.unlisted ? '(not in the directory)' : '(no imported organization)');

/** The people as an aligned table: name, e-mail, organization, role, object id (what --as takes). */
export function peopleTable(people: readonly ChatPerson[]): string {
  const rows = [
    ['name', 'e-mail', 'organization', 'role', 'object id (--as takes any of name, e-mail, id)'],
    ...people.map((p) => [p.shortcut ? `${p.name} (${p.shortcut})` : p.name, p.email ?? '-', orgText(p), roleText(p), p.aadObjectId]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** What to tell the operator when `query` names nobody, or several. */
export function notFoundMessage(found: Exclude<FoundPerson, { status: 'found' }>, query: string, where: string, listHint: string): string {
  if (found.status === 'ambiguous') {
    return `"${query}" matches ${found.matches.length} users of ${where}; say which one by e-mail or object id:\n${peopleTable(found.matches)}`;
  }
  return `No user "${query}" in the partner directory of ${where}. ${listHint}`;
}

// ------------------------------------------------------------------ buttons and inputs

/** One input of a card, as the chat asks for it. */
export interface CardInput {
  id: string;
  type: string;
  label: string;
  placeholder?: string;
  /** The input's default (`value`). */
  value?: string;
  required: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  choices?: { title: string; value: string }[];
  multiSelect?: boolean;
  valueOn?: string;
  valueOff?: string;
}

/** A button as printed: its number is its place in the list. */
export interface ScreenButton {
  title: string;
  type: string;
  data?: unknown;
  url?: string;
  /** The inputs of its card that a press sends (none when the action says `associatedInputs: none`). */
  inputs: CardInput[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** Every Input.* element of a card, in document order (not inside fallbacks). */
export function cardInputs(card: unknown): CardInput[] {
  const out: CardInput[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObj(node)) return;
    const type = str(node['type']) ?? '';
    if (type.startsWith('Input.') && typeof node['id'] === 'string') {
      const input: CardInput = {
        id: node['id'],
        type,
        label: str(node['label']) ?? str(node['title']) ?? node['id'],
        required: node['isRequired'] === true,
      };
      const placeholder = str(node['placeholder']);
      if (placeholder) input.placeholder = placeholder;
      const value = str(node['value']);
      if (value !== undefined && value !== '') input.value = value;
      if (typeof node['maxLength'] === 'number') input.maxLength = node['maxLength'];
      if (typeof node['min'] === 'number') input.min = node['min'];
      if (typeof node['max'] === 'number') input.max = node['max'];
      if (type === 'Input.ChoiceSet' && Array.isArray(node['choices'])) {
        input.choices = node['choices'].filter(isObj).map((c) => ({ title: str(c['title']) ?? str(c['value']) ?? '', value: str(c['value']) ?? '' }));
        input.multiSelect = node['isMultiSelect'] === true;
      }
      if (type === 'Input.Toggle') {
        input.valueOn = str(node['valueOn']) ?? 'true';
        input.valueOff = str(node['valueOff']) ?? 'false';
        input.value ??= input.valueOff;
      }
      out.push(input);
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'fallback' && k !== 'data' && k !== 'refresh') walk(v);
  };
  walk(card);
  return out;
}

/** The buttons of one card, each with the inputs its press sends. */
export function cardButtons(card: unknown): ScreenButton[] {
  const inputs = cardInputs(card);
  const associated = new Map<string, string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObj(node)) return;
    if (typeof node['type'] === 'string' && node['type'].startsWith('Action.') && node['associatedInputs'] === 'none') associated.set(String(node['title'] ?? ''), 'none');
    for (const [k, v] of Object.entries(node)) if (k !== 'fallback' && k !== 'data') walk(v);
  };
  walk(card);
  return cardActions(card).map((a) => ({
    title: a.title,
    type: a.type,
    ...(a.data !== undefined && { data: a.data }),
    ...(a.url !== undefined && { url: a.url }),
    inputs: a.type === 'Action.Submit' || a.type === 'Action.Execute' ? (associated.get(a.title) === 'none' ? [] : inputs) : [],
  }));
}

/** How the chat asks for an input: its label, whether it is needed, its choices or default. */
export function inputPrompt(input: CardInput): string {
  const parts = [input.label];
  if (input.type === 'Input.Toggle') parts.push('(y/n)');
  else parts.push(input.required ? '(required)' : '(optional: Enter to leave empty)');
  if (input.placeholder) parts.push(`e.g. "${input.placeholder}"`);
  if (input.value !== undefined && input.type !== 'Input.Toggle') parts.push(`[Enter keeps "${input.value}"]`);
  if (input.type === 'Input.Toggle') parts.push(`[Enter: ${input.value === input.valueOn ? 'y' : 'n'}]`);
  let text = `${parts.join(' ')}: `;
  if (input.choices) {
    const list = input.choices.map((c, i) => `    ${i + 1}) ${c.title}`).join('\n');
    text = `${list}\n${parts.join(' ')}${input.multiSelect ? ' (numbers or titles, separated by commas)' : ' (a number or a title)'}: `;
  }
  return `  ${text}`;
}

/**
 * The value the card would send for `answer`, or what is wrong with it. Empty answers take the
 * default; a required input stays empty only with a problem.
 */
export function inputValue(input: CardInput, answer: string): { value: string | undefined } | { problem: string } {
  const a = answer.trim();
  if (input.type === 'Input.Toggle') {
    if (!a) return { value: input.value };
    if (/^(y|yes|j|ja|1|true|on)$/i.test(a)) return { value: input.valueOn };
    if (/^(n|no|nein|0|false|off)$/i.test(a)) return { value: input.valueOff };
    return { problem: 'answer y or n' };
  }
  if (!a) {
    if (input.value !== undefined) return { value: input.value };
    return input.required ? { problem: `${input.label} is required` } : { value: undefined };
  }
  if (input.choices) {
    const picked: string[] = [];
    for (const part of input.multiSelect ? a.split(',') : [a]) {
      const p = part.trim();
      const n = /^\d+$/.test(p) ? Number(p) : NaN;
      const choice = Number.isInteger(n) ? input.choices[n - 1] : input.choices.find((c) => c.title.toLowerCase() === p.toLowerCase() || c.value.toLowerCase() === p.toLowerCase());
      if (!choice) return { problem: `"${p}" is none of the choices: answer 1-${input.choices.length} or a title` };
      picked.push(choice.value);
    }
    return { value: picked.join(',') };
  }
  if (input.type === 'Input.Number') {
    const n = Number(a.replace(',', '.'));
    if (!Number.isFinite(n)) return { problem: `"${a}" is not a number` };
    if (input.min !== undefined && n < input.min) return { problem: `at least ${input.min}` };
    if (input.max !== undefined && n > input.max) return { problem: `at most ${input.max}` };
    return { value: String(n) };
  }
  if (input.type === 'Input.Date' && !/^\d{4}-\d{2}-\d{2}$/.test(a)) return { problem: 'a date as YYYY-MM-DD' };
  if (input.type === 'Input.Time' && !/^\d{2}:\d{2}$/.test(a)) return { problem: 'a time as HH:MM' };
  if (input.maxLength !== undefined && a.length > input.maxLength) return { problem: `at most ${input.maxLength} characters (this is ${a.length})` };
  return { value: a };
}

/**
 * The buttons on screen. A printed card that has buttons replaces them and numbers its own from 1;
 * numbers stay valid until the next card with buttons is printed (whatever is sent meanwhile).
 */
export class ScreenButtons<B extends ScreenButton = ScreenButton> {
  private current: B[] = [];

  /** Takes the buttons of one printed message (all its cards); returns them numbered, or none when it has none. */
  show(buttons: B[]): { number: number; button: B }[] {
    if (buttons.length === 0) return [];
    this.current = buttons;
    return buttons.map((button, i) => ({ number: i + 1, button }));
  }

  get count(): number {
    return this.current.length;
  }

  /**
   * What a typed line means: a button press (`1` to `99` while buttons are on screen), a number
   * that names no button on screen (an error, never sent), or text to send.
   */
  interpret(line: string): { kind: 'press'; button: B; number: number } | { kind: 'noSuchButton'; problem: string } | { kind: 'text' } {
    if (!/^\d{1,2}$/.test(line.trim()) || this.current.length === 0) return { kind: 'text' };
    const n = Number(line.trim());
    const button = this.current[n - 1];
    if (button) return { kind: 'press', button, number: n };
    const range = this.current.length === 1 ? '[1]' : `[1] to [${this.current.length}]`;
    return { kind: 'noSuchButton', problem: `There is no button [${n}] on screen: the last card's buttons are ${range}. Nothing was sent.` };
  }
}

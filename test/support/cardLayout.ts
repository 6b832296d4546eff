/**
 * Reads how a rendered card lays its content out, for tests about what fits on a screen: which
 * strings are FactSet values (beside a label), which are text blocks of their own, which are real
 * buttons (in `actions` or an `ActionSet`, cut off by Teams when too long) and which are rows (a
 * container's `selectAction`, whose text wraps).
 */
import type { Reply } from './testBot.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The card of a reply (its first attachment), or undefined for a text. */
export function cardOf(reply: Reply): unknown {
  return reply.activity.attachments?.[0]?.content;
}

/** Every object of a card, in document order, without submit payloads and fallbacks. */
function* objects(node: unknown): Generator<Obj> {
  if (Array.isArray(node)) {
    for (const item of node) yield* objects(item);
  } else if (isObj(node)) {
    yield node;
    for (const [k, v] of Object.entries(node)) if (k !== 'data' && k !== 'fallback') yield* objects(v);
  }
}

/** FactSet facts, in document order. */
export function factsOf(card: unknown): { title: string; value: string }[] {
  const out: { title: string; value: string }[] = [];
  for (const o of objects(card)) {
    if (o['type'] !== 'FactSet' || !Array.isArray(o['facts'])) continue;
    for (const f of o['facts']) if (isObj(f)) out.push({ title: String(f['title']), value: String(f['value']) });
  }
  return out;
}

/** The title lists of each FactSet, in document order. */
export function factSetTitles(card: unknown): string[][] {
  const out: string[][] = [];
  for (const o of objects(card)) {
    if (o['type'] === 'FactSet' && Array.isArray(o['facts'])) out.push(o['facts'].filter(isObj).map((f) => String(f['title'])));
  }
  return out;
}

/** TextBlock texts, in document order. */
export function textBlocksOf(card: unknown): string[] {
  const out: string[] = [];
  for (const o of objects(card)) if (o['type'] === 'TextBlock' && typeof o['text'] === 'string') out.push(o['text']);
  return out;
}

/** The titles of a card's buttons: actions of the card, of ActionSets and of shown cards; not selectActions. */
export function buttonTitlesOf(card: unknown): string[] {
  const out: string[] = [];
  for (const o of objects(card)) {
    const actions = o['type'] === 'AdaptiveCard' || o['type'] === 'ActionSet' ? o['actions'] : undefined;
    if (!Array.isArray(actions)) continue;
    for (const a of actions) if (isObj(a) && typeof a['title'] === 'string') out.push(a['title']);
  }
  return out;
}

/** Every `color` a card gives its elements. */
export function coloursOf(card: unknown): string[] {
  const out: string[] = [];
  for (const o of objects(card)) if (typeof o['color'] === 'string') out.push(o['color']);
  return out;
}

/** An Access ID, tenant id or other GUID; a Contract ID or case number; or one masked to its last four. */
export const LOOKS_LIKE_AN_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{7,}|••••\w{4})$/i;

/**
 * The run-time entity stores on one {@link StoreBackend}: the same code for every backend (the
 * in-memory twin, lmdb, Azure Table Storage), so one contract test suite covers them all.
 */
import type { BenefitLedger } from '../../domain/benefits.js';
import type { ActivationClaim, ProcessedActivity, RuntimeStores, StoreBackend, StoredConversation } from '../types.js';
import { TableActivityStore } from './activityStore.js';
import { TableCaseStore } from './caseStore.js';
import { TableConversationStore } from './conversationStore.js';
import { TableLedgerStore } from './ledgerStore.js';
import { StateStore, type StateEntity } from './stateStore.js';

/** Conversation state not written for this long is dropped by the sweep (a month). */
export const DEFAULT_STATE_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export interface RuntimeOptions {
  /** The current instant, for state timestamps; tests fix it. */
  now?: () => Date;
  /** Drop conversation state idle for longer than this (default 30 days). */
  stateMaxAgeMs?: number;
}

/** The stores, typed as the classes for their extras (e.g. restoring old cases). */
export interface TableRuntimeStores extends RuntimeStores {
  state: StateStore;
  ledgers: TableLedgerStore;
  cases: TableCaseStore;
  conversations: TableConversationStore;
  activities: TableActivityStore;
  backend: StoreBackend;
}

/**
 * The run-time stores as DataStores carries them (the stores and `sweep`; `ping` and
 * `close` are each opener's own, as they cover the directory too).
 */
export function servedRuntime(runtime: RuntimeStores): Omit<RuntimeStores, 'ping' | 'close'> {
  return {
    state: runtime.state,
    ledgers: runtime.ledgers,
    cases: runtime.cases,
    conversations: runtime.conversations,
    activities: runtime.activities,
    sweep: (at) => runtime.sweep(at),
  };
}

export function createRuntimeStores(backend: StoreBackend, options: RuntimeOptions = {}): TableRuntimeStores {
  const now = options.now ?? (() => new Date());
  const maxAgeMs = options.stateMaxAgeMs ?? DEFAULT_STATE_MAX_AGE_MS;
  const state = new StateStore(backend.table<StateEntity>('state'), now);
  const activities = new TableActivityStore(backend.table<ProcessedActivity>('activities'));
  return {
    backend,
    state,
    ledgers: new TableLedgerStore(backend.table<BenefitLedger>('ledgers'), backend.table<ActivationClaim>('settings')),
    cases: new TableCaseStore(backend.table('cases')),
    conversations: new TableConversationStore(backend.table<StoredConversation>('conversations'), backend.table<{ value: string }>('settings')),
    activities,
    async sweep(at: Date) {
      const stateRemoved = Number.isFinite(maxAgeMs) ? await state.sweep(new Date(at.getTime() - maxAgeMs)) : 0;
      return { state: stateRemoved, activities: await activities.sweep(at) };
    },
    ping: () => backend.ping(),
    close: () => backend.close(),
  };
}

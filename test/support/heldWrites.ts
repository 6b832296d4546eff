/**
 * A run-time backend that can hold a write until the test releases it, to force an interleaving of
 * two turns deterministically (no timers): hold the state write of the turn that should lose,
 * run the other turn to its end, then release. Every write to a wrapped table is logged with its
 * outcome.
 */
import { PreconditionFailedError, type BatchOperation, type EntityTable, type StoreBackend, type TableName } from '../../src/store/index.js';

/** One write as it reached the backend. */
export interface LoggedWrite {
  table: TableName;
  op: 'insert' | 'replace' | 'upsert' | 'delete' | 'batch';
  partition: string;
  /** `refused`: an insert of an existing row, or a replace whose eTag no longer matched. */
  outcome: 'written' | 'refused';
}

/** A write that will be held, as {@link HeldWrites.hold} returns it. */
export interface Hold {
  /** Resolves when a matching write arrived and is being held. */
  reached: Promise<void>;
  /** Lets the held write go on to the store. */
  release(): void;
}

type Pending = { match: (write: Omit<LoggedWrite, 'outcome'>) => boolean; arrived: () => void; released: Promise<void> };

export class HeldWrites {
  readonly log: LoggedWrite[] = [];
  #pending: Pending[] = [];

  constructor(private readonly tables: readonly TableName[] = ['state']) {}

  /** Holds the next write that matches (once). */
  hold(match: (write: Omit<LoggedWrite, 'outcome'>) => boolean): Hold {
    let arrived = () => {};
    let release = () => {};
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.#pending.push({ match, arrived, released });
    return { reached, release };
  }

  /** The writes to the partition (a state key), in order. */
  writesTo(partition: string): LoggedWrite[] {
    return this.log.filter((w) => w.partition === partition);
  }

  wrap(backend: StoreBackend): StoreBackend {
    const gate = this;
    return {
      description: `${backend.description} (writes held by the test)`,
      ping: () => backend.ping(),
      close: () => backend.close(),
      table<T>(name: TableName): EntityTable<T> {
        const inner = backend.table<T>(name);
        if (!gate.tables.includes(name)) return inner;
        const write = async <R>(op: LoggedWrite['op'], partition: string, run: () => Promise<R>, refused: (result: R) => boolean = () => false): Promise<R> => {
          const at = { table: name, op, partition };
          const held = gate.#pending.find((p) => p.match(at));
          if (held) {
            gate.#pending = gate.#pending.filter((p) => p !== held);
            held.arrived();
            await held.released;
          }
          try {
            const result = await run();
            gate.log.push({ ...at, outcome: refused(result) ? 'refused' : 'written' });
            return result;
          } catch (error) {
            if (error instanceof PreconditionFailedError) gate.log.push({ ...at, outcome: 'refused' });
            throw error;
          }
        };
        return {
          get: (partition, row) => inner.get(partition, row),
          list: (partition, options) => inner.list(partition, options),
          scan: (options) => inner.scan(options),
          insert: (partition, row, value) => write('insert', partition, () => inner.insert(partition, row, value), (etag) => etag === undefined),
          replace: (partition, row, value, ifMatch) => write('replace', partition, () => inner.replace(partition, row, value, ifMatch)),
          upsert: (partition, row, value) => write('upsert', partition, () => inner.upsert(partition, row, value)),
          delete: (partition, row, ifMatch) => write('delete', partition, () => inner.delete(partition, row, ifMatch)),
          batch: (partition, operations: readonly BatchOperation<T>[]) => write('batch', partition, () => inner.batch(partition, operations)),
        };
      },
    };
  }
}

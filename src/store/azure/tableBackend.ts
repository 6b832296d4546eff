/**
 * The run-time store on Azure Table Storage (npm `@azure/data-tables`): one Azure table per
 * {@link TableName}, named `<prefix><name>` (`psbstate`, `psbledgers`, ...; the prefix lets several
 * deployments or test runs share one storage account), created on first use. Works the same on
 * Azurite, the emulator the tests run against.
 *
 * How the contract maps:
 *
 * - **Keys** are rewritten into printable ASCII that Azure accepts, reversibly and keeping order
 *   and prefixes (keys.ts has the table). A key whose encoding exceeds Azure's 512 characters is
 *   refused with a TypeError before anything is sent.
 * - **Values** are stored as their JSON text with every character beyond ASCII written as a `\u`
 *   escape (so the text is ASCII: the same size whether the service counts UTF-16, as Azure does,
 *   or UTF-8, as Azurite does, and safe from Azurite's corruption of multi-byte characters split
 *   across request chunks, Azure/Azurite#2670), in string properties `v0`, `v1`, ... of at most
 *   {@link CHUNK_LENGTH} characters each (Azure allows 64 KB per property), at most
 *   {@link MAX_CHUNKS} of them: a value's escaped JSON may have up to {@link MAX_VALUE_LENGTH}
 *   characters (a character beyond ASCII counts 6, one beyond U+FFFF 12), and the entity stays
 *   under Azure's 1 MiB. A larger value, or a batch over the 4 MiB a transaction may carry, is
 *   refused with {@link ValueTooLargeError} before anything is sent; should the service still
 *   refuse a request as too large, that is a ValueTooLargeError too (the service wrote nothing).
 * - **eTags** are the service's. Every write also stores its lineage (`w`), see below.
 * - `insert` is Insert Entity (409 → undefined); `replace` is Update Entity with If-Match (412 or
 *   404 → {@link PreconditionFailedError}); `upsert` is Insert Or Replace; `delete` is Delete Entity
 *   with If-Match (the eTag or `*`). An eTag that is not one of the service's (`*`, or one from
 *   another backend) is sent as an eTag that matches nothing, so it fails as a stale one does.
 * - `batch` is an entity group transaction (one partition, at most 100 operations, all or
 *   nothing). The service stops at the first failing operation and names its index: that row is
 *   the one in the PreconditionFailedError. Two gaps are filled here: the SDK sends every delete
 *   of a transaction with `If-Match: *`, so a policy puts the caller's eTag into the request of a
 *   conditional delete; and Azure fails a transaction whose unconditional delete finds no entity
 *   (the contract removes nothing and goes on), so such a transaction is sent again without that
 *   delete (the row did not exist; the rest is still all or nothing).
 * - `list` and `scan` are queries on key ranges (`PartitionKey eq ... and RowKey ge/gt/lt ...`;
 *   a scan goes on with the rest of its partition, then `PartitionKey gt ...`), in pages of at
 *   most 1,000 entities, in Azure's key order, which for the encoded keys is the contract's.
 *
 * **Retries.** Transient failures (timeouts, resets, 408, 5xx, throttling) are retried by the
 * SDK's retry policy. A 412 or 409 is never retried, so a version-checked write never overwrites a
 * change it did not see: the caller gets PreconditionFailedError and does its read-modify-write
 * again. The reverse needs care: when a write's answer is lost and the SDK sends it again, the
 * second attempt finds the entity changed by the first and fails with 412 or 409, and a caller
 * that took that for a conflict would apply its change twice (an increment counted twice). So
 * every write stores its lineage: a random id of its own followed by the ids of the versions it
 * replaced (the last 16, known from the eTag it was conditional on, for versions this table read
 * or wrote lately). When a write that was sent more than once fails as a conflict, the entity is
 * read back: if the write's id is in its lineage, the write happened, and the caller gets its
 * eTag (or, when a later write replaced it already, an eTag that matches nothing, so the caller's
 * next conditional write sees that change); otherwise it is the conflict it looks like.
 */
import { randomBytes } from 'node:crypto';
import { odata, RestError, TableClient, type TableEntityResult, type TableServiceClientOptions, type TransactionAction } from '@azure/data-tables';
import { checkBatch, checkKey, toJson } from '../entityKeys.js';
import { PreconditionFailedError, type BatchOperation, type EntityTable, type StoreBackend, type StoredEntity, type TableName, type Versioned } from '../types.js';
import { decodeKey, encodeKey, encodeKeyText, prefixEnd } from './keys.js';

/** Characters of (ASCII) JSON per string property: 64,000 bytes of UTF-16, under the 64 KB Azure allows. */
export const CHUNK_LENGTH = 32_000;
/** String properties per entity: 15 × 64,000 bytes stay under Azure's 1 MiB per entity. */
export const MAX_CHUNKS = 15;
/** The longest JSON text of a value, once every character beyond ASCII is escaped. */
export const MAX_VALUE_LENGTH = CHUNK_LENGTH * MAX_CHUNKS;
/** Azure's limit for the request of one entity group transaction. */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** Thrown when a value (or a batch) is too large for Azure Table Storage; nothing was written. */
export class ValueTooLargeError extends RangeError {
  constructor(
    readonly entity: string,
    readonly key: string,
    detail: string,
  ) {
    super(`${entity} ${key} is too large for Azure Table Storage: ${detail}. Nothing was written.`);
    this.name = 'ValueTooLargeError';
  }
}

export interface AzureTableBackendOptions {
  /**
   * A storage account connection string: `DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net`,
   * a SAS one (`TableEndpoint=...;SharedAccessSignature=...`), or Azurite's.
   */
  connectionString: string;
  /** Starts every table name (letters and digits, starting with a letter, at most 50); default `psb`. */
  prefix?: string;
  /** The SDK's retries of transient failures; default 3 retries from 500 ms, at most 4 s apart. */
  retryOptions?: TableServiceClientOptions['retryOptions'];
  /** Allow plain http to an endpoint other than 127.0.0.1/localhost (where it is always allowed, for Azurite). */
  allowInsecureConnection?: boolean;
  /** More pipeline policies (tests use them to lose responses). */
  additionalPolicies?: TableServiceClientOptions['additionalPolicies'];
}

type PipelinePolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number]['policy'];

/**
 * Each operation carries an AbortSignal of its own (never aborted) as its identity through the
 * SDK's pipeline, to policies below: how many times it was sent, and the eTags of the conditional
 * deletes of a transaction (the SDK would send `If-Match: *`).
 */
interface Tracking {
  attempts: WeakMap<AbortSignal, number>;
  deleteEtags: WeakMap<AbortSignal, Map<string, string>>;
}

/** An eTag the service never hands out: sent for `*` and for eTags that are not the service's. */
const NEVER_ETAG = `W/"datetime'1970-01-01T00%3A00%3A00.0000000Z'"`;
const isServiceEtag = (etag: string) => /^W\/"[^"\\\u0000-\u001f]+"$/.test(etag);

const newWriteId = () => randomBytes(12).toString('base64url');
/** Write ids kept in an entity's lineage (`w`): its own and those of the versions before it. */
const LINEAGE = 16;
/** eTags whose lineage a table remembers (the versions it read or wrote last). */
const REMEMBERED_ETAGS = 1000;

/**
 * The lineage of the versions a table read or wrote, by eTag: a replace conditional on an eTag
 * continues that version's lineage, so the ids of earlier writes survive later ones.
 */
class Lineages {
  readonly #byEtag = new Map<string, string>();

  remember(etag: string, lineage: unknown): void {
    if (typeof lineage !== 'string') return;
    this.#byEtag.delete(etag);
    this.#byEtag.set(etag, lineage);
    if (this.#byEtag.size > REMEMBERED_ETAGS) this.#byEtag.delete(this.#byEtag.keys().next().value!);
  }

  /** The lineage of a new version written by `writeId` over the version `ifMatch` (if known). */
  next(writeId: string, ifMatch?: string): string {
    const before = ifMatch === undefined ? [] : (this.#byEtag.get(ifMatch)?.split(' ') ?? []);
    return [writeId, ...before].slice(0, LINEAGE).join(' ');
  }
}

/** Whether the write `writeId` is in the lineage of a stored version (it happened, maybe overwritten since). */
const inLineage = (stored: Record<string, unknown> | undefined, writeId: string) => typeof stored?.w === 'string' && stored.w.split(' ').includes(writeId);
/** Whether the stored version is the one `writeId` wrote. */
const isLatest = (stored: Record<string, unknown> | undefined, writeId: string) => typeof stored?.w === 'string' && stored.w.split(' ')[0] === writeId;

const statusOf = (error: unknown) => (error instanceof RestError ? error.statusCode : undefined);

/** The index of the failing operation of a transaction, from the service's message (`2:The specified entity already exists...`). */
function failedIndex(error: unknown): number | undefined {
  const match = error instanceof RestError ? /^(\d+):/.exec(error.message) : null;
  return match ? Number(match[1]) : undefined;
}

/** Whether the service refused the request as too large (413, EntityTooLarge, PropertyValueTooLarge). */
function isTooLarge(error: unknown): boolean {
  if (!(error instanceof RestError) || (error.statusCode !== 400 && error.statusCode !== 413)) return false;
  const code = error.code ?? error.response?.headers.get('x-ms-error-code');
  return error.statusCode === 413 || /^(EntityTooLarge|PropertyValueTooLarge|RequestBodyTooLarge)$/.test(code ?? '');
}

/** JSON text in ASCII: characters beyond it only occur in strings, where `\uXXXX` means the same. */
const asciiJson = (json: string) => json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The stored properties of a value: its JSON in chunks, and the lineage of this write. */
function valueProperties(entity: string, key: string, value: unknown, lineage: string): Record<string, string> {
  const json = asciiJson(toJson(value));
  if (json.length > MAX_VALUE_LENGTH) {
    throw new ValueTooLargeError(entity, key, `its JSON has ${json.length} characters (beyond ASCII written as \\u escapes), at most ${MAX_VALUE_LENGTH} fit in an entity`);
  }
  const properties: Record<string, string> = { w: lineage };
  for (let index = 0; index * CHUNK_LENGTH < json.length; index++) properties[`v${index}`] = json.slice(index * CHUNK_LENGTH, (index + 1) * CHUNK_LENGTH);
  return properties;
}

/** The value of a stored entity (its chunks joined and parsed). */
function valueOf<T>(entity: Record<string, unknown>): T {
  let json = '';
  for (let i = 0; typeof entity[`v${i}`] === 'string'; i++) json += entity[`v${i}`] as string;
  if (json === '') throw new Error(`The entity ${String(entity.partitionKey)}/${String(entity.rowKey)} holds no value this store wrote`);
  return JSON.parse(json) as T;
}

/** A rough upper bound of a transaction's request size: each entity's JSON, escaped, plus its part's headers. */
function batchBytes(entities: readonly Record<string, unknown>[]): number {
  return entities.reduce((sum, entity) => sum + Buffer.byteLength(JSON.stringify(entity)) + 1024, 0);
}

type Entity = { partitionKey: string; rowKey: string } & Record<string, unknown>;

class AzureTable<T> implements EntityTable<T> {
  #created: Promise<void> | undefined;
  readonly #lineages = new Lineages();

  constructor(
    private readonly name: TableName,
    private readonly client: TableClient,
    private readonly tracking: Tracking,
  ) {}

  /** Creates the table on first use (createTable succeeds when it exists already). */
  ready(): Promise<void> {
    this.#created ??= this.client.createTable().catch((error: unknown) => {
      this.#created = undefined;
      throw error;
    });
    return this.#created;
  }

  #keys(partition: string, row: string): { pk: string; rk: string } {
    checkKey('partition', partition);
    checkKey('row', row);
    return { pk: encodeKey('partition', partition), rk: encodeKey('row', row) };
  }

  /** A fresh identity for one operation, and whether the SDK sent it more than once. */
  #operation(): { abortSignal: AbortSignal; retried: () => boolean } {
    const abortSignal = new AbortController().signal;
    return { abortSignal, retried: () => (this.tracking.attempts.get(abortSignal) ?? 0) > 1 };
  }

  /** The stored entity as the service has it now (undefined when there is none). */
  async #read(pk: string, rk: string): Promise<TableEntityResult<Record<string, unknown>> | undefined> {
    try {
      const stored = await this.client.getEntity<Record<string, unknown>>(pk, rk);
      this.#lineages.remember(stored.etag, stored.w);
      return stored;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /**
   * After a retried write failed as a conflict: whether the first attempt did the write (its id is
   * in the stored lineage). Then its eTag, or, when a later write replaced it already, an eTag
   * that matches nothing (the caller's next conditional write must see that change).
   */
  async #landed(pk: string, rk: string, writeId: string): Promise<string | undefined> {
    const stored = await this.#read(pk, rk);
    if (!inLineage(stored, writeId)) return undefined;
    return isLatest(stored, writeId) ? stored!.etag : NEVER_ETAG;
  }

  /** Remembers what a write stored, so a replace conditional on its eTag continues its lineage. */
  #wrote(etag: string, entity: Entity): string {
    this.#lineages.remember(etag, entity.w);
    return etag;
  }

  #tooLarge(error: unknown, partition: string, row: string): unknown {
    return isTooLarge(error) ? new ValueTooLargeError(this.name, `${partition}/${row}`, `the service refused it (${(error as Error).message.split('\n')[0]})`) : error;
  }

  async get(partition: string, row: string): Promise<Versioned<T> | undefined> {
    const { pk, rk } = this.#keys(partition, row);
    await this.ready();
    const stored = await this.#read(pk, rk);
    return stored && { value: valueOf<T>(stored), etag: stored.etag };
  }

  async insert(partition: string, row: string, value: T): Promise<string | undefined> {
    const { pk, rk } = this.#keys(partition, row);
    const writeId = newWriteId();
    const entity: Entity = { partitionKey: pk, rowKey: rk, ...valueProperties(this.name, `${partition}/${row}`, value, this.#lineages.next(writeId)) };
    await this.ready();
    const operation = this.#operation();
    try {
      return this.#wrote((await this.client.createEntity(entity, { abortSignal: operation.abortSignal })).etag!, entity);
    } catch (error) {
      if (statusOf(error) === 409) return operation.retried() ? this.#landed(pk, rk, writeId) : undefined;
      throw this.#tooLarge(error, partition, row);
    }
  }

  async replace(partition: string, row: string, value: T, ifMatch: string): Promise<string> {
    const { pk, rk } = this.#keys(partition, row);
    const writeId = newWriteId();
    const entity: Entity = { partitionKey: pk, rowKey: rk, ...valueProperties(this.name, `${partition}/${row}`, value, this.#lineages.next(writeId, ifMatch)) };
    await this.ready();
    const operation = this.#operation();
    try {
      const etag = isServiceEtag(ifMatch) ? ifMatch : NEVER_ETAG;
      return this.#wrote((await this.client.updateEntity(entity, 'Replace', { etag, abortSignal: operation.abortSignal })).etag!, entity);
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) {
        const landed = operation.retried() ? await this.#landed(pk, rk, writeId) : undefined;
        if (landed) return landed;
        throw new PreconditionFailedError(this.name, `${partition}/${row}`);
      }
      throw this.#tooLarge(error, partition, row);
    }
  }

  async upsert(partition: string, row: string, value: T): Promise<string> {
    const { pk, rk } = this.#keys(partition, row);
    const entity: Entity = { partitionKey: pk, rowKey: rk, ...valueProperties(this.name, `${partition}/${row}`, value, this.#lineages.next(newWriteId())) };
    await this.ready();
    try {
      return this.#wrote((await this.client.upsertEntity(entity, 'Replace')).etag!, entity);
    } catch (error) {
      throw this.#tooLarge(error, partition, row);
    }
  }

  async delete(partition: string, row: string, ifMatch?: string): Promise<boolean> {
    const { pk, rk } = this.#keys(partition, row);
    await this.ready();
    const operation = this.#operation();
    try {
      const etag = ifMatch === undefined ? '*' : isServiceEtag(ifMatch) ? ifMatch : NEVER_ETAG;
      await this.client.deleteEntity(pk, rk, { etag, abortSignal: operation.abortSignal });
      return true;
    } catch (error) {
      const status = statusOf(error);
      // Gone on a second attempt: most likely the first one removed it and its answer was lost.
      if (status === 404) return operation.retried();
      if (status === 412) return false;
      throw error;
    }
  }

  async batch(partition: string, operations: readonly BatchOperation<T>[]): Promise<string[]> {
    checkBatch(partition, operations);
    const pk = encodeKey('partition', partition);
    const writeId = newWriteId();
    const planned = operations.map((operation) => {
      const rk = encodeKey('row', operation.row);
      const entity: Entity =
        operation.op === 'delete'
          ? { partitionKey: pk, rowKey: rk }
          : {
              partitionKey: pk,
              rowKey: rk,
              ...valueProperties(this.name, `${partition}/${operation.row}`, operation.value, this.#lineages.next(writeId, operation.op === 'replace' ? operation.ifMatch : undefined)),
            };
      return { operation, rk, entity };
    });
    const bytes = batchBytes(planned.map((p) => p.entity));
    if (bytes > MAX_BATCH_BYTES) {
      throw new ValueTooLargeError(this.name, `${partition} (a batch of ${operations.length})`, `about ${bytes} bytes, a transaction carries at most ${MAX_BATCH_BYTES}`);
    }
    await this.ready();
    // Unconditional deletes of rows found missing: left out when the transaction is sent again.
    const skipped = new Set<number>();
    for (;;) {
      const sent = planned.filter((_, i) => !skipped.has(i));
      if (sent.length === 0) return planned.map(() => '');
      const operation = this.#operation();
      const conditionalDeletes = new Map(sent.flatMap(({ operation: op, rk }) => (op.op === 'delete' && op.ifMatch !== undefined ? [[rk, isServiceEtag(op.ifMatch) ? op.ifMatch : NEVER_ETAG] as const] : [])));
      if (conditionalDeletes.size > 0) this.tracking.deleteEtags.set(operation.abortSignal, conditionalDeletes);
      const actions = sent.map(({ operation: op, entity, rk }): TransactionAction => {
        switch (op.op) {
          case 'insert':
            return ['create', entity];
          case 'replace':
            return ['update', entity, 'Replace', { etag: isServiceEtag(op.ifMatch) ? op.ifMatch : NEVER_ETAG }];
          case 'upsert':
            return ['upsert', entity, 'Replace'];
          case 'delete':
            return ['delete', { partitionKey: pk, rowKey: rk }];
        }
      });
      try {
        const response = await this.client.submitTransaction(actions, { abortSignal: operation.abortSignal });
        const etags = new Map(sent.map(({ rk, entity }, i) => [rk, entity.w === undefined ? '' : this.#wrote(response.subResponses[i]?.etag ?? '', entity)] as const));
        return planned.map(({ operation: op, rk }) => (op.op === 'delete' ? '' : etags.get(rk)!));
      } catch (error) {
        const status = statusOf(error);
        if (status !== 409 && status !== 412 && status !== 404) throw this.#tooLarge(error, partition, `(a batch of ${operations.length})`);
        if (operation.retried()) {
          const landed = await this.#batchLanded(pk, planned, writeId);
          if (landed) return landed;
        }
        const index = failedIndex(error);
        const failed = index === undefined ? undefined : sent[index];
        if (failed && status === 404 && failed.operation.op === 'delete' && failed.operation.ifMatch === undefined) {
          skipped.add(planned.indexOf(failed));
          continue;
        }
        throw new PreconditionFailedError(this.name, `${partition}/${(failed ?? sent[0]!).operation.row}`);
      }
    }
  }

  /** After a retried transaction failed: the eTags if the first attempt did it all (every write in its row's lineage, every delete gone). */
  async #batchLanded(pk: string, planned: { operation: BatchOperation<T>; rk: string }[], writeId: string): Promise<string[] | undefined> {
    const stored = await Promise.all(planned.map(({ rk }) => this.#read(pk, rk)));
    const done = planned.every(({ operation }, i) => (operation.op === 'delete' ? stored[i] === undefined : inLineage(stored[i], writeId)));
    return done ? planned.map(({ operation }, i) => (operation.op === 'delete' ? '' : isLatest(stored[i], writeId) ? stored[i]!.etag : NEVER_ETAG)) : undefined;
  }

  async list(partition: string, options: { prefix?: string; after?: string; limit?: number } = {}): Promise<StoredEntity<T>[]> {
    checkKey('partition', partition);
    const pk = encodeKey('partition', partition);
    let filter = odata`PartitionKey eq ${pk}`;
    if (options.prefix) {
      const prefix = encodeKeyText(options.prefix);
      filter += odata` and RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)}`;
    }
    if (options.after !== undefined) filter += odata` and RowKey gt ${encodeKeyText(options.after)}`;
    return this.#query(filter, options.limit);
  }

  async scan(options: { after?: { partition: string; row: string }; limit?: number } = {}): Promise<StoredEntity<T>[]> {
    if (!options.after) return this.#query(undefined, options.limit);
    // Two range queries (the rest of the partition, then the partitions after it) rather than one
    // with `or`, which Azure would serve by scanning the table.
    const pk = encodeKeyText(options.after.partition);
    const rk = encodeKeyText(options.after.row);
    const limit = options.limit ?? Infinity;
    const rest = await this.#query(odata`PartitionKey eq ${pk} and RowKey gt ${rk}`, limit);
    if (rest.length >= limit) return rest;
    return [...rest, ...(await this.#query(odata`PartitionKey gt ${pk}`, limit - rest.length))];
  }

  /** The entities matching `filter`, in key order, at most `limit`, fetched a page at a time. */
  async #query(filter: string | undefined, limit = Infinity): Promise<StoredEntity<T>[]> {
    const out: StoredEntity<T>[] = [];
    if (limit <= 0) return out;
    await this.ready();
    const pages = this.client.listEntities<Record<string, unknown>>({ ...(filter !== undefined && { queryOptions: { filter } }) }).byPage({ maxPageSize: Math.min(limit, 1000) });
    for await (const page of pages) {
      for (const entity of page) {
        this.#lineages.remember(entity.etag, entity.w);
        out.push({ partition: decodeKey(entity.partitionKey!), row: decodeKey(entity.rowKey!), value: valueOf<T>(entity), etag: entity.etag });
        if (out.length >= limit) return out;
      }
    }
    return out;
  }
}

/** Counts the attempts of each operation (runs once per try, under the SDK's retry policy). */
function attemptsPolicy(tracking: Tracking): PipelinePolicy {
  return {
    name: 'psbCountAttempts',
    sendRequest(request, next) {
      const signal = request.abortSignal as AbortSignal | undefined;
      if (signal) tracking.attempts.set(signal, (tracking.attempts.get(signal) ?? 0) + 1);
      return next(request);
    },
  };
}

/**
 * Puts the caller's eTag into the conditional deletes of a transaction: the SDK's transactions
 * send every delete with `If-Match: *` (its delete action takes no options).
 */
function conditionalDeletePolicy(tracking: Tracking): PipelinePolicy {
  return {
    name: 'psbConditionalTransactionDeletes',
    sendRequest(request, next) {
      const etags = request.abortSignal && tracking.deleteEtags.get(request.abortSignal as AbortSignal);
      if (etags && typeof request.body === 'string') {
        let applied = 0;
        // One part per operation: `DELETE <url>(PartitionKey='..',RowKey='..') HTTP/1.1`, its headers, a blank line.
        request.body = request.body.replace(/^DELETE [^\r\n]*RowKey='([^']*)'\) HTTP\/1\.1\r\n(?:[^\r\n]+\r\n)*?If-Match: \*\r\n/gm, (part, rowKey: string) => {
          const etag = etags.get(decodeURIComponent(rowKey));
          if (etag === undefined) return part;
          applied += 1;
          return part.replace(/If-Match: \*\r\n$/, `If-Match: ${etag}\r\n`);
        });
        if (applied !== etags.size) throw new Error(`Could not make ${etags.size - applied} delete(s) of the transaction conditional (the SDK's request format changed?)`);
      }
      return next(request);
    },
  };
}

const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i;

/** The parts of a connection string (keys compared case-insensitively). */
function connectionStringParts(connectionString: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of connectionString.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) parts.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  return parts;
}

/** The run-time store on Azure Table Storage (or Azurite). */
export class AzureTableBackend implements StoreBackend {
  readonly description: string;
  readonly prefix: string;
  readonly #tables = new Map<TableName, AzureTable<unknown>>();
  readonly #clientOptions: TableServiceClientOptions;
  readonly #connectionString: string;
  readonly #tracking: Tracking = { attempts: new WeakMap(), deleteEtags: new WeakMap() };

  constructor(options: AzureTableBackendOptions) {
    const prefix = options.prefix ?? 'psb';
    if (!/^[A-Za-z][A-Za-z0-9]{0,49}$/.test(prefix)) {
      throw new TypeError(`The table prefix ${JSON.stringify(prefix)} must be letters and digits, start with a letter, and have at most 50 characters`);
    }
    this.prefix = prefix;
    this.#connectionString = options.connectionString;
    const parts = connectionStringParts(options.connectionString);
    const endpoint = parts.get('tableendpoint');
    const account = parts.get('accountname');
    if (!endpoint && !account && parts.get('usedevelopmentstorage') !== 'true') {
      throw new TypeError('The Azure Storage connection string names neither an AccountName nor a TableEndpoint');
    }
    // Where, never with what key or signature.
    const where = endpoint ? endpoint.split('?')[0]!.replace(/\/+$/, '') : (account ?? 'the local emulator');
    this.description = `azure tables ${prefix}* at ${where}`;
    const http = endpoint ? endpoint.toLowerCase().startsWith('http:') : parts.get('defaultendpointsprotocol')?.toLowerCase() === 'http' || parts.get('usedevelopmentstorage') === 'true';
    this.#clientOptions = {
      allowInsecureConnection: options.allowInsecureConnection ?? (http && (endpoint === undefined ? parts.get('usedevelopmentstorage') === 'true' : LOOPBACK.test(endpoint))),
      retryOptions: options.retryOptions ?? { maxRetries: 3, retryDelayInMs: 500, maxRetryDelayInMs: 4000 },
      additionalPolicies: [
        { policy: conditionalDeletePolicy(this.#tracking), position: 'perCall' },
        { policy: attemptsPolicy(this.#tracking), position: 'perRetry' },
        ...(options.additionalPolicies ?? []),
      ],
    };
  }

  /** The Azure table that holds `name`. */
  tableName(name: TableName): string {
    return `${this.prefix}${name}`;
  }

  table<T>(name: TableName): EntityTable<T> {
    let table = this.#tables.get(name);
    if (!table) {
      const client = TableClient.fromConnectionString(this.#connectionString, this.tableName(name), this.#clientOptions);
      this.#tables.set(name, (table = new AzureTable(name, client, this.#tracking)));
    }
    return table as EntityTable<T>;
  }

  /** A query of at most one entity of the `meta` table (creating it on first use). */
  async ping(): Promise<void> {
    await this.table('meta').list('ping', { limit: 1 });
  }

  /** Nothing to release: every request stands on its own. */
  async close(): Promise<void> {}
}

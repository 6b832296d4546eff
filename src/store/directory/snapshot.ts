/**
 * One immutable version of the partner directory in memory, with indexes (tenant, user, partner id,
 * users of a tenant, e-mail, organization names), built a chunk at a time so that loading 100,000
 * organizations never holds the event loop for long. Entities are frozen: every turn shares them.
 */
import { NameIndex } from './nameIndex.js';
import type { DirectoryUser } from '../../domain/types.js';
import type { DirectoryOrganization, DirectorySnapshot } from '../types.js';
import { deepFreeze } from '../../util/deepFreeze.js';

const EMPTY: readonly DirectoryUser[] = Object.freeze([]);

class Snapshot implements DirectorySnapshot {
  constructor(
    readonly importedAt: string | undefined,
    private readonly orgs: readonly DirectoryOrganization[],
    private readonly byTenant: ReadonlyMap<string, DirectoryOrganization>,
    private readonly byPartnerId: ReadonlyMap<string, DirectoryOrganization>,
    private readonly users: ReadonlyMap<string, DirectoryUser>,
    private readonly byTenantUsers: ReadonlyMap<string, readonly DirectoryUser[]>,
    private readonly byEmail: ReadonlyMap<string, readonly DirectoryUser[]>,
    private readonly names: NameIndex,
  ) {}

  get size() {
    return { organizations: this.orgs.length, users: this.users.size };
  }

  organization(tenantId: string): DirectoryOrganization | undefined {
    return this.byTenant.get(tenantId.toLowerCase());
  }

  user(aadObjectId: string): DirectoryUser | undefined {
    return this.users.get(aadObjectId.toLowerCase());
  }

  organizationByPartnerId(partnerId: string): DirectoryOrganization | undefined {
    return this.byPartnerId.get(partnerId);
  }

  usersOfTenant(tenantId: string): readonly DirectoryUser[] {
    return this.byTenantUsers.get(tenantId.toLowerCase()) ?? EMPTY;
  }

  usersByEmail(email: string): readonly DirectoryUser[] {
    return this.byEmail.get(email.trim().toLowerCase()) ?? EMPTY;
  }

  searchOrganizations(query: string, limit: number): { organization: DirectoryOrganization; score: number }[] {
    return this.names.search(query, limit).map(({ position, score }) => ({ organization: this.orgs[position]!, score }));
  }

  organizations(): Iterable<DirectoryOrganization> {
    return this.orgs;
  }
}

/**
 * Builds a {@link DirectorySnapshot} from organizations and users added in chunks (each chunk's
 * work is proportional to its size), then {@link finish}es it. Ids are expected lower-case (the
 * document's normal form).
 */
export class SnapshotBuilder {
  readonly #orgs: DirectoryOrganization[] = [];
  readonly #byTenant = new Map<string, DirectoryOrganization>();
  readonly #byPartnerId = new Map<string, DirectoryOrganization>();
  readonly #users = new Map<string, DirectoryUser>();
  readonly #byTenantUsers = new Map<string, DirectoryUser[]>();
  readonly #byEmail = new Map<string, DirectoryUser[]>();
  readonly #names = new NameIndex();

  addOrganizations(organizations: readonly DirectoryOrganization[]): void {
    for (const org of organizations) {
      const frozen = deepFreeze(org);
      this.#names.add(this.#orgs.length, org.name);
      this.#orgs.push(frozen);
      this.#byTenant.set(org.tenantId, frozen);
      this.#byPartnerId.set(org.partnerId, frozen);
    }
  }

  addUsers(users: readonly DirectoryUser[]): void {
    for (const user of users) {
      const frozen = deepFreeze(user);
      this.#users.set(user.aadObjectId, frozen);
      push(this.#byTenantUsers, user.tenantId, frozen);
      if (user.email) push(this.#byEmail, user.email.toLowerCase(), frozen);
    }
  }

  finish(importedAt: string | undefined): DirectorySnapshot {
    // The lists are typed read-only; freezing 400,000 of them here would hold up turns at 100k.
    return new Snapshot(importedAt, Object.freeze(this.#orgs), this.#byTenant, this.#byPartnerId, this.#users, this.#byTenantUsers, this.#byEmail, this.#names);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A snapshot of the given entities, built at once (tests, small directories). */
export function snapshotOf(organizations: readonly DirectoryOrganization[], users: readonly DirectoryUser[], importedAt?: string): DirectorySnapshot {
  const builder = new SnapshotBuilder();
  builder.addOrganizations(organizations);
  builder.addUsers(users);
  return builder.finish(importedAt);
}

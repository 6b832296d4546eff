import { randomInt, randomUUID } from 'node:crypto';
import type { BenefitKind, Organization } from '../domain/types.js';

/** The IDs Microsoft issues for one activated benefit. */
export interface IssuedIds {
  kind: BenefitKind;
  accessId: string;
  contractId: string;
}

/**
 * Issues Access IDs and Contract IDs on activation. In production this is Partner Center, which
 * cannot be reached from here; the local implementation below stands in for it honestly.
 */
export interface BenefitProvisioner {
  provision(organization: Organization, kinds: readonly BenefitKind[]): Promise<IssuedIds[]>;
}

/**
 * Generates IDs locally: a random UUID as Access ID and a ten-digit Contract ID. They look like the
 * real ones and are unique, but Microsoft's portals do not know them; say so in the README.
 */
export class LocalProvisioner implements BenefitProvisioner {
  async provision(_organization: Organization, kinds: readonly BenefitKind[]): Promise<IssuedIds[]> {
    return kinds.map((kind) => ({
      kind,
      accessId: randomUUID(),
      contractId: String(randomInt(1_000_000_000, 10_000_000_000)),
    }));
  }
}

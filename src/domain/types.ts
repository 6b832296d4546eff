/**
 * The partner directory's vocabulary, shared by the domain rules, the store and the flows.
 * Shapes follow `contracts/directory.schema.json`; nothing here does I/O.
 */

/** A calendar date, `YYYY-MM-DD`, compared as a string (UTC calendar days). */
export type IsoDate = string;

export type Offer = 'ActionPack' | 'Silver' | 'Gold';
export type BenefitKind = 'ProductSupport' | 'SignatureCloudSupport';
export type Role = 'GlobalAdmin' | 'MpnPartnerAdmin' | 'AdminAgent' | 'HelpdeskAgent';
export type AccountProgram = 'MPN' | 'CSP';

/** A membership offer; active on dates from `start` to `end`, both included. */
export interface Membership {
  offer: Offer;
  /** Present for Silver and Gold, absent for ActionPack. */
  competency?: string;
  start: IsoDate;
  end: IsoDate;
}

/** Who activated a benefit through the bot (absent for benefits carried over by an import). */
export interface Activator {
  aadObjectId: string;
  name: string;
}

/** A support case recorded against a benefit in the bot (who said so, and when). */
export interface IncidentRecord {
  /** The support case reference as the user gave it, normalized (upper case, no spaces). */
  caseRef: string;
  recordedBy: Activator;
  /** ISO timestamp. */
  recordedAt: string;
  /** False for an unlimited benefit: the case is recorded without counting. */
  counted: boolean;
}

/** An activated support contract of an organization. */
export interface Benefit {
  kind: BenefitKind;
  accessId: string;
  contractId: string;
  /** First day the contract is valid. */
  start: IsoDate;
  /** Last day the contract is valid. */
  end: IsoDate;
  incidentsUsed: number;
  /** `import` when carried over by the operator, `bot` when activated in a chat. */
  source: 'import' | 'bot';
  activatedBy?: Activator;
  /** ISO timestamp of the activation in the bot. */
  activatedAt?: string;
  /** Cases recorded in the bot against this contract, oldest first. */
  cases?: IncidentRecord[];
}

export interface Organization {
  tenantId: string;
  name: string;
  partnerId: string;
  memberships: Membership[];
  benefits: Benefit[];
}

export interface DirectoryUser {
  aadObjectId: string;
  tenantId: string;
  name: string;
  email?: string;
  roles: Role[];
  accountProgram: AccountProgram;
}

/**
 * An organization's contracts as the bot shows them, from two sources that never write each
 * other's data:
 * - the **imported** contracts, the operator's word (the partner directory, written only by the
 *   import), each with a count of used incidents as of the moment that count was imported;
 * - the **ledger**, what the bot itself wrote: the contracts activated in a chat and every case a
 *   user recorded as a used incident.
 *
 * Per benefit kind the contract with the latest start counts (on the same start, the one activated
 * in the bot): a renewal imported later supersedes an older activation and vice versa. Its used
 * incidents are the imported count plus the counted cases the bot recorded after that count was
 * imported (for an activated contract: all its counted cases). A re-import can therefore neither
 * undo an activation nor lose a recorded case. Pure: no I/O.
 */
import type { Activator, Benefit, BenefitKind, IncidentRecord, IsoDate } from './types.js';

/** A contract as the operator imported it (the directory's `benefits`): a benefit's own fields. */
export type ImportedContract = Pick<Benefit, 'kind' | 'accessId' | 'contractId' | 'start' | 'end' | 'incidentsUsed'> & {
  /**
   * The instant this count was imported (ISO). Cases the bot recorded from then on add to the count;
   * earlier ones are in it already. Absent: every case recorded in the bot adds to it.
   */
  countedAt?: string;
};

/** A case recorded in the bot, with the contract it was recorded against. */
export interface RecordedIncident extends IncidentRecord {
  kind: BenefitKind;
  contractId: string;
}

/** A contract activated in the bot (the IDs Partner Center issued, and who asked for them). */
export interface Activation {
  kind: BenefitKind;
  accessId: string;
  contractId: string;
  start: IsoDate;
  end: IsoDate;
  activatedBy: Activator;
  /** ISO timestamp. */
  activatedAt: string;
}

/** What the bot wrote about one organization's contracts. One entity per tenant in the run-time store. */
export interface BenefitLedger {
  tenantId: string;
  /** Contracts activated in the bot, at most one per kind (a new activation replaces the old one). */
  activations: Activation[];
  /** Every case recorded in the bot, oldest first, whatever contract it was recorded against. */
  incidents: RecordedIncident[];
}

/** An empty ledger for `tenantId`. */
export function emptyLedger(tenantId: string): BenefitLedger {
  return { tenantId, activations: [], incidents: [] };
}

const sameContract = (incident: RecordedIncident, contract: { kind: BenefitKind; contractId: string }) =>
  incident.kind === contract.kind && incident.contractId === contract.contractId;

function fromImport(contract: ImportedContract, incidents: readonly RecordedIncident[]): Benefit {
  const cases = incidents.filter((i) => sameContract(i, contract));
  const after = contract.countedAt;
  const added = cases.filter((i) => i.counted && (after === undefined || i.recordedAt >= after)).length;
  return {
    kind: contract.kind,
    accessId: contract.accessId,
    contractId: contract.contractId,
    start: contract.start,
    end: contract.end,
    incidentsUsed: contract.incidentsUsed + added,
    source: 'import',
    ...(cases.length > 0 && { cases: cases.map(toRecord) }),
  };
}

function fromActivation(activation: Activation, incidents: readonly RecordedIncident[]): Benefit {
  const cases = incidents.filter((i) => sameContract(i, activation));
  return {
    kind: activation.kind,
    accessId: activation.accessId,
    contractId: activation.contractId,
    start: activation.start,
    end: activation.end,
    incidentsUsed: cases.filter((i) => i.counted).length,
    source: 'bot',
    activatedBy: activation.activatedBy,
    activatedAt: activation.activatedAt,
    ...(cases.length > 0 && { cases: cases.map(toRecord) }),
  };
}

function toRecord(incident: RecordedIncident): IncidentRecord {
  return { caseRef: incident.caseRef, recordedBy: incident.recordedBy, recordedAt: incident.recordedAt, counted: incident.counted };
}

/**
 * The organization's contracts, one per kind: imported kinds first in file order, then kinds only
 * activated in the bot, in activation order.
 */
export function currentBenefits(imported: readonly ImportedContract[], ledger: BenefitLedger | undefined): Benefit[] {
  const incidents = ledger?.incidents ?? [];
  const activations = ledger?.activations ?? [];
  const kinds = [...new Set<BenefitKind>([...imported.map((c) => c.kind), ...activations.map((a) => a.kind)])];
  return kinds.map((kind) => {
    const fromFile = imported.find((c) => c.kind === kind);
    const fromBot = activations.find((a) => a.kind === kind);
    if (fromBot && (!fromFile || fromBot.start >= fromFile.start)) return fromActivation(fromBot, incidents);
    return fromImport(fromFile!, incidents);
  });
}

/** The ledger after activating `activated`: each replaces the earlier activation of its kind. */
export function withActivations(ledger: BenefitLedger, activated: readonly Activation[]): BenefitLedger {
  const kinds = new Set(activated.map((a) => a.kind));
  return { ...ledger, activations: [...ledger.activations.filter((a) => !kinds.has(a.kind)), ...activated] };
}

/** The ledger after recording `incident`. */
export function withIncident(ledger: BenefitLedger, incident: RecordedIncident): BenefitLedger {
  return { ...ledger, incidents: [...ledger.incidents, incident] };
}

/**
 * Helpdesk cases: a partner's escalation, and the agents' assign and resolve. Every change checks
 * the caller on the server (agents only for assign/resolve), is saved with the case's eTag, and is
 * appended to the audit log.
 */
import type { Clock } from '../clock.js';
import { checkMember, type Caller, type Refusal } from '../domain/access.js';
import type { DirectoryUser } from '../domain/types.js';
import { PreconditionFailedError, type AuditLog, type CaseStore, type ConversationStore, type HelpdeskCase, type StoredConversation } from '../store/types.js';
import type { Organizations } from './organizations.js';

/** The setting that names the helpdesk conversation. */
export const HELPDESK_CONVERSATION = 'helpdeskConversation';

export type EscalationResult =
  | { status: 'refused'; refusal: Refusal }
  /** The case is stored; `helpdesk` is where its card goes, undefined while no helpdesk conversation is set (it waits). */
  | { status: 'created'; helpdeskCase: HelpdeskCase; helpdesk?: StoredConversation };

/** Where an escalation's card is: posted, being posted by a bot instance, or waiting to be. */
export type DeliveryState = 'posted' | 'posting' | 'waiting';

/** A delivery claim older than this is taken to be of a bot instance that died while posting. */
export const DELIVERY_CLAIM_MS = 60_000;

/**
 * The case id in what an agent typed ("case C-000002", "c-2", "Fall C2"), as the store spells it
 * (`C-000002`); undefined when there is none.
 */
export function caseIdIn(text: string): string | undefined {
  const match = /(?:^|[^\p{L}\p{N}])c-?(\d{1,9})(?![\p{L}\p{N}])/iu.exec(text);
  return match ? `C-${match[1]!.replace(/^0+(?=\d)/, '').padStart(6, '0')}` : undefined;
}

export type CaseChange =
  | { status: 'notAgent' }
  | { status: 'notFound' }
  | { status: 'alreadyResolved'; helpdeskCase: HelpdeskCase }
  | { status: 'noteMissing'; helpdeskCase: HelpdeskCase }
  /** Assigned already: to this agent (nothing to do) or to another one (not taken over silently). */
  | { status: 'alreadyAssigned'; helpdeskCase: HelpdeskCase; toCaller: boolean }
  | { status: 'changed'; helpdeskCase: HelpdeskCase; agent: DirectoryUser; partner?: StoredConversation };

export class CaseService {
  constructor(
    private readonly organizations: Organizations,
    private readonly cases: CaseStore,
    private readonly conversations: ConversationStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  private readonly helpdeskActive: ((helpdesk: StoredConversation) => Promise<void>)[] = [];

  /**
   * Runs `listener` (awaited) whenever the helpdesk is there to receive: an agent names the
   * helpdesk conversation, or takes or resolves a case. Waiting cases go there then.
   */
  whenHelpdeskActive(listener: (helpdesk: StoredConversation) => Promise<void>): void {
    this.helpdeskActive.push(listener);
  }

  private async notifyHelpdeskActive(helpdesk?: StoredConversation): Promise<void> {
    const to = helpdesk ?? (await this.helpdesk());
    if (to) for (const listener of this.helpdeskActive) await listener(to);
  }

  /** The caller's directory entry when they are a helpdesk agent signed in to their own tenant. */
  async agentOf(caller: Caller): Promise<DirectoryUser | undefined> {
    return this.organizations.agentOf(caller);
  }

  /** Names this conversation the helpdesk conversation (agents only). */
  async setHelpdeskConversation(caller: Caller, conversationKey: string): Promise<boolean> {
    const agent = await this.agentOf(caller);
    if (!agent) return false;
    const helpdesk = await this.conversations.get(conversationKey);
    if (!helpdesk) return false;
    await this.conversations.setSetting(HELPDESK_CONVERSATION, conversationKey);
    await this.log(agent, 'helpdesk.channel', undefined, { conversation: conversationKey });
    await this.notifyHelpdeskActive(helpdesk);
    return true;
  }

  /** Whether escalations can reach the helpdesk now. */
  async helpdesk(): Promise<StoredConversation | undefined> {
    const key = await this.conversations.getSetting(HELPDESK_CONVERSATION);
    return key ? this.conversations.get(key) : undefined;
  }

  /** Whether the caller may escalate (a user of a partner organization); the refusal otherwise. */
  async mayEscalate(caller: Caller): Promise<Refusal | undefined> {
    const check = checkMember(await this.organizations.callerRecords(caller));
    return check.ok ? undefined : check.refusal;
  }

  /**
   * A partner user asks for a person: a case with the conversation's context. It is stored even
   * while no helpdesk conversation is set: it then waits there (open, unassigned, no card) until an
   * agent sets one, and is delivered then ({@link waitingCases}).
   * @param requestKey identifies the request (the activity): a redelivery creates no second case.
   */
  async escalate(caller: Caller, summary: string, context: Record<string, string>, requestKey?: string): Promise<EscalationResult> {
    const check = checkMember(await this.organizations.callerRecords(caller));
    if (!check.ok) return { status: 'refused', refusal: check.refusal };
    const { user, organization } = check.member;
    const created = await this.newCase('escalation', user, organization, context['flow'] ?? 'other', summary.trim(), context, requestKey);
    await this.log(user, 'escalation', created);
    const helpdesk = await this.helpdesk();
    return { status: 'created', helpdeskCase: created, ...(helpdesk ? { helpdesk } : {}) };
  }

  /** Open escalations whose card has not reached the helpdesk conversation, oldest first. */
  async waitingCases(): Promise<HelpdeskCase[]> {
    const open = await this.cases.list({ status: ['open'] });
    return open.filter((c) => c.origin === 'escalation' && !c.card).reverse();
  }

  /** Where the case's card is now. */
  async deliveryState(caseId: string): Promise<DeliveryState> {
    const stored = await this.cases.get(caseId);
    if (!stored || stored.value.card) return 'posted';
    return this.claimIsLive(stored.value) ? 'posting' : 'waiting';
  }

  private claimIsLive(c: HelpdeskCase): boolean {
    const at = c.delivery ? Date.parse(c.delivery.claimedAt) : NaN;
    return this.clock.now().getTime() - at < DELIVERY_CLAIM_MS;
  }

  /**
   * Claims the posting of a waiting case's card, with the case's eTag: of several bot instances (or
   * two deliveries in one) only one gets it. A claim older than {@link DELIVERY_CLAIM_MS} is taken over.
   * @returns the case when this caller is to post it; undefined when it is posted, being posted,
   *   resolved, taken, or changed meanwhile.
   */
  async claimDelivery(caseId: string): Promise<HelpdeskCase | undefined> {
    const stored = await this.cases.get(caseId);
    if (!stored || stored.value.card || stored.value.status !== 'open' || this.claimIsLive(stored.value)) return undefined;
    try {
      const saved = await this.cases.save({ ...stored.value, delivery: { claimedAt: this.clock.now().toISOString() } }, stored.etag);
      return saved.value;
    } catch (error) {
      if (error instanceof PreconditionFailedError) return undefined;
      throw error;
    }
  }

  /** Gives a claimed delivery back after the post failed, so the next delivery tries again at once. */
  async releaseDelivery(caseId: string): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await this.cases.get(caseId);
      if (!stored?.value.delivery || stored.value.card) return;
      const { delivery: _released, ...rest } = stored.value;
      try {
        await this.cases.save(rest, stored.etag);
        return;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
  }

  /** An agent's triage, saved as an open case for that partner. */
  async createTriage(
    caller: Caller,
    organization: { tenantId: string; partnerId: string; name: string },
    category: string,
    summary: string,
    requestKey?: string,
  ): Promise<HelpdeskCase | undefined> {
    const agent = await this.agentOf(caller);
    if (!agent) return undefined;
    const created = await this.newCase('triage', agent, organization, category, summary, undefined, requestKey);
    await this.log(agent, 'case.created', created);
    return created;
  }

  private async newCase(
    origin: HelpdeskCase['origin'],
    creator: DirectoryUser,
    organization: { tenantId: string; partnerId: string; name: string },
    category: string,
    summary: string,
    context?: Record<string, string>,
    requestKey?: string,
  ): Promise<HelpdeskCase> {
    const at = this.clock.now().toISOString();
    const by = { aadObjectId: creator.aadObjectId, name: creator.name };
    const created = await this.cases.create({
      origin,
      tenantId: organization.tenantId,
      partnerId: organization.partnerId,
      partnerName: organization.name,
      category,
      summary: summary.slice(0, 500),
      status: 'open',
      createdBy: by,
      createdAt: at,
      notes: [],
      history: [{ at, by, event: 'created' }],
      ...(context ? { context } : {}),
    }, requestKey);
    return created.value;
  }

  /** Remembers where the case card was posted, so it can be updated in place. */
  async attachCard(caseId: string, card: { conversationId: string; activityId: string }): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await this.cases.get(caseId);
      if (!stored) return;
      // The card is there: a delivery claim has done its work.
      const { delivery: _done, ...rest } = stored.value;
      try {
        await this.cases.save({ ...rest, card }, stored.etag);
        return;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
  }

  assign(caller: Caller, caseId: string): Promise<CaseChange> {
    return this.change(caller, caseId, (c, agent, at) => ({
      ...c,
      status: 'assigned',
      assignee: { aadObjectId: agent.aadObjectId, name: agent.name },
      history: [...c.history, { at, by: { aadObjectId: agent.aadObjectId, name: agent.name }, event: 'assigned' }],
    }), 'case.assigned');
  }

  resolve(caller: Caller, caseId: string, note: string): Promise<CaseChange> {
    const text = note.trim().slice(0, 500);
    return this.change(caller, caseId, (c, agent, at) => {
      const by = { aadObjectId: agent.aadObjectId, name: agent.name };
      return {
        ...c,
        status: 'resolved',
        assignee: c.assignee ?? by,
        notes: [...c.notes, { at, by, text }],
        history: [...c.history, { at, by, event: 'resolved' }],
      };
    }, 'case.resolved', text === '');
  }

  private async change(
    caller: Caller,
    caseId: string,
    apply: (c: HelpdeskCase, agent: DirectoryUser, at: string) => HelpdeskCase,
    action: string,
    noteMissing = false,
  ): Promise<CaseChange> {
    const agent = await this.agentOf(caller);
    if (!agent) return { status: 'notAgent' };
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await this.cases.get(caseId);
      if (!stored) return { status: 'notFound' };
      if (stored.value.status === 'resolved') return { status: 'alreadyResolved', helpdeskCase: stored.value };
      if (noteMissing) return { status: 'noteMissing', helpdeskCase: stored.value };
      if (action === 'case.assigned' && stored.value.assignee) {
        return { status: 'alreadyAssigned', helpdeskCase: stored.value, toCaller: stored.value.assignee.aadObjectId === agent.aadObjectId };
      }
      const next = apply(stored.value, agent, this.clock.now().toISOString());
      try {
        const saved = await this.cases.save(next, stored.etag);
        await this.log(agent, action, saved.value);
        // Only an escalation has a partner waiting; a triage was created by the agent.
        const partner =
          saved.value.origin === 'escalation' && saved.value.tenantId
            ? (await this.conversations.personalOf(saved.value.tenantId, [saved.value.createdBy.aadObjectId]))[0]
            : undefined;
        // The helpdesk is at work: a case card that could not be posted before goes there now.
        await this.notifyHelpdeskActive();
        return { status: 'changed', helpdeskCase: saved.value, agent, partner };
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
        // Another agent changed the case meanwhile (two clicks on one card): apply to the new state.
      }
    }
    throw new Error(`case ${caseId} kept changing`);
  }

  /**
   * The caller's own cases (partners), or (agents) the open cases, the unassigned ones, those
   * assigned to the caller (open work, from the status index: resolved ones are not theirs to do),
   * or a partner's.
   */
  async list(caller: Caller, which: 'mine' | 'open' | 'unassigned' | 'assignedToMe' | { partner: string }): Promise<HelpdeskCase[] | 'notAgent'> {
    if (which === 'mine') return caller.aadObjectId ? this.cases.list({ createdBy: caller.aadObjectId }) : [];
    const agent = await this.agentOf(caller);
    if (!agent) return 'notAgent';
    if (which === 'open') return this.cases.list({ status: ['open', 'assigned'] });
    if (which === 'unassigned') return this.cases.list({ status: ['open'] });
    if (which === 'assignedToMe') {
      const me = agent.aadObjectId.toLowerCase();
      return (await this.cases.list({ status: ['assigned'] })).filter((c) => c.assignee?.aadObjectId.toLowerCase() === me);
    }
    // The partner as the helpdesk's lookup finds it; then its cases by index.
    const tenants = this.organizations.findPartners(which.partner).map((o) => o.tenantId);
    const lists = await Promise.all(tenants.map((tenantId) => this.cases.list({ tenantId })));
    return lists.flat().sort((a, b) => (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0) || (a.id < b.id ? 1 : -1));
  }

  /** Any case by its id, with its history (agents only: it is another organization's). */
  async byId(caller: Caller, id: string): Promise<HelpdeskCase | 'notAgent' | undefined> {
    if (!(await this.agentOf(caller))) return 'notAgent';
    return (await this.cases.get(id))?.value;
  }

  private log(actor: DirectoryUser, action: string, c?: HelpdeskCase, details: Record<string, string> = {}): Promise<void> {
    return this.audit.append({
      at: this.clock.now().toISOString(),
      actor: { aadObjectId: actor.aadObjectId, name: actor.name },
      ...(c?.tenantId ? { tenantId: c.tenantId } : {}),
      ...(c?.partnerId ? { partnerId: c.partnerId } : {}),
      action,
      details: c ? { caseId: c.id, status: c.status, ...details } : details,
    });
  }
}

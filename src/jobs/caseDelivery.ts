/**
 * Posting escalations' case cards into the helpdesk conversation. A partner's escalation is stored
 * as a case first, whether or not an agent has set the helpdesk conversation yet; every case whose
 * card is not there yet (none set at the time, or the post failed) waits, and is posted with the
 * next delivery: when a partner escalates, and when an agent says "set helpdesk channel".
 *
 * Each card is posted once, also with several bot instances or two deliveries at once: the case is
 * claimed in the store with its eTag before the post (CaseService.claimDelivery) and carries the
 * card's id afterwards. A failed post gives the claim back; an instance that dies between the post
 * and storing the card's id leaves a claim that another takes over after a minute, and posts that
 * card a second time: the one way to see a card twice.
 */
import type { Activity } from 'botbuilder';
import type { ProactiveMessenger } from '../adapter/proactive.js';
import { langOf, type Lang } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { CaseService } from '../services/caseService.js';
import type { HelpdeskCase, StoredConversation } from '../store/types.js';

export interface DeliverySummary {
  /** Ids of the cases this delivery posted. */
  posted: string[];
  /** Ids of the cases whose post failed (they wait for the next delivery). */
  failed: string[];
}

/** The language of the helpdesk conversation, from the locale its reference was stored with. */
const helpdeskLangOf = (helpdesk: StoredConversation): Lang => langOf(helpdesk.reference['locale'] as string | undefined);

/**
 * The reference to post a new card with: in a Teams channel the stored id names the thread the
 * agent wrote in (";messageid=..."); a case card starts a thread of its own in the channel.
 */
function channelReference(helpdesk: StoredConversation): Record<string, unknown> {
  const conversation = helpdesk.reference['conversation'] as { id: string };
  return { ...helpdesk.reference, conversation: { ...conversation, id: conversation.id.split(';')[0] } };
}

export class CaseDelivery {
  /**
   * @param card the case card's message, in the helpdesk conversation's language.
   */
  constructor(
    private readonly cases: CaseService,
    private readonly messenger: ProactiveMessenger,
    private readonly card: (lang: Lang, c: HelpdeskCase) => Partial<Activity>,
    private readonly logger: Logger,
  ) {}

  /**
   * Posts every waiting case's card into the helpdesk conversation (`helpdesk`, or the one set),
   * oldest first, each once. Nothing happens while no helpdesk conversation is set.
   */
  async deliverWaiting(helpdesk?: StoredConversation): Promise<DeliverySummary> {
    const summary: DeliverySummary = { posted: [], failed: [] };
    const to = helpdesk ?? (await this.cases.helpdesk());
    if (!to) return summary;
    const lang = helpdeskLangOf(to);
    for (const waiting of await this.cases.waitingCases()) {
      const claimed = await this.cases.claimDelivery(waiting.id);
      if (!claimed) continue;
      let activityId: string | undefined;
      try {
        [activityId] = await this.messenger.send(channelReference(to), [this.card(lang, claimed)]);
      } catch (error) {
        this.logger.error({ err: error, caseId: claimed.id }, 'could not post the case card to the helpdesk conversation; it waits for the next delivery');
        summary.failed.push(claimed.id);
        await this.cases.releaseDelivery(claimed.id).catch(() => undefined);
        continue;
      }
      // Posted, even when the connector names no id (the card then cannot be updated in place): never again.
      if (!activityId) this.logger.warn({ caseId: claimed.id }, 'the connector returned no id for the case card; it will not update in place');
      await this.cases.attachCard(claimed.id, { conversationId: to.key, activityId: activityId ?? '' });
      summary.posted.push(claimed.id);
    }
    if (summary.posted.length > 0) this.logger.info({ cases: summary.posted }, 'posted case cards to the helpdesk conversation');
    return summary;
  }
}

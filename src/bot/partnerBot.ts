/**
 * The Teams activity handler: welcome on install, messages and card submits into the dialogs, a press
 * of an `Action.Execute` button to the flow that registered its card, and the conversation state
 * saved at the end of every turn, checked against what other bot instances wrote meanwhile.
 */
import {
  ActivityTypes,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  TeamsActivityHandler,
  TextFormatTypes,
  TurnContext,
  type StatePropertyAccessor,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { ExecuteCard } from '../dialogs/flow.js';
import type { MainDialog } from '../dialogs/mainDialog.js';
import { callerOf, chooseTurnLanguage, LANGUAGE_PROPERTY, LAST_TOPIC, langOfTurn, TOPIC_NOW, type CardSender } from '../dialogs/turn.js';
import { freshQuestions, isQuestion, NOT_A_QUESTION, RECENT_QUESTIONS, withQuestion, type RecentQuestion } from '../dialogs/recentQuestions.js';
import type { LastTopic } from '../knowledge/followUp.js';
import { PASTED_ERRORS, welcomeSuffices } from '../knowledge/routing.js';
import { redactQuestion } from '../knowledge/redact.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { t } from '../i18n/index.js';
import type { ConversationStore, KeyValueStore } from '../store/types.js';
import { menuView } from '../views/views.js';
import { helpdeskMenuView } from '../views/helpdeskViews.js';
import { boundedText } from '../util/boundedText.js';
import type { CardActionVerb } from '../views/actions.js';
import type { Caller } from '../domain/access.js';
import { HELPDESK_CONVERSATION } from '../services/caseService.js';
import { StateConflictError, VersionedState, versionedPrivateConversationState } from './versionedState.js';

function invokeError(statusCode: number, code: string, message: string) {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}

/** Per-conversation facts kept beside the dialog stack. */
interface ConversationMeta {
  welcomed?: boolean;
}

/**
 * What this person's last question was about, so their short follow-up ("and for azure?") is read
 * with it. Kept per person (in a group chat one member's question is not another's context),
 * redacted like the unanswered-questions log, and forgotten after {@link TOPIC_TTL_MS}.
 */
interface PersonalTopic extends LastTopic {
  at: string;
}
const TOPIC_TTL_MS = 30 * 60_000;
/** The longest question kept as a topic. */
const MAX_TOPIC = 300;
/** The requests a follow-up can build on: a rule answer, the tier table, the support route, the activation and the role check ("can you just do it for us?"), a pasted error. */
const FOLLOWED_UP = new Set(['knowledge', 'tiers', 'supportPlan', 'alreadyAssociated', 'activate', 'roleCheck', ...PASTED_ERRORS]);

/** The state properties the bot keeps (names as stored). */
const META = 'meta';
const DIALOG_STATE = 'dialogState';
const LAST_TOPIC_PROPERTY = 'lastTopic';
const RECENT_QUESTIONS_PROPERTY = 'recentQuestions';

/**
 * The conversation a Teams channel thread belongs to: a channel's thread ids are the channel's id
 * and `;messageid=<the thread's first post>`, and each thread would otherwise be a conversation of
 * its own (its own welcome, for one). Any other id is returned as it is.
 */
export function channelOf(conversationId: string): string {
  const cut = conversationId.indexOf(';');
  return cut < 0 ? conversationId : conversationId.slice(0, cut);
}

/** `ConversationState`'s key (`<channel>/conversations/<id>/`), for the channel rather than each of its threads. */
function conversationKey(context: TurnContext): string {
  const { channelId, conversation } = context.activity;
  if (!channelId || !conversation?.id) throw new Error('conversation state: the activity has no channel or conversation id');
  return `${channelId}/conversations/${channelOf(conversation.id)}/`;
}

/**
 * The bot's two state items on `store`, written with the eTag each was read with (versionedState.ts).
 * When two turns of one conversation change one at the same time (two bot instances; within one
 * instance the adapter runs a conversation's turns one after another), what each changed is merged.
 * The conversation's `meta` (welcomed, the last answer) and a person's follow-up topic may simply
 * take the later value; a dialog stack both turns moved is a real conflict (see PartnerBot.saveStates).
 */
export function createBotStates(store: KeyValueStore): { conversationState: VersionedState; dialogStates: VersionedState } {
  return {
    // One item per chat or channel: a channel's threads share their channel's welcome.
    conversationState: new VersionedState(store, conversationKey, { lastWriterWins: [META] }),
    dialogStates: versionedPrivateConversationState(store, { lastWriterWins: [LAST_TOPIC_PROPERTY, LANGUAGE_PROPERTY, RECENT_QUESTIONS_PROPERTY] }),
  };
}

export class PartnerBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly meta: StatePropertyAccessor<ConversationMeta>;
  private readonly topic: StatePropertyAccessor<PersonalTopic | undefined>;
  private readonly recent: StatePropertyAccessor<RecentQuestion[] | undefined>;

  /**
   * @param conversationState facts about the conversation as a whole (welcomed).
   * @param dialogStates the dialog stack, kept per user and conversation: in a group chat one
   *   member's waiting confirmation is theirs alone, and nobody else's message answers or ends it.
   */
  constructor(
    private readonly conversationState: VersionedState,
    private readonly dialogStates: VersionedState,
    private readonly conversations: ConversationStore,
    private readonly clock: Clock,
    private readonly mainDialog: MainDialog,
    private readonly cards: CardSender,
    private readonly logger?: Logger,
    /** Tells helpdesk agents (who get the helpdesk's welcome) from partners; without it everyone is welcomed as a partner. */
    private readonly agents?: { agentOf(caller: Caller): { name: string } | undefined },
  ) {
    super();
    this.dialogState = dialogStates.createProperty<DialogState>(DIALOG_STATE);
    this.meta = conversationState.createProperty<ConversationMeta>(META);
    this.topic = dialogStates.createProperty<PersonalTopic | undefined>(LAST_TOPIC_PROPERTY);
    this.recent = dialogStates.createProperty<RecentQuestion[] | undefined>(RECENT_QUESTIONS_PROPERTY);

    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient?.id);
      if (botAdded) await this.welcome(context);
      await next();
    });

    // Teams sends installationUpdate "add" when the app is installed (again) into this chat, and the
    // chat window of `npm start` sends it each time its page is opened: either way the chat shows
    // nothing from before, so the bot added next (or the next message) is welcomed again.
    this.onInstallationUpdateAdd(async (context, next) => {
      if (context.activity.action === 'add') {
        const meta = await this.meta.get(context, {});
        if (meta.welcomed) await this.meta.set(context, { ...meta, welcomed: false });
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      // In channels and group chats the text starts with "<at>Bot</at>"; understand the rest. Of a
      // very long message only its start and end are read (every rule's cost grows with the text).
      if (context.activity.text) {
        context.activity.text = boundedText(TurnContext.removeRecipientMention(context.activity).trim());
      }
      await this.understand(context);
      await next();
    });
  }

  /** A message or card submit, through the welcome and the dialogs. */
  private async understand(context: TurnContext): Promise<void> {
    const meta = await this.meta.get(context, {});
    const last = await this.topic.get(context);
    const fresh = last && this.clock.now().getTime() - Date.parse(last.at) < TOPIC_TTL_MS;
    context.turnState.set(LAST_TOPIC, fresh ? { question: last.question, request: last.request, ...(last.entry ? { entry: last.entry } : {}) } : undefined);
    if (!meta.welcomed) {
      // Shown here or, at this very moment, by another instance: either way it answers a greeting.
      await this.welcome(context);
      // The welcome card already answers a greeting, a call for help or an unclear first message.
      if (welcomeSuffices(this.mainDialog.requestOf(context))) return;
    }
    const recent = freshQuestions(await this.recent.get(context), this.clock.now());
    context.turnState.set(RECENT_QUESTIONS, recent);
    await this.mainDialog.run(context, this.dialogState);
    await this.keepQuestion(context, recent);
    // A button press or a request with nothing to follow up on ends the topic.
    const topic = context.turnState.get(TOPIC_NOW) as LastTopic | undefined;
    if (topic && FOLLOWED_UP.has(topic.request)) {
      await this.topic.set(context, { question: redactQuestion(topic.question, MAX_TOPIC), request: topic.request, ...(topic.entry ? { entry: topic.entry } : {}), at: this.clock.now().toISOString() });
    } else if (last) {
      await this.topic.delete(context);
    }
  }

  /**
   * Keeps a partner's typed question (not a button, a command or an answer a flow's prompt took)
   * among their recent ones here, for the case card should they ask for a person.
   */
  private async keepQuestion(context: TurnContext, recent: RecentQuestion[]): Promise<void> {
    const { text } = context.activity;
    if (!text || context.activity.value !== undefined || context.turnState.get(NOT_A_QUESTION)) return;
    if (!isQuestion(this.mainDialog.requestOf(context))) return;
    if (this.agents?.agentOf(callerOf(context.activity))) return;
    await this.recent.set(context, withQuestion(recent, text, this.mainDialog.requestOf(context), this.clock.now()));
  }

  /** An `adaptiveCard/action` invoke without an action object is refused before botbuilder reads it. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      const action = (context.activity.value as { action?: unknown } | undefined)?.action;
      if (typeof action !== 'object' || action === null || typeof (action as { verb?: unknown }).verb !== 'string') {
        return { status: 400, body: invokeError(400, 'BadRequest', 'The invoke value needs an action with a verb.') };
      }
    }
    return super.onInvokeActivity(context);
  }

  /**
   * Universal Actions (`Action.Execute`), dispatched to the flow that registered the card
   * (dialogs/flow.ts). The refresh verb (Teams asking for the card as the viewer sees it) answers
   * with that card and changes nothing. Any other verb is a button press: the flow carries it out
   * (its own checks on the server, its replies in the chat) and ends its question that the press
   * answered; the pressed card is replaced by the card as it is now, so no stale button stays
   * behind. Everything runs within the turn; Teams waits for it up to 5 seconds.
   */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    // The flows register the cards that use Action.Execute; every other button is an Action.Submit.
    const executeCard = this.mainDialog.executeCardFor(verb);
    if (!executeCard) {
      return invokeError(400, 'NotSupported', `The verb "${verb}" is not supported.`) as unknown as AdaptiveCardInvokeResponse;
    }
    if (verb !== executeCard.refresh) await this.press(context, executeCard, verb as CardActionVerb, data);
    const view = await executeCard.card(context);
    const card = this.cards.card(view);
    const pressed = context.activity.replyToId;
    if (verb === executeCard.updatesForAll && !view.refresh && pressed) {
      // The done card is the same for everyone: update the posted message itself, so members whose
      // client does not refresh automatically (chats of more than 60) see it too.
      try {
        await context.updateActivity({ ...this.cards.activity(view), id: pressed });
      } catch (error) {
        this.logger?.warn({ err: error }, 'could not update the activation card in place');
      }
    }
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }

  /**
   * A press of an `Action.Execute` button: the flow acts on it (MainDialog.execute), and like any
   * button press it ends the follow-up topic.
   */
  private async press(context: TurnContext, card: ExecuteCard, verb: CardActionVerb, data: unknown): Promise<void> {
    await this.mainDialog.execute(context, this.dialogState, card, verb, data);
    await this.topic.delete(context);
  }

  /**
   * The welcome, once per conversation (on install or at first contact; a channel's threads are its
   * channel's conversation). `welcomed` is stored before it goes out, conditionally: an install and
   * the first message often arrive together and may reach two bot instances, and only the one whose
   * write wins welcomes.
   * @returns the conversation's meta as it is now.
   */
  private async welcome(context: TurnContext): Promise<ConversationMeta> {
    for (let attempt = 1; ; attempt++) {
      const meta = await this.meta.get(context, {});
      if (meta.welcomed) return meta;
      meta.welcomed = true;
      await this.meta.set(context, meta);
      // After two lost races (the conversation's meta keeps changing) welcome anyway; the end of the
      // turn saves it, merged like any change.
      if (attempt === 3 || (await this.conversationState.saveIfUnchanged(context))) {
        await this.sendWelcome(context);
        return meta;
      }
    }
  }

  /**
   * Partners get the partner welcome card; helpdesk agents the helpdesk's welcome instead. The
   * helpdesk conversation (and its threads) is the helpdesk's own: a partner card is never posted
   * there, whoever writes.
   */
  private async sendWelcome(context: TurnContext): Promise<void> {
    const lang = langOfTurn(context);
    const agent = this.agents?.agentOf(callerOf(context.activity));
    if (agent) {
      await this.cards.send(context, helpdeskMenuView(lang, 'welcome', agent.name));
      return;
    }
    if (!(await this.isHelpdeskConversation(context))) await this.cards.send(context, menuView(lang, 'welcome'));
  }

  /** Whether this turn's conversation is the helpdesk conversation or one of its threads. */
  private async isHelpdeskConversation(context: TurnContext): Promise<boolean> {
    const id = context.activity.conversation?.id;
    if (!id) return false;
    const helpdesk = await this.conversations.getSetting(HELPDESK_CONVERSATION);
    return helpdesk !== undefined && channelOf(helpdesk) === channelOf(id);
  }

  /** Keeps the conversation reference, so reminders and case updates can reach this chat later. */
  private async remember(context: TurnContext): Promise<void> {
    const a = context.activity;
    if (a.channelId !== 'msteams' || !a.conversation?.id) return;
    const caller = callerOf(a);
    await this.conversations.upsert({
      key: a.conversation.id,
      // Without the activity id, which changes every turn: the reference is for writing to the
      // conversation later, not for replying to one message, and the store skips an unchanged one.
      reference: { ...TurnContext.getConversationReference(a), activityId: undefined, locale: a.locale },
      aadObjectId: caller.aadObjectId,
      tenantId: caller.tenantId,
      conversationType: a.conversation.conversationType,
      updatedAt: this.clock.now().toISOString(),
    });
  }

  override async run(context: TurnContext): Promise<void> {
    // Our text replies are plain sentences; Teams would otherwise read directory names as markdown.
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const a of activities) {
        if (a.type === ActivityTypes.Message && a.text && !a.textFormat) a.textFormat = TextFormatTypes.Plain;
      }
      return next();
    });
    await chooseTurnLanguage(context, this.dialogStates);
    await this.remember(context);
    await super.run(context);
    await this.saveStates(context);
  }

  /**
   * Saves both state items, each with the eTag this turn read it with (in one go: the store commits
   * writes issued together in one transaction).
   *
   * A real conflict means that another bot instance ran a turn of this person in this conversation
   * at the same moment and moved the same dialog stack (two quick messages, or a message and a card
   * press, sent to two instances). The stack the other turn stored is kept: by now this turn has
   * answered (every turn that moves a stack does), so running it again on the other stack would
   * answer twice and could take this message (a "yes") as the answer to a question it was not meant
   * for. Nothing confirmed is lost: activations, recorded incidents and cases were written to their
   * own version-checked stores during the turn, and the reply said so. Only where this turn left the
   * conversation (e.g. a question it just asked) is gone, so the user hears that, in their language,
   * and that they may repeat their last step.
   */
  private async saveStates(context: TurnContext): Promise<void> {
    const saved = await Promise.allSettled([this.conversationState.saveChanges(context, false), this.dialogStates.saveChanges(context, false)]);
    const failed = saved.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const unexpected = failed.find((error) => !(error instanceof StateConflictError));
    if (unexpected !== undefined) throw unexpected;
    if (failed.length === 0) return;
    const a = context.activity;
    for (const conflict of failed as StateConflictError[]) {
      this.logger?.warn(
        { key: conflict.key, properties: conflict.properties, activityId: a.id, type: a.type, conversationId: a.conversation?.id },
        'another bot instance changed this state at the same time; kept its version and asked the user to repeat the last step',
      );
    }
    await context.sendActivity(t(langOfTurn(context), 'state.crossed'));
  }
}

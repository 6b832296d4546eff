/**
 * What the benchmark's virtual users say: the read mix (tiers, balance, IDs, help, in English and
 * German) and the full mix (the read mix plus activations confirmed by a card click and recorded
 * incidents confirmed with "Yes").
 */
import type { TeamsUser } from '../../src/devtools/teamsActivities.js';
import { buttonData, replyText, say, teamsExecute, teamsMessage, type Scenario, type TurnOutcome } from './load.js';

export const READ_MIX: Scenario[] = [
  { name: 'tiers', weight: 1, steps: say('what support do partners get?') },
  { name: 'tiers-de', weight: 1, steps: say('Was bekommen wir?', 'de-DE') },
  { name: 'balance', weight: 1, steps: say('how many incidents do we have left?') },
  { name: 'ids', weight: 1, steps: say('what is our access id?') },
  { name: 'ids-de', weight: 1, steps: say('Wie lautet unsere Vertrags-ID?', 'de-DE') },
  { name: 'help', weight: 1, steps: say('help') },
];

/** Writes the bot acknowledged, for the kill -9 check: what the user was told was done. */
export interface Acknowledged {
  activations: { tenantId: string; accessIds: string[] }[];
  incidents: { tenantId: string; caseRef: string }[];
}

let caseCounter = 0;
/** A case reference nobody used before in this run. */
export function newCaseRef(): string {
  caseCounter += 1;
  return `26${String(Date.now() % 1e8).padStart(8, '0')}${String(caseCounter).padStart(6, '0')}`;
}

/** "activate our benefits", then Activate pressed as Teams sends it (an Action.Execute invoke). */
export function activationScenario(acked?: Acknowledged, weight = 1): Scenario {
  return {
    name: 'activate',
    weight,
    steps: (user: TeamsUser, serviceUrl: string) => [
      () => teamsMessage({ user, serviceUrl, text: 'activate our benefits' }),
      (previous?: TurnOutcome) => {
        const data = previous && buttonData(previous.replies, (a) => a.verb === 'activation.confirm' || (a.data as { action?: string } | undefined)?.action === 'activation.confirm');
        if (!data) return undefined; // already active, or this user may not activate
        return teamsExecute({ user, serviceUrl, verb: 'activation.confirm', data, replyToId: previous!.replies.at(-1)?.id });
      },
    ],
    done(user, outcomes) {
      const last = outcomes[1];
      if (!acked || !last || last.status !== 200) return;
      // The IDs come in the card that replaces the pressed one, or in a message after it.
      const card = last.invokeBody?.value;
      const text = (card ? JSON.stringify(card) : '') + last.replies.map((r) => replyText(r)).join('\n');
      const ids = [...text.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)].map((m) => m[0]);
      if (ids.length > 0) acked.activations.push({ tenantId: user.tenantId, accessIds: ids });
    },
  };
}

/** "we used an incident on product support, case ...", then "Yes". */
export function incidentScenario(acked?: Acknowledged, weight = 1): Scenario {
  return {
    name: 'incident',
    weight,
    steps: (user: TeamsUser, serviceUrl: string) => {
      const caseRef = newCaseRef();
      return [
        () => teamsMessage({ user, serviceUrl, text: `we used an incident on product support, case ${caseRef}` }),
        (previous?: TurnOutcome) => {
          const data = previous && buttonData(previous.replies, (a) => (a.data as { choice?: string } | undefined)?.choice === 'yes');
          return data ? teamsMessage({ user, serviceUrl, value: data }) : undefined;
        },
      ];
    },
    done(user, outcomes) {
      const last = outcomes[1];
      if (!acked || !last || last.status !== 200) return;
      for (const reply of last.replies) {
        const m = /Recorded: case (\S+) on/.exec(replyText(reply));
        if (m) acked.incidents.push({ tenantId: user.tenantId, caseRef: m[1]! });
      }
    },
  };
}

export function fullMix(acked?: Acknowledged): Scenario[] {
  return [...READ_MIX, activationScenario(acked, 2), incidentScenario(acked, 2)];
}

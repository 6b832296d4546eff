/**
 * End to end over HTTP: Teams' `adaptiveCard/action` invokes reach the real server, and the invoke
 * response (the card as the viewer should see it) comes back in the HTTP answer, while the bot's
 * messages go to the recording connector (F9, F12).
 */
import { expect } from 'chai';
import { cardActions, cardTexts } from '../../src/cards/cardText.js';
import { teamsExecute, teamsInstall, teamsMessage, type TeamsUser } from '../../src/devtools/teamsActivities.js';
import { ana, ben } from '../support/demoPeople.js';
import { demoBotFixture } from '../support/processes.js';

describe('e2e: Universal Actions over HTTP', function () {
  this.timeout(60_000);
  const fx = demoBotFixture('psb-ua-');
  const conversationId = '19:contoso-team-chat@thread.v2';

  async function post(activity: Record<string, unknown>) {
    const res = await fetch(`${fx.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as { statusCode: number; type: string; value: unknown }) : undefined };
  }
  const inGroup = (user: TeamsUser) => ({ user, serviceUrl: fx.connector.url, conversationType: 'groupChat' as const, conversationId });

  it('refresh answers each viewer with their card; pressing Activate answers with the updated card', async () => {
    await post(teamsInstall(inGroup(ana)));
    const before = fx.connector.callsFor(conversationId).length;
    expect((await post(teamsMessage({ ...inGroup(ana), text: 'activate our benefits' }))).status).to.equal(200);
    const confirmation = fx.connector.callsFor(conversationId).slice(before).map((c) => c.activity.attachments?.[0]?.content).find(Boolean);
    const activate = cardActions(confirmation).find((a) => a.title === 'Activate');
    expect(activate?.type).to.equal('Action.Execute');

    const forBen = await post(teamsExecute({ ...inGroup(ben), verb: 'activation.refresh' }));
    expect(forBen.status).to.equal(200);
    expect(forBen.body?.type).to.equal('application/vnd.microsoft.card.adaptive');
    expect(cardTexts(forBen.body?.value).join('\n')).to.contain('Only a Global admin or an MPN partner admin can activate');

    const sentBefore = fx.connector.callsFor(conversationId).length;
    const pressed = await post(
      teamsExecute({ ...inGroup(ana), verb: 'activation.confirm', data: activate!.data as Record<string, unknown>, replyToId: 'card-msg-1' }),
    );
    expect(pressed.status).to.equal(200);
    expect(cardTexts(pressed.body?.value)).to.include('The benefits of Contoso Cloud Services are active');
    expect(cardActions(pressed.body?.value).map((a) => a.title)).to.deep.equal(['Our Access ID and Contract ID']);
    const calls = fx.connector.callsFor(conversationId).slice(sentBefore);
    const said = calls.map((c) => c.activity.text ?? '').join('\n');
    expect(said).to.contain('Contoso Cloud Services');
    // The posted card itself is updated for everyone (chats of more than 60 do not refresh on their own).
    const update = calls.find((c) => c.method === 'PUT');
    expect(update?.activityId).to.equal('card-msg-1');
    expect(cardTexts(update!.activity.attachments?.[0]?.content)).to.include('The benefits of Contoso Cloud Services are active');
  });

  it('an invoke without an action is refused with 400 and a reason', async () => {
    const res = await post({ ...teamsExecute({ ...inGroup(ben), verb: 'x' }), value: {} });
    expect(res.status).to.equal(400);
    expect(JSON.stringify(res.body)).to.contain('needs an action with a verb');
  });
});

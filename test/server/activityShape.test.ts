/**
 * Wrongly typed fields are answered at the edge (issue 13): over real HTTP, against the real server
 * with the demo directory, each wrongly typed field gets 400 naming the field and what was expected,
 * nothing reaches the chat, and the bot logs no error; well-formed Teams activities of every kind
 * the bot handles still work.
 */
import { expect } from 'chai';
import { cardTexts } from '../../src/cards/cardText.js';
import { teamsExecute, teamsInstall, teamsMessage } from '../../src/devtools/teamsActivities.js';
import { ana, ben } from '../support/demoPeople.js';
import { demoBotFixture } from '../support/processes.js';

/** The bot's error log lines (pino level 50 and above) in its output so far. */
function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => /"level":(5\d|60)\b/.test(line));
}

describe('server: the activity shape is checked at the edge', function () {
  this.timeout(60_000);
  const fx = demoBotFixture('psb-shape-');

  async function post(activity: unknown) {
    const res = await fetch(`${fx.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, text, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
  }
  const options = (conversationId: string) => ({ user: ana, serviceUrl: fx.connector.url, conversationId });
  const message = (conversationId: string, text = 'what support do partners get?') => teamsMessage({ ...options(conversationId), text });

  const cases: [string, (a: Record<string, any>) => Record<string, any>, RegExp][] = [
    ['from.aadObjectId: false', (a) => ({ ...a, from: { ...a.from, aadObjectId: false } }), /^activity\.from\.aadObjectId: expected a string, got a boolean\.$/],
    ['from.id: 42', (a) => ({ ...a, from: { ...a.from, id: 42 } }), /activity\.from\.id: expected a string, got a number/],
    ['from missing', (a) => ({ ...a, from: undefined }), /activity\.from is required \(an object\)/],
    ['recipient: "bot"', (a) => ({ ...a, recipient: 'bot' }), /activity\.recipient: expected an object, got a string/],
    ['conversation.tenantId: {}', (a) => ({ ...a, conversation: { ...a.conversation, tenantId: {} } }), /activity\.conversation\.tenantId: expected a string, got an object/],
    ['conversation.conversationType: 1', (a) => ({ ...a, conversation: { ...a.conversation, conversationType: 1 } }), /activity\.conversation\.conversationType: expected a string/],
    ['channelData.tenant.id: 5', (a) => ({ ...a, channelData: { tenant: { id: 5 } } }), /activity\.channelData\.tenant\.id: expected a string, got a number/],
    ['channelData: []', (a) => ({ ...a, channelData: [] }), /activity\.channelData: expected an object, got an array/],
    ['text: 7', (a) => ({ ...a, text: 7 }), /activity\.text: expected a string, got a number/],
    ['locale: ["de"]', (a) => ({ ...a, locale: ['de'] }), /activity\.locale: expected a string, got an array/],
    ['attachments: {}', (a) => ({ ...a, attachments: {} }), /activity\.attachments: expected an array, got an object/],
    ['entities: "x"', (a) => ({ ...a, entities: 'x' }), /activity\.entities: expected an array, got a string/],
    ['entities: [null]', (a) => ({ ...a, entities: [null] }), /activity\.entities\[0\]: expected an object, got null/],
    ['a mention without mentioned', (a) => ({ ...a, entities: [{ type: 'mention', text: '<at>Bot</at>' }] }), /activity\.entities\[0\]\.mentioned\.id/],
    ['value: "submit"', (a) => ({ ...a, value: 'submit' }), /activity\.value: expected an object \(the card's data\), got a string/],
    ['timestamp: "yesterday"', (a) => ({ ...a, timestamp: 'yesterday' }), /activity\.timestamp: must be a date and time/],
    ['membersAdded: [{ id: 1 }]', (a) => ({ ...a, type: 'conversationUpdate', membersAdded: [{ id: 1 }] }), /activity\.membersAdded\[0\]\.id: expected a string/],
    ['serviceUrl: "file:///etc"', (a) => ({ ...a, serviceUrl: 'file:///etc/passwd' }), /activity\.serviceUrl: expected an http\(s\) URL/],
    ['invoke without a name', (a) => ({ ...a, type: 'invoke', name: undefined }), /activity\.name: expected a string \(an invoke needs its name\)/],
    ['adaptiveCard/action verb: 3', (a) => ({ ...a, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 3 } } }), /activity\.value\.action\.verb: expected a string, got a number/],
    // Store keys (the personal-chat index is keyed by tenant and aadObjectId): too long or with a control character, the turn threw.
    ['from.aadObjectId of 600 characters', (a) => ({ ...a, from: { ...a.from, aadObjectId: 'a'.repeat(600) } }), /activity\.from\.aadObjectId: .*longer than 256 characters/],
    ['from.aadObjectId with a control character', (a) => ({ ...a, from: { ...a.from, aadObjectId: 'a\u0001b' } }), /activity\.from\.aadObjectId: .*printable ASCII/],
    ['conversation.tenantId of 600 characters', (a) => ({ ...a, conversation: { ...a.conversation, tenantId: 't'.repeat(600) }, channelData: {} }), /activity\.conversation\.tenantId: .*longer than 256 characters/],
    ['channelData.tenant.id with a control character', (a) => ({ ...a, channelData: { tenant: { id: 'x\u0002' } } }), /activity\.channelData\.tenant\.id: .*printable ASCII/],
    // The reply goes to /v3/conversations/<id>/activities: '.' or '..' is a dot segment there, the URL resolves elsewhere and the send failed (fuzz seed 4242).
    ['conversation.id: "."', (a) => ({ ...a, conversation: { ...a.conversation, id: '.' } }), /activity\.conversation\.id: conversation\.id must not be "\." or "\.\."/],
    ['from.id: ".."', (a) => ({ ...a, from: { ...a.from, id: '..' } }), /activity\.from\.id: from\.id must not be "\." or "\.\."/],
    ['adaptiveCard/action value: []', (a) => ({ ...a, type: 'invoke', name: 'adaptiveCard/action', value: [] }), /activity\.value\.action: an adaptiveCard\/action invoke needs an action with a verb/],
  ];

  for (const [what, spoil, named] of cases) {
    it(`${what}: 400 naming the field, nothing said in the chat`, async () => {
      const conversationId = `a:shape-${what.replace(/\W+/g, '-')}`;
      const res = await post(spoil(message(conversationId)));
      expect(res.status, res.text).to.equal(400);
      expect(res.body?.error).to.match(named);
      expect(res.text.length).to.be.below(300);
      expect(res.text).not.to.match(/\n\s+at /);
      expect(fx.connector.callsFor(conversationId)).to.have.length(0);
    });
  }

  it('a JSON body that is no object (an array, null, a number) gets the same 400 as a body that is no JSON', async () => {
    for (const body of [[message('a:shape-array')], null, 42]) {
      const res = await post(body);
      expect(res.status, res.text).to.equal(400);
      expect(res.body).to.deep.equal({ error: 'Expected a JSON activity object (Content-Type: application/json).' });
    }
    expect(fx.connector.callsFor('a:shape-array')).to.have.length(0);
  });

  it('names at most three problems, then how many more', async () => {
    const res = await post({ ...message('a:shape-many'), text: 1, locale: 2, name: 3, replyToId: 4, textFormat: 5 });
    expect(res.status).to.equal(400);
    expect(res.body?.error).to.match(/^activity\.text: [^;]+; activity\.textFormat: [^;]+; activity\.locale: [^;]+; and 2 more\.$/);
  });

  it('a well-formed message, card submit, invoke, conversationUpdate and installationUpdate still work', async () => {
    const conversationId = 'a:shape-valid';
    const said = () => fx.connector.callsFor(conversationId).map((c) => [c.activity.text ?? '', ...(c.activity.attachments?.[0] ? cardTexts(c.activity.attachments[0].content) : [])].join('\n'));
    const install = await post(teamsInstall(options(conversationId)));
    expect(install.status).to.equal(200);
    expect(said().join('\n')).to.contain('Hi, I help you use your partner technical-support benefits');

    const installation = await post({ ...teamsInstall(options(conversationId)), type: 'installationUpdate', action: 'add', membersAdded: undefined });
    expect(installation.status).to.equal(200);

    // As Teams sends it: a mention of the bot, an attachment and the client's entity.
    const teams = {
      ...message(conversationId, '<at>Partner Support</at> what support do partners get?'),
      textFormat: 'plain',
      localTimestamp: '2026-11-24T10:00:00.000+01:00',
      attachments: [{ contentType: 'text/html', content: '<p>what support do partners get?</p>' }],
      entities: [
        { type: 'mention', text: '<at>Partner Support</at>', mentioned: { id: '28:00000000-0000-4000-8000-0000000000b0', name: 'Partner Support' } },
        { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Berlin' },
      ],
      channelData: { tenant: { id: ana.tenantId }, eventType: undefined, somethingNew: { nested: [1, 2] } },
      unknownExtraField: { kept: true },
    };
    const before = said().length;
    expect((await post(teams)).status).to.equal(200);
    expect(said().slice(before).join('\n')).to.contain('Technical support benefits by membership');

    const submitted = said().length;
    expect((await post(teamsMessage({ ...options(conversationId), value: { action: 'help' } }))).status).to.equal(200);
    expect(said().slice(submitted).join('\n')).to.contain('What I can do');

    const invoke = await post(teamsExecute({ ...options('19:shape-group@thread.v2'), user: ben, conversationType: 'groupChat', verb: 'activation.refresh' }));
    expect(invoke.status).to.equal(200);
    expect(invoke.body?.type).to.equal('application/vnd.microsoft.card.adaptive');
  });

  it('the bot logged no error for any of it', () => {
    expect(errorLines(fx.bot.output())).to.deep.equal([]);
  });
});

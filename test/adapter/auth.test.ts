/**
 * Bot Framework authentication of /api/messages, over real HTTP against the real server process
 * (`npm start`'s code path, demo data), with the channel's identity served locally
 * (test/support/localIdentity.ts: OpenID metadata, a JWKS with our own RS256 key, and a managed
 * identity endpoint for the bot's reply token). The bot is pointed at it with the settings an
 * operator of a sovereign cloud uses (ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer,
 * ToBotFromEmulatorOpenIdMetadataUrl). A valid token gets an answer; every kind of bad token gets 401
 * with our short body (never 500, never the library's text); an identity outage gets 503.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TENANTS } from '../../src/demo/demoDirectory.js';
import { teamsMessage } from '../../src/devtools/teamsActivities.js';
import { startConnector, type RecordingConnector } from '../../src/devtools/recordingConnector.js';
import { cardTexts } from '../../src/cards/cardText.js';
import { ana, ben } from '../support/demoPeople.js';
import { otherKey, startLocalIdentity, type LocalIdentity } from '../support/localIdentity.js';
import { closedPort, startBot, type BotProcess } from '../support/processes.js';
import { authenticationFailure, authSettings, IdentityUnavailable, RequestNotAuthenticated, unverifiableToken } from '../../src/adapter/adapter.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const OTHER_APP_ID = '99999999-2222-4333-8444-555555555555';
const UNAUTHORIZED = '{"error":"Unauthorized."}';
const UNAVAILABLE = /^\{"error":"The bot cannot check the request's token right now; try again later\."\}$/;
/** What must never reach a caller: the library's and the network's words. */
const LEAKS = /jwt|signature|invalid|expired|kid|key|algorithm|issuer|audience|serviceurl|fetch|ECONN|ENOTFOUND|botframework|at \w+ \(|error/i;
/** The message of a short JSON error body, which must say none of {@link LEAKS}. */
const messageOf = (body: string): string => {
  expect(body.length).to.be.below(120);
  const parsed = JSON.parse(body) as { error?: unknown };
  expect(Object.keys(parsed)).to.deep.equal(['error']);
  return String(parsed.error);
};

/** The environment of a bot authenticated against `identity` (managed identity for its replies). */
function securedEnv(dataDir: string, metadataUrl: string, identity: LocalIdentity): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    MicrosoftAppType: 'UserAssignedMSI',
    MicrosoftAppId: APP_ID,
    MicrosoftAppTenantId: DEMO_TENANTS.contoso,
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromChannelTokenIssuer: identity.issuer,
    ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
    ...identity.managedIdentityEnv,
  };
}

describe('authentication settings and failures (adapter)', () => {
  const auth = { appType: 'SingleTenant' as const, appId: APP_ID, appPassword: 's', tenantId: DEMO_TENANTS.contoso };

  it('without endpoint settings the SDK picks the public cloud (or the US Government one for its ChannelService)', () => {
    expect(authSettings(auth)).to.deep.equal({
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 's',
      MicrosoftAppTenantId: DEMO_TENANTS.contoso,
    });
    expect(authSettings({ ...auth, endpoints: { channelService: 'https://botframework.azure.us' } })).to.deep.include({ ChannelService: 'https://botframework.azure.us' });
  });

  it('one endpoint set replaces only itself: the SDK then needs all of them, so the rest are the cloud\'s', () => {
    const settings = authSettings({ ...auth, endpoints: { openIdMetadataUrl: 'http://127.0.0.1:1/meta' } });
    expect(settings).to.deep.include({
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/meta',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      CallerId: 'urn:botframework:azure',
    });
    const gov = authSettings({ ...auth, endpoints: { channelService: 'https://botframework.azure.us', tokenIssuer: 'https://issuer.example' } });
    expect(gov).to.deep.include({ ToBotFromChannelTokenIssuer: 'https://issuer.example', ToChannelFromBotOAuthScope: 'https://api.botframework.us', CallerId: 'urn:botframework:azureusgov' });
  });

  it('a token whose header alone shows it can never pass is refused without fetching keys', () => {
    const jwt = (header: Record<string, unknown>) => `Bearer ${Buffer.from(JSON.stringify(header)).toString('base64url')}.e30.sig`;
    expect(unverifiableToken(jwt({ alg: 'none', kid: 'k' }))).to.contain('algorithm none');
    expect(unverifiableToken(jwt({ alg: 'HS256', kid: 'k' }))).to.contain('algorithm HS256');
    expect(unverifiableToken(jwt({ alg: 'RS256' }))).to.contain('no key id');
    for (const mayPass of [jwt({ alg: 'RS256', kid: 'k' }), jwt({ alg: 'RS512', kid: 'k' }), '', 'Bearer not.a.token', 'Basic abc', 'Bearer a.b']) {
      expect(unverifiableToken(mayPass), mayPass).to.equal(undefined);
    }
  });

  it('tells a refused token from an identity outage by the error\'s kind', () => {
    const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error('x'), { name, ...extra });
    for (const refused of [
      Object.assign(new Error('Unauthorized. Invalid AppId passed on token'), { statusCode: 401 }),
      named('JsonWebTokenError'),
      named('TokenExpiredError'),
      named('NotBeforeError'),
      new TypeError('Cannot read properties of undefined'),
    ]) {
      expect(authenticationFailure(refused)).to.be.instanceOf(RequestNotAuthenticated);
    }
    for (const outage of [
      Object.assign(new Error('Failed to load openID config: 500'), { statusCode: 500 }),
      named('FetchError', { code: 'ECONNREFUSED', type: 'system' }),
      named('FetchError', { type: 'invalid-json' }),
      Object.assign(new Error('getaddrinfo ENOTFOUND login.botframework.com'), { code: 'ENOTFOUND' }),
    ]) {
      expect(authenticationFailure(outage)).to.be.instanceOf(IdentityUnavailable);
    }
  });
});

describe('authentication of /api/messages with an app id (real server, local identity)', function () {
  this.timeout(60_000);
  let identity: LocalIdentity;
  let connector: RecordingConnector;
  let bot: BotProcess;
  const dirs: string[] = [];
  let probe = 0;

  before(async () => {
    identity = await startLocalIdentity();
    connector = await startConnector();
    const dataDir = await mkdtemp(join(tmpdir(), 'psb-auth-'));
    dirs.push(dataDir);
    bot = await startBot('start', securedEnv(dataDir, identity.metadataUrl, identity));
  });

  after(async () => {
    await bot?.stop();
    await connector?.close();
    await identity?.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  /** Posts a message of a new conversation with this Authorization header (none when undefined). */
  async function post(target: BotProcess, authorization: string | undefined, activity: Record<string, unknown>) {
    const res = await fetch(`${target.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization !== undefined && { authorization }) },
      body: JSON.stringify(activity),
    });
    return { status: res.status, body: await res.text() };
  }

  const probeMessage = (text = 'help', serviceUrl = connector.url) => {
    probe += 1;
    return teamsMessage({ user: ana, serviceUrl, text, conversationId: `a:auth-probe-${probe}` });
  };

  /** Asserts a refusal as a caller sees it: 401, our short body, and nothing sent into the conversation. */
  async function expectRefused(authorization: string | undefined, activity = probeMessage()) {
    const answer = await post(bot, authorization, activity);
    expect(answer.status, answer.body).to.equal(401);
    expect(answer.body).to.equal(UNAUTHORIZED);
    expect(messageOf(answer.body)).to.not.match(LEAKS);
    expect(connector.callsFor((activity.conversation as { id: string }).id)).to.deep.equal([]);
  }

  const bearer = (token: string) => `Bearer ${token}`;

  it('a valid channel token gets 200, and the bot answers through the serviceUrl with its own token', async () => {
    const activity = probeMessage('help');
    const conversationId = (activity.conversation as { id: string }).id;
    const shown = () =>
      connector
        .callsFor(conversationId)
        .map((c) => [c.activity.text ?? '', ...cardTexts(c.activity.attachments?.[0]?.content ?? {})].join('\n'))
        .join('\n');
    const first = await post(bot, bearer(identity.channelToken(APP_ID, connector.url)), activity);
    expect(first.status, first.body).to.equal(200);
    // First contact: the welcome.
    expect(shown()).to.contain('Hi, I help you use your partner technical-support benefits');
    const again = await post(bot, bearer(identity.channelToken(APP_ID, connector.url)), { ...activity, id: 'msg-help-again' });
    expect(again.status, again.body).to.equal(200);
    expect(shown()).to.contain('What I can do');
    // The reply token came from the (local) managed identity endpoint.
    expect(identity.managedIdentityTokens()).to.be.greaterThan(0);
  });

  it('a token that expired 2 minutes ago is still accepted (within the 5 minute clock skew)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const answer = await post(bot, bearer(identity.channelToken(APP_ID, connector.url, { exp: now - 120 })), probeMessage());
    expect(answer.status, answer.body).to.equal(200);
  });

  it('no Authorization header, or one that is no bearer token: 401 with a short body', async () => {
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'Bearer not.a.token', 'Bearer a.b.c.d', 'garbage', `Bearer ${'x'.repeat(4000)}`, 'Bearer e30.e30.']) {
      await expectRefused(header);
    }
  });

  it('alg none, HS256 (also keyed with the public key), and another key under our kid: 401', async () => {
    const claims = () => {
      const now = Math.floor(Date.now() / 1000);
      return { iss: identity.issuer, aud: APP_ID, serviceurl: connector.url, nbf: now - 60, exp: now + 3600 };
    };
    await expectRefused(bearer(identity.sign(claims(), { alg: 'none' })));
    await expectRefused(bearer(identity.sign(claims(), { alg: 'none', kid: null })));
    await expectRefused(bearer(identity.sign(claims(), { alg: 'HS256' })));
    await expectRefused(bearer(identity.sign(claims(), { alg: 'HS256', hmacSecret: 'guessed' })));
    await expectRefused(bearer(identity.sign(claims(), { key: otherKey() })));
  });

  it('an unknown kid, a token without a kid: 401', async () => {
    await expectRefused(bearer(identity.channelToken(APP_ID, connector.url, {}, { kid: 'not-a-served-key', key: otherKey() })));
    await expectRefused(bearer(identity.channelToken(APP_ID, connector.url, {}, { kid: null })));
  });

  it('another audience, another issuer, an Emulator issuer, a token expired beyond the skew or not yet valid: 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(bearer(identity.channelToken(OTHER_APP_ID, connector.url)));
    await expectRefused(bearer(identity.channelToken(APP_ID, connector.url, { aud: undefined })));
    await expectRefused(bearer(identity.channelToken(APP_ID, connector.url, { iss: 'https://api.botframework.com' })));
    await expectRefused(bearer(identity.channelToken(APP_ID, connector.url, { iss: 'https://evil.example/' })));
    await expectRefused(bearer(identity.channelToken(APP_ID, connector.url, { iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/' })));
    await expectRefused(bearer(identity.channelToken(APP_ID, connector.url, { exp: now - 10 * 60 })));
    await expectRefused(bearer(identity.channelToken(APP_ID, connector.url, { nbf: now + 10 * 60 })));
  });

  it('a serviceurl claim that does not match the activity\'s serviceUrl (or none): 401', async () => {
    await expectRefused(bearer(identity.channelToken(APP_ID, 'https://smba.trafficmanager.net/emea/')));
    await expectRefused(bearer(identity.channelToken(APP_ID, connector.url, { serviceurl: undefined })));
  });

  it('a skill-shaped token (ver and another appid) is refused: 401', async () => {
    await expectRefused(bearer(identity.channelToken(APP_ID, connector.url, { ver: '1.0', appid: OTHER_APP_ID })));
  });

  it('40 bad requests at once all get 401, and a good one among them is answered', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: identity.issuer, aud: APP_ID, serviceurl: connector.url, nbf: now - 60, exp: now + 3600 };
    const headers = [
      undefined,
      'Bearer not.a.token',
      bearer(identity.sign(claims, { alg: 'none' })),
      bearer(identity.sign(claims, { alg: 'HS256' })),
      bearer(identity.sign(claims, { key: otherKey() })),
      bearer(identity.channelToken(OTHER_APP_ID, connector.url)),
      bearer(identity.channelToken(APP_ID, connector.url, { exp: now - 3600 })),
      bearer(identity.channelToken(APP_ID, 'https://elsewhere.example/')),
    ];
    const bad = Array.from({ length: 40 }, (_, i) => post(bot, headers[i % headers.length], probeMessage()));
    const goodActivity = teamsMessage({ user: ben, serviceUrl: connector.url, text: 'help', conversationId: 'a:auth-good-among-bad' });
    const good = post(bot, bearer(identity.channelToken(APP_ID, connector.url)), goodActivity);
    const answers = await Promise.all(bad);
    expect(answers.map((a) => a.status)).to.deep.equal(Array(40).fill(401));
    expect(new Set(answers.map((a) => a.body))).to.deep.equal(new Set([UNAUTHORIZED]));
    expect((await good).status).to.equal(200);
    expect(connector.callsFor('a:auth-good-among-bad')).to.not.deep.equal([]);
  });

  it('refused requests in someone\'s name do not use up her flood limit: her own message right after is answered', async () => {
    // 30 in a row are well past the user's burst of 10 (5 a second back): had the refused ones kept
    // their tokens, her own message would get only "please slow down".
    for (let i = 0; i < 30; i++) expect((await post(bot, 'Bearer not.a.token', probeMessage())).status).to.equal(401);
    const own = teamsMessage({ user: ana, serviceUrl: connector.url, text: 'help', conversationId: 'a:auth-after-forged' });
    const answer = await post(bot, bearer(identity.channelToken(APP_ID, connector.url)), own);
    expect(answer.status, answer.body).to.equal(200);
    const shown = connector.callsFor('a:auth-after-forged').map((c) => [c.activity.text ?? '', ...cardTexts(c.activity.attachments?.[0]?.content ?? {})].join('\n')).join('\n');
    expect(shown).to.contain('Hi, I help you use your partner technical-support benefits');
    expect(shown).not.to.match(/slow down/i);
  });

  it('the details go to the log, not to the caller', async () => {
    await expectRefused(bearer(identity.channelToken(OTHER_APP_ID, connector.url)));
    expect(bot.output()).to.contain('request refused: authentication failed');
  });

  describe('when the identity metadata cannot be had', () => {
    let outage: LocalIdentity;
    let shaky: BotProcess;
    let down: BotProcess;

    before(async () => {
      outage = await startLocalIdentity();
      const dataDir = await mkdtemp(join(tmpdir(), 'psb-auth-outage-'));
      const closedDir = await mkdtemp(join(tmpdir(), 'psb-auth-down-'));
      dirs.push(dataDir, closedDir);
      shaky = await startBot('start', securedEnv(dataDir, outage.metadataUrl, outage));
      down = await startBot('start', securedEnv(closedDir, `http://127.0.0.1:${await closedPort()}/v1/.well-known/openidconfiguration`, outage));
    });

    after(async () => {
      await shaky?.stop();
      await down?.stop();
      await outage?.stop();
    });

    it('metadata at a closed port: 503 with a short body, every time, also 40 at once', async () => {
      const token = bearer(outage.channelToken(APP_ID, connector.url));
      const answers = await Promise.all(Array.from({ length: 40 }, () => post(down, token, probeMessage())));
      expect(answers.map((a) => a.status)).to.deep.equal(Array(40).fill(503));
      for (const a of answers) {
        expect(a.body).to.match(UNAVAILABLE);
        expect(messageOf(a.body)).to.not.match(LEAKS);
      }
      expect(down.output()).to.contain('the Bot Framework OpenID metadata or signing keys could not be had');
    });

    it('metadata answering 500, then its server down: 503; once it is back, the same token is accepted', async () => {
      const token = bearer(outage.channelToken(APP_ID, connector.url));
      outage.failWith(500);
      const failing = await post(shaky, token, probeMessage());
      expect(failing.status).to.equal(503);
      expect(failing.body).to.match(UNAVAILABLE);
      await outage.stop();
      const gone = await post(shaky, token, probeMessage());
      expect(gone.status).to.equal(503);
      expect(gone.body).to.match(UNAVAILABLE);
      await outage.restart();
      outage.failWith(undefined);
      const back = await post(shaky, token, probeMessage());
      expect(back.status, back.body).to.equal(200);
    });

    it('a token that can never pass is refused with 401 even while the metadata is down (not 503, not 500)', async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: outage.issuer, aud: APP_ID, serviceurl: connector.url, nbf: now - 60, exp: now + 3600 };
      for (const header of [
        undefined,
        'Bearer not.a.token',
        bearer(outage.sign(claims, { alg: 'none' })),
        bearer(outage.sign(claims, { alg: 'HS256' })),
        bearer(outage.sign(claims, { kid: null })),
        bearer(outage.sign({ ...claims, iss: 'https://evil.example/' })),
      ]) {
        const answer = await post(down, header, probeMessage());
        expect(answer.status, header).to.equal(401);
        expect(answer.body).to.equal(UNAUTHORIZED);
      }
    });
  });
});

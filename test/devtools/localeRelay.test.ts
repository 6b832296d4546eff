/**
 * The locale relay of `npm start -- --locale de-DE` (src/devtools/localeRelay.ts) between a client
 * and a real HTTP server standing in for the bot: what reaches the bot, and what comes back.
 */
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLocale, startLocaleRelay, type LocaleRelay } from '../../src/devtools/localeRelay.js';

describe('devtools: the locale relay in front of the bot', () => {
  let bot: Server;
  let relay: LocaleRelay;
  const received: { url: string; headers: Record<string, unknown>; body: string }[] = [];

  before(async () => {
    bot = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ url: req.url ?? '', headers: req.headers, body });
        if (req.url === '/api/messages' && body.includes('"invoke"')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 200, body: { answered: true } }));
        } else {
          res.writeHead(body.includes('broken') ? 400 : 200, { 'content-type': 'text/plain' });
          res.end(body.includes('broken') ? 'bad request' : '');
        }
      });
    });
    await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', () => resolve()));
    relay = await startLocaleRelay(`http://127.0.0.1:${(bot.address() as AddressInfo).port}/api/messages`, 'de-DE');
  });
  after(async () => {
    await relay.close();
    await new Promise<void>((resolve) => bot.close(() => resolve()));
  });

  const post = (body: string, contentType = 'application/json') =>
    fetch(relay.endpoint, { method: 'POST', headers: { 'content-type': contentType, authorization: 'Bearer x' }, body });

  it('gives each activity the locale, also its clientInfo entity, and keeps everything else', async () => {
    const activity = {
      type: 'message',
      text: 'hello',
      locale: 'en-US',
      entities: [{ type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web' }, { type: 'mention', text: '<at>Bot</at>' }],
    };
    const res = await post(JSON.stringify(activity));
    expect(res.status).to.equal(200);
    const got = received.at(-1)!;
    expect(got.url).to.equal('/api/messages');
    expect(got.headers.authorization).to.equal('Bearer x');
    expect(JSON.parse(got.body)).to.deep.equal({
      ...activity,
      locale: 'de-DE',
      entities: [{ type: 'clientInfo', locale: 'de-DE', country: 'US', platform: 'Web' }, { type: 'mention', text: '<at>Bot</at>' }],
    });
    // A conversationUpdate carries no locale: it gets one too.
    await post(JSON.stringify({ type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }] }));
    expect(JSON.parse(received.at(-1)!.body).locale).to.equal('de-DE');
  });

  it("passes the bot's answer and status back: an invoke's body, a 400", async () => {
    const invoke = await post(JSON.stringify({ type: 'invoke', name: 'adaptiveCard/action' }));
    expect(await invoke.json()).to.deep.equal({ status: 200, body: { answered: true } });
    const bad = await post('broken {', 'application/json');
    expect(bad.status).to.equal(400);
    expect(await bad.text()).to.equal('bad request');
    expect(received.at(-1)!.body).to.equal('broken {'); // not JSON: forwarded as it came
  });

  it('refuses what is not a locale', async () => {
    for (const good of ['de-DE', 'de', 'en-US', 'de-CH']) expect(isLocale(good), good).to.equal(true);
    for (const bad of ['', 'german', 'de_DE', 'de-DE; rm -rf', '1de']) expect(isLocale(bad), bad).to.equal(false);
    let error: unknown;
    await startLocaleRelay('http://127.0.0.1:1/api/messages', 'deutsch').catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('Not a locale: "deutsch" (expected e.g. de-DE or en-US)');
  });
});

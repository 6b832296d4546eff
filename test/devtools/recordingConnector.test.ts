import { expect } from 'chai';
import { startConnector, type RecordingConnector } from '../../src/devtools/recordingConnector.js';

describe('devtools/recordingConnector', () => {
  let connector: RecordingConnector;
  before(async () => {
    connector = await startConnector();
  });
  after(async () => {
    await connector.close();
  });
  beforeEach(() => connector.reset());

  const call = async (method: string, path: string, body: unknown = {}) => {
    const res = await fetch(`${connector.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(method === 'GET' ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
  };

  it('records sends, replies and updates (PUT) as accepted calls with ids', async () => {
    expect((await call('POST', '/v3/conversations/a%3A1/activities', { text: 'hi' })).body).to.deep.equal({ id: 'reply-1' });
    expect((await call('POST', '/v3/conversations/a%3A1/activities/m7', { text: 're' })).body).to.deep.equal({ id: 'reply-2' });
    expect((await call('PUT', '/v3/conversations/a%3A1/activities/reply-1', { text: 'v2' })).body).to.deep.equal({ id: 'reply-1' });
    expect(connector.callsFor('a:1').map((c) => [c.method, c.activityId, c.activity.text])).to.deep.equal([
      ['POST', undefined, 'hi'],
      ['POST', 'm7', 're'],
      ['PUT', 'reply-1', 'v2'],
    ]);
    expect(connector.attempts.map((a) => a.status)).to.deep.equal([200, 200, 200]);
  });

  it('creates conversations (POST /v3/conversations)', async () => {
    const res = await call('POST', '/v3/conversations', { members: [{ id: '29:u' }], tenantId: 't' });
    expect(res.body).to.deep.equal({ id: 'created-1' });
    expect(connector.callsFor('created-1')[0]).to.include({ method: 'POST', path: '/v3/conversations' });
  });

  it('failNext: answers the scripted status (and headers) the given number of times, then accepts', async () => {
    connector.failNext(429, 2, { 'Retry-After': '1' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('POST', '/v3/conversations/c/activities', { text: `t${i}` })).status);
    expect(statuses).to.deep.equal([429, 429, 200]);
    expect(connector.calls.map((c) => c.activity.text)).to.deep.equal(['t2']);
    expect(connector.attemptsFor('c').map((a) => a.status)).to.deep.equal([429, 429, 200]);
    connector.failNext(503, 1, { 'Retry-After': '2' });
    const failed = await call('POST', '/v3/conversations/c/activities');
    expect(failed.headers.get('retry-after')).to.equal('2');
    expect(failed.body.error.code).to.equal('Scripted503');
  });

  it('failAlways with a filter fails only matching requests until reset()', async () => {
    connector.failAlways(500, {}, { conversationId: 'down', method: 'POST' });
    expect((await call('POST', '/v3/conversations/down/activities')).status).to.equal(500);
    expect((await call('POST', '/v3/conversations/down/activities')).status).to.equal(500);
    expect((await call('PUT', '/v3/conversations/down/activities/x')).status).to.equal(200);
    expect((await call('POST', '/v3/conversations/up/activities')).status).to.equal(200);
    connector.reset();
    expect(connector.attempts).to.have.length(0);
    expect((await call('POST', '/v3/conversations/down/activities')).status).to.equal(200);
  });

  it('`after` lets the first matching requests through', async () => {
    connector.failNext(502, 1, {}, { after: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('POST', '/v3/conversations/c/activities')).status);
    expect(statuses).to.deep.equal([200, 200, 502, 200]);
  });

  it('clear() forgets records but keeps scripts; unknown routes get 404 and are not recorded', async () => {
    connector.failAlways(500);
    await call('POST', '/v3/conversations/c/activities');
    connector.clear();
    expect(connector.attempts).to.have.length(0);
    expect((await call('POST', '/v3/conversations/c/activities')).status).to.equal(500);
    expect((await call('GET', '/v3/conversations/c/members')).status).to.equal(404);
    expect((await call('PUT', '/v3/conversations/c/activities')).status).to.equal(404);
    expect(connector.attempts).to.have.length(1);
  });
});

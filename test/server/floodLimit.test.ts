/**
 * The flood limit's buckets (server/floodLimit.ts) on an injected clock: per user, per tenant, the
 * burst and the refill, the notice once per window, and tokens given back.
 */
import { expect } from 'chai';
import { FloodLimit, senderOf, slowDownText } from '../../src/server/floodLimit.js';

describe('flood limit: token buckets per user and per tenant', () => {
  let now = 0;
  const clock = () => now;
  const limit = (options = {}) => new FloodLimit({ userPerSecond: 5, userBurst: 10, tenantPerSecond: 20, tenantBurst: 30, noticeEveryMs: 10_000, ...options }, clock);
  beforeEach(() => (now = 1_000_000));

  const limitedCount = (l: FloodLimit, n: number, user: string, tenant = 't1') => {
    let limited = 0;
    for (let i = 0; i < n; i++) if (l.take(user, tenant).limited) limited++;
    return limited;
  };

  it('lets a burst through, then one per refill; another user is not affected', () => {
    const l = limit();
    expect(limitedCount(l, 50, 'flooder')).to.equal(40);
    expect(l.take('other', 't1').limited).to.equal(false);
    now += 200; // one token back at 5 a second
    expect(l.take('flooder', 't1').limited).to.equal(false);
    expect(l.take('flooder', 't1').limited).to.equal(true);
    now += 2_000; // full again
    expect(limitedCount(l, 10, 'flooder')).to.equal(0);
  });

  it('limits a tenant over all its users, and not another tenant', () => {
    const l = limit();
    let limited = 0;
    for (let user = 0; user < 40; user++) {
      const verdict = l.take(`user-${user}`, 't1');
      if (verdict.limited) {
        limited++;
        expect(verdict.by).to.equal('tenant');
      }
    }
    expect(limited).to.equal(10);
    expect(l.take('someone', 't2').limited).to.equal(false);
  });

  it('a tenant-limited message does not use up the user\'s own bucket', () => {
    const l = limit({ tenantBurst: 1 });
    expect(l.take('a', 't1').limited).to.equal(false);
    for (let i = 0; i < 20; i++) expect(l.take('b', 't1')).to.include({ limited: true, by: 'tenant' });
    let served = 0;
    for (let i = 0; i < 20; i++) if (!l.take('b', undefined).limited) served++;
    expect(served).to.equal(10); // b's own burst, untouched
  });

  it('the notice comes once per window per user', () => {
    const l = limit();
    limitedCount(l, 10, 'u');
    const notices = () => Array.from({ length: 20 }, () => l.take('u', 't1')).filter((v) => v.limited && v.notice).length;
    expect(notices()).to.equal(1);
    now += 5_000;
    expect(limitedCount(l, 10, 'u')).to.equal(0); // refilled: served again
    expect(notices()).to.equal(0); // still within the window
    now += 5_000;
    limitedCount(l, 10, 'u');
    expect(notices()).to.equal(1);
  });

  it('release gives the tokens back (a request that failed authentication)', () => {
    const l = limit({ userBurst: 2 });
    for (let i = 0; i < 20; i++) {
      const verdict = l.take('victim', 't1');
      expect(verdict.limited).to.equal(false);
      if (!verdict.limited) verdict.release();
    }
  });

  it('keeps at most maxTracked buckets; a forgotten one comes back full', () => {
    const l = limit({ maxTracked: 3, userBurst: 1 });
    expect(l.take('a', undefined).limited).to.equal(false);
    expect(l.take('a', undefined).limited).to.equal(true);
    for (const user of ['b', 'c', 'd']) l.take(user, undefined);
    expect(l.take('a', undefined).limited).to.equal(false);
  });

  it('counts messages and invokes by the Entra object id (else from.id) and the tenant', () => {
    const from = { id: '29:X', aadObjectId: 'AAD-1' };
    expect(senderOf({ type: 'message', from, channelData: { tenant: { id: 'T-1' } }, conversation: { tenantId: 'other' } })).to.deep.equal({ user: 'aad-1', tenant: 't-1' });
    expect(senderOf({ type: 'invoke', from: { id: '29:X' }, conversation: { tenantId: 'T-2' } })).to.deep.equal({ user: '29:x', tenant: 't-2' });
    expect(senderOf({ type: 'conversationUpdate', from })).to.equal(undefined);
    expect(slowDownText('de', 'user')).to.match(/^Bitte etwas langsamer/);
    expect(slowDownText('en', 'tenant')).to.contain('your organization');
  });
});

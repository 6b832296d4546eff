/**
 * The daily timer, the local notify endpoint mounted on the real restify server, and `npm run notify`
 * (src/cli/notify.ts) run as a child process against it.
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Server } from 'restify';
import { fixedClock } from '../../src/clock.js';
import { nextDailyRun, startDailyReminders, type Timers } from '../../src/jobs/dailyReminders.js';
import {
  NOTIFY_FILE,
  NOTIFY_PATH,
  createNotifyToken,
  notifyHandler,
  publishNotifyEndpoint,
  readNotifyEndpoint,
  unpublishNotifyEndpoint,
} from '../../src/jobs/notifyEndpoint.js';
import type { ReminderJobDeps, ReminderSummary } from '../../src/jobs/reminders.js';
import type { ConversationStore } from '../../src/store/types.js';
import { createServer } from '../../src/server/server.js';
import { runCli } from '../support/processes.js';

const logger = pino({ level: 'silent' });

/** Deps of a job with nothing to do, counting how often it ran. */
function idleJob(clockIso: string) {
  let runs = 0;
  let release: () => void = () => {};
  let gate: Promise<void> | undefined;
  const deps: ReminderJobDeps = {
    organizations: async function* () {
      runs += 1;
      if (gate) await gate;
    },
    usersOf: () => [],
    conversations: {} as ConversationStore,
    messenger: { send: async () => [], update: async () => {} },
    clock: fixedClock(clockIso),
    logger,
  };
  return {
    deps,
    runs: () => runs,
    hold: () => {
      gate = new Promise((resolve) => (release = resolve));
    },
    release: () => {
      gate = undefined;
      release();
    },
  };
}

function fakeTimers() {
  const pending: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      pending.push(t);
      return t;
    },
    clearTimeout: (handle) => void ((handle as { cleared: boolean }).cleared = true),
  };
  return { timers, pending };
}

describe('jobs: daily reminders, notify endpoint and CLI', function () {
  this.timeout(30_000);

  describe('startDailyReminders', () => {
    it('computes the next run at HH:MM UTC, today or tomorrow', () => {
      expect(nextDailyRun(new Date('2026-11-24T06:59:00Z'), '07:00').toISOString()).to.equal('2026-11-24T07:00:00.000Z');
      expect(nextDailyRun(new Date('2026-11-24T07:00:00Z'), '07:00').toISOString()).to.equal('2026-11-25T07:00:00.000Z');
      expect(nextDailyRun(new Date('2026-12-31T23:30:00Z'), '00:15').toISOString()).to.equal('2027-01-01T00:15:00.000Z');
      expect(() => nextDailyRun(new Date(), '7am')).to.throw(/HH:MM/);
    });

    it('runs when the timer fires, then schedules the next day; stop() clears the timer', async () => {
      const job = idleJob('2026-11-24T06:00:00Z');
      const { timers, pending } = fakeTimers();
      const daily = startDailyReminders({ ...job.deps, timers });
      expect(daily.nextRunAt()?.toISOString()).to.equal('2026-11-24T07:00:00.000Z');
      expect(pending.map((p) => p.ms)).to.deep.equal([3_600_000]);
      pending[0]!.fn();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(job.runs()).to.equal(1);
      expect(pending).to.have.length(2); // rescheduled after the run
      daily.stop();
      expect(pending[1]!.cleared).to.equal(true);
      expect(daily.nextRunAt()).to.equal(undefined);
    });

    it('trigger() joins a run in progress instead of starting a second one', async () => {
      const job = idleJob('2026-11-24T06:00:00Z');
      const daily = startDailyReminders({ ...job.deps, atUtc: null });
      expect(daily.nextRunAt()).to.equal(undefined);
      job.hold();
      const a = daily.trigger();
      const b = daily.trigger();
      expect(a).to.equal(b);
      job.release();
      expect(await a).to.deep.equal({ sent: 0, skipped: 0, failed: 0, unreachable: 0, seen: 0 });
      await daily.trigger();
      expect(job.runs()).to.equal(2);
    });
  });

  describe('notify endpoint and npm run notify', () => {
    let dataDir: string;
    let server: Server;
    let url: string;
    const token = createNotifyToken();
    let summary: ReminderSummary = { sent: 2, skipped: 1, failed: 0, unreachable: 3, seen: 0 };
    let triggered = 0;

    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'psb-notify-'));
      server = createServer({ processActivity: async () => ({ status: 200 }), health: async () => {}, version: 'test', logger });
      // What the lead wires into the app:
      server.post(NOTIFY_PATH, notifyHandler({ token, trigger: async () => (triggered++, summary), logger }));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dataDir, { recursive: true, force: true });
    });

    const post = (authorization?: string) =>
      fetch(`${url}${NOTIFY_PATH}`, { method: 'POST', headers: authorization ? { authorization } : {} });

    it('answers the summary to a loopback caller with the token; 401 otherwise', async () => {
      const ok = await post(`Bearer ${token}`);
      expect(ok.status).to.equal(200);
      expect(await ok.json()).to.deep.equal(summary);
      expect((await post()).status).to.equal(401);
      expect((await post(`Bearer ${createNotifyToken()}`)).status).to.equal(401);
      expect((await post(token)).status).to.equal(401);
    });

    it('refuses callers from other machines (403) before looking at the token', async () => {
      let status = 0;
      const handler = notifyHandler({ token, trigger: async () => summary, logger });
      await handler(
        { headers: { authorization: `Bearer ${token}` }, socket: { remoteAddress: '10.1.2.3' } },
        { status: (code) => (status = code), json: () => undefined },
      );
      expect(status).to.equal(403);
    });

    it('answers 500 when the run fails', async () => {
      let status = 0;
      const handler = notifyHandler({ token, trigger: async () => Promise.reject(new Error('store gone')), logger });
      await handler({ headers: { authorization: `Bearer ${token}` }, socket: { remoteAddress: '127.0.0.1' } }, { status: (code) => (status = code), json: () => undefined });
      expect(status).to.equal(500);
    });

    it('publishes notify.json owner-only, and removes only its own', async () => {
      await publishNotifyEndpoint(dataDir, url, token);
      expect(await readNotifyEndpoint(dataDir)).to.deep.equal({ url, token, pid: process.pid });
      expect((await stat(join(dataDir, NOTIFY_FILE))).mode & 0o077).to.equal(0);
      await unpublishNotifyEndpoint(dataDir, 'someone-else');
      expect(await readNotifyEndpoint(dataDir)).to.not.equal(undefined);
      await unpublishNotifyEndpoint(dataDir, token);
      expect(await readNotifyEndpoint(dataDir)).to.equal(undefined);
    });

    it('npm run notify: without a running server it says so and exits 1', async () => {
      const result = await runCli('notify', [], { DATA_DIR: dataDir });
      expect(result.code).to.equal(1);
      expect(result.stderr).to.contain('No bot server is running on').and.contain('npm run serve');
    });

    it('npm run notify: triggers the running server and prints the summary', async () => {
      await publishNotifyEndpoint(dataDir, url, token);
      const before = triggered;
      const result = await runCli('notify', [], { DATA_DIR: dataDir });
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout.trim()).to.equal('Reminders: 2 sent, 1 sent before (not repeated), 0 not needed (the person has seen the IDs since the activation), 3 not reachable (never talked to the bot), 0 failed.');
      expect(triggered).to.equal(before + 1);
    });

    it('npm run notify: exits 1 when reminders failed', async () => {
      summary = { sent: 0, skipped: 0, failed: 2, unreachable: 0, seen: 0 };
      await publishNotifyEndpoint(dataDir, url, token);
      const result = await runCli('notify', [], { DATA_DIR: dataDir });
      expect(result.code).to.equal(1);
      expect(result.stdout).to.contain('2 failed');
      expect(result.stderr).to.contain('server log');
    });

    it('npm run notify: a left-over notify.json of a stopped server, or a wrong token, is reported', async () => {
      await writeFile(join(dataDir, NOTIFY_FILE), JSON.stringify({ url: 'http://127.0.0.1:9', token, pid: 1 }));
      const stale = await runCli('notify', [], { DATA_DIR: dataDir });
      expect(stale.code).to.equal(1);
      expect(stale.stderr).to.contain('does not answer at http://127.0.0.1:9');
      await publishNotifyEndpoint(dataDir, url, 'not-the-token');
      const wrong = await runCli('notify', [], { DATA_DIR: dataDir });
      expect(wrong.code).to.equal(1);
      expect(wrong.stderr).to.contain('(401)');
      expect(JSON.parse(await readFile(join(dataDir, NOTIFY_FILE), 'utf8')).token).to.equal('not-the-token');
    });
  });
});

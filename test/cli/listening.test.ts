/**
 * The server says where it really listens: with an app id it binds every interface (0.0.0.0), and
 * the console line and the log said 127.0.0.1. Real `npm run serve` processes; what they print is
 * compared with where they can be reached.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { listeningOf } from '../../src/app.js';
import { DEMO_TENANTS } from '../../src/demo/demoDirectory.js';
import { startBot, type BotProcess } from '../support/processes.js';

const APP = {
  MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppTenantId: DEMO_TENANTS.contoso,
};

/** An IPv4 address of this machine that is not loopback, if it has one. */
const outsideAddress = (): string | undefined =>
  Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

async function reachable(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/** The pino line of 'listening', parsed (the logger may write it just after the console line). */
async function listeningLog(bot: BotProcess): Promise<Record<string, unknown>> {
  const find = () =>
    bot
      .output()
      .split('\n')
      .find((l) => l.startsWith('{') && l.includes('"listening on '));
  for (let i = 0; i < 40 && !find(); i++) await new Promise((r) => setTimeout(r, 50));
  const line = find();
  expect(line, bot.output()).to.be.a('string');
  return JSON.parse(line!);
}

describe('where the server says it listens', function () {
  this.timeout(60_000);

  describe('listeningOf (the bound socket)', () => {
    it('the wildcard addresses are every interface, reached here over loopback', () => {
      expect(listeningOf({ address: '0.0.0.0', port: 3978, family: 'IPv4' })).to.deep.equal({
        address: '0.0.0.0',
        port: 3978,
        everyInterface: true,
        hostPort: '0.0.0.0:3978',
        localUrl: 'http://127.0.0.1:3978',
      });
      expect(listeningOf({ address: '::', port: 80, family: 'IPv6' })).to.deep.include({ everyInterface: true, hostPort: '[::]:80', localUrl: 'http://[::1]:80' });
    });

    it('a specific address is itself, IPv6 in brackets', () => {
      expect(listeningOf({ address: '127.0.0.1', port: 41234, family: 'IPv4' })).to.deep.include({ everyInterface: false, hostPort: '127.0.0.1:41234', localUrl: 'http://127.0.0.1:41234' });
      expect(listeningOf({ address: '::1', port: 41234, family: 'IPv6' })).to.deep.include({ everyInterface: false, hostPort: '[::1]:41234', localUrl: 'http://[::1]:41234' });
    });
  });

  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  async function serve(env: Record<string, string>): Promise<BotProcess> {
    const dataDir = await mkdtemp(join(tmpdir(), 'psb-listen-'));
    dirs.push(dataDir);
    return startBot('serve', { DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env });
  }

  it('with an app id and no HOST: says 0.0.0.0, every interface, in the console and the log, and is reachable from outside', async () => {
    const bot = await serve(APP);
    try {
      const port = new URL(bot.url).port;
      expect(bot.output()).to.contain(`Bot listening on http://0.0.0.0:${port}/api/messages, on every network interface of this machine`);
      expect(bot.output()).to.contain(`(from here: http://127.0.0.1:${port}/api/messages, health: http://127.0.0.1:${port}/healthz)`);
      const log = await listeningLog(bot);
      expect(log).to.deep.include({ address: '0.0.0.0', port: Number(port), everyInterface: true, msg: `listening on 0.0.0.0:${port}, every network interface of this machine` });
      expect(await reachable(`http://127.0.0.1:${port}`)).to.equal(true);
      const outside = outsideAddress();
      if (outside) expect(await reachable(`http://${outside}:${port}`), `over ${outside}`).to.equal(true);
    } finally {
      await bot.stop();
    }
  });

  it('with HOST=127.0.0.1: says 127.0.0.1 only, and is not reachable from outside', async () => {
    const bot = await serve({ ...APP, HOST: '127.0.0.1' });
    try {
      const port = new URL(bot.url).port;
      expect(bot.url).to.equal(`http://127.0.0.1:${port}`);
      expect(bot.output()).to.contain(`Bot listening on http://127.0.0.1:${port}/api/messages (health: http://127.0.0.1:${port}/healthz)`);
      expect(bot.output()).to.not.contain('every network interface');
      expect(await listeningLog(bot)).to.deep.include({ address: '127.0.0.1', everyInterface: false, msg: `listening on 127.0.0.1:${port}` });
      const outside = outsideAddress();
      if (outside) expect(await reachable(`http://${outside}:${port}`), `over ${outside}`).to.equal(false);
    } finally {
      await bot.stop();
    }
  });

  it('without an app id: loopback, as the warning says', async () => {
    const bot = await serve({});
    try {
      const port = new URL(bot.url).port;
      expect(bot.output()).to.contain('MicrosoftAppId is not set: the bot runs WITHOUT authentication, for local use only, on 127.0.0.1.');
      expect(await listeningLog(bot)).to.deep.include({ address: '127.0.0.1', port: Number(port), everyInterface: false });
    } finally {
      await bot.stop();
    }
  });
});

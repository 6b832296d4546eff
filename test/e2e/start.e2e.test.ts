/**
 * The newcomer's command: `npm start` (src/cli/start.ts) on an empty DATA_DIR loads the demo
 * directory, says so, and serves it; on the next start it keeps what is there.
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { cardTexts } from '../../src/cards/cardText.js';
import { startConnector, type RecordingConnector } from '../../src/devtools/recordingConnector.js';
import { teamsMessage } from '../../src/devtools/teamsActivities.js';
import { ana, ben } from '../support/demoPeople.js';
import { runCli, startBot } from '../support/processes.js';

describe('e2e: npm start on an empty data directory', function () {
  this.timeout(60_000);
  let dataDir: string;
  let connector: RecordingConnector;
  before(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'psb-start-')), 'not-yet-created');
    connector = await startConnector();
  });
  after(async () => {
    await connector.close();
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('creates DATA_DIR, loads the demo directory, says so, and answers for the demo users', async () => {
    const bot = await startBot('start', { DATA_DIR: dataDir });
    try {
      expect(bot.output()).to.contain(`${dataDir} was empty, so I loaded the demo directory: 4 organizations, 8 users.`);
      expect(bot.output()).to.contain('MicrosoftAppId is not set: the bot runs WITHOUT authentication');
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(teamsMessage({ user: ana, serviceUrl: connector.url, text: 'was bekommen wir?', locale: 'de-DE' })),
      });
      expect(res.status).to.equal(200);
      const texts = connector.calls.flatMap((c) => cardTexts(c.activity.attachments?.[0]?.content ?? {}));
      expect(texts).to.include('Das bekommt Contoso Cloud Services heute');
      const stored = JSON.parse(await readFile(join(dataDir, 'directory.json'), 'utf8'));
      expect(Object.keys(stored.organizations)).to.have.length(4);
    } finally {
      expect(await bot.stop()).to.equal(0);
    }
  });

  it('does not load the demo again when DATA_DIR already has a directory', async () => {
    const bot = await startBot('start', { DATA_DIR: dataDir });
    try {
      expect(bot.output()).to.not.contain('loaded the demo directory');
    } finally {
      await bot.stop();
    }
  });

  it('says plainly when the port is taken', async () => {
    const first = await startBot('start', { DATA_DIR: dataDir });
    const port = new URL(first.url).port;
    try {
      const other = await mkdtemp(join(tmpdir(), 'psb-start-port-'));
      const err = await startBot('start', { DATA_DIR: other, PORT: port }).then(
        () => new Error('second server started on a taken port'),
        (e: Error) => e,
      );
      expect(err.message).to.contain(`Port ${port} is already in use. Stop the other program or set PORT to a free port.`);
      await rm(other, { recursive: true, force: true });
    } finally {
      await first.stop();
    }
  });

  it('with the chat window: prints its URL, serves the playground as the chosen demo person, and Ctrl-C stops both', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'psb-start-pg-'));
    const bot = await startBot('start', { DATA_DIR: dir, PLAYGROUND: 'on', PLAYGROUND_PORT: '0' }, 40_000, ['--as', 'ben']);
    let url: string | undefined;
    try {
      for (let i = 0; i < 300 && !url; i++) {
        url = /Open (http:\/\/127\.0\.0\.1:\d+) to chat with the bot as a demo user \(ben\)\. Ctrl-C stops both\./.exec(bot.output())?.[1];
        if (!url) await new Promise((r) => setTimeout(r, 100));
      }
      expect(url, bot.output()).to.be.a('string');
      expect(await (await fetch(url!)).text()).to.contain('Microsoft 365 Agents Playground');
      const mock = await readFile(join(dir, 'playground', 'ben.yml'), 'utf8');
      expect(mock).to.contain(`tenantId: "${ben.tenantId}"`);
      expect(mock).to.contain(`aadObjectId: "${ben.aadObjectId}"`);
      expect(mock.match(/^  - id:/gm)).to.have.length(5); // the playground wants exactly five other users
      // It forwards to an unauthenticated bot, so it must not be reachable from other machines.
      const port = Number(new URL(url!).port);
      const outside = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
      if (outside) {
        const reached = await new Promise<boolean>((resolve) => {
          const socket = connect({ host: outside, port }, () => {
            socket.destroy();
            resolve(true);
          });
          socket.once('error', () => resolve(false));
        });
        expect(reached, `the chat window answers on ${outside}:${port}`).to.equal(false);
      }
    } finally {
      expect(await bot.stop()).to.equal(0);
    }
    const after = await fetch(url!).then(
      () => 'still answering',
      () => 'stopped',
    );
    expect(after).to.equal('stopped');
    await rm(dir, { recursive: true, force: true });
  });

  it('the chat window does not outlive a killed npm start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'psb-start-kill-'));
    const bot = await startBot('start', { DATA_DIR: dir, PLAYGROUND: 'on', PLAYGROUND_PORT: '0' }, 40_000);
    let url: string | undefined;
    for (let i = 0; i < 300 && !url; i++) {
      url = /Open (http:\/\/127\.0\.0\.1:\d+) to chat/.exec(bot.output())?.[1];
      if (!url) await new Promise((r) => setTimeout(r, 100));
    }
    expect(url, bot.output()).to.be.a('string');
    bot.child.kill('SIGKILL'); // no chance to stop its children in order
    // A bare TCP connect, not an HTTP request: a request would make the playground log, and writing
    // to the dead parent's pipe would end it anyway, hiding whether it notices on its own.
    const port = Number(new URL(url!).port);
    let answering = true;
    for (let i = 0; i < 50 && answering; i++) {
      await new Promise((r) => setTimeout(r, 200));
      answering = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port }, () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
    }
    expect(answering, 'the playground still answers 10 s after npm start was killed').to.equal(false);
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses an unknown demo person and names the known ones', async () => {
    const run = await runCli('start', ['--as', 'zed'], { DATA_DIR: join(dataDir, '..', 'unused') });
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain('Unknown demo person "zed". Choose one of: ana, ben, cleo, dario, wanda, ema, nils, hal, stranger, newcomer.');
  });
});

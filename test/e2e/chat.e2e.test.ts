/**
 * `npm run chat` as an operator uses it, against the real server over HTTP: it finds the bot that
 * `npm start` started (on whatever port) through the data directory, chats as any directory user,
 * refuses what names nobody, keeps button numbers to what is on screen, and fills a card's inputs
 * (a case resolved with a note from the terminal).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { runCli, startBot, type BotProcess } from '../support/processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A running `npm run chat` whose input we type and whose output we read. */
class ChatSession {
  private out = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  constructor(args: string[], env: Record<string, string>) {
    const clean = { ...process.env };
    for (const key of ['PORT', 'DATA_DIR', 'STORE', 'AZURE_STORAGE_CONNECTION_STRING']) delete clean[key];
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/chat.ts', ...args], { cwd: ROOT, env: { ...clean, NODE_NO_WARNINGS: '1', ...env } });
    this.child.stdout!.on('data', (d) => (this.out += d));
    this.child.stderr!.on('data', (d) => (this.out += d));
    this.exited = new Promise((r) => this.child.on('exit', (code) => r(code)));
  }
  get output(): string {
    return this.out;
  }
  /** Everything printed from `mark` on. */
  since(mark: number): string {
    return this.out.slice(mark);
  }
  /** Types a line; returns where the output stood before it. */
  type(line: string): number {
    const mark = this.out.length;
    this.child.stdin!.write(`${line}\n`);
    return mark;
  }
  /** Types a line and waits until `pattern` shows up after it; returns what was printed since. */
  say(line: string, pattern: RegExp | string): Promise<string> {
    return this.waitFor(pattern, this.type(line));
  }
  /** Waits until `pattern` shows up after `mark`. */
  async waitFor(pattern: RegExp | string, mark = 0, ms = 10_000): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const text = this.since(mark);
      if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`did not see ${pattern} within ${ms} ms; output since:\n${text}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  /** Waits a moment for anything the bot might still answer. */
  async settle(ms = 1_200): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
  }
  async quit(): Promise<number | null> {
    this.type('/quit');
    this.child.stdin!.end();
    return this.exited;
  }
}

describe('e2e: npm run chat', function () {
  this.timeout(90_000);
  let root: string;
  let dataDir: string;
  let bot: BotProcess;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'psb-chat-'));
    dataDir = join(root, 'data');
    // PORT=0: the bot listens on a free port, never 3978; the chat must find it anyway.
    bot = await startBot('start', { DATA_DIR: dataDir });
  });
  after(async () => {
    await bot?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('--list-users lists the directory\'s users with e-mail, organization and role', async () => {
    const run = await runCli('chat', ['--list-users'], { DATA_DIR: dataDir });
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/Ana Admin \(ana\)\s+ana@contoso\.example\s+Contoso Cloud Services\s+MpnPartnerAdmin/);
    expect(run.stdout).to.match(/Hal Helpdesk \(hal\)\s+hal@helpdesk\.example\s+\(no imported organization\)\s+HelpdeskAgent/);
    const filtered = await runCli('chat', ['--list-users', '--filter', 'woodgrove'], { DATA_DIR: dataDir });
    expect(filtered.stdout).to.contain('Dario Entwickler').and.contain('Wanda Weber').and.not.contain('Ana Admin');
  });

  it('finds the bot npm start runs on another port through the data directory, and chats as a user named by e-mail', async () => {
    expect(bot.url).to.not.match(/:3978$/);
    const chat = new ChatSession(['--as', 'WANDA@woodgrove.example'], { DATA_DIR: dataDir });
    try {
      await chat.waitFor(`Chatting with ${bot.url} as Wanda Weber`);
      const mark = chat.type('how many incidents do we have left?');
      // Wanda's own organization's balance: she is who the chat says she is.
      await chat.waitFor(/Woodgrove Software[\s\S]*11/, mark);
    } finally {
      await chat.quit();
    }
  });

  it('an unknown user is refused with how to list them; an ambiguous one lists the matches', async () => {
    const unknown = await runCli('chat', ['--as', 'bogus'], { DATA_DIR: dataDir });
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.contain('No user "bogus" in the partner directory of').and.contain('npm run chat -- --list-users');

    const other = join(root, 'real');
    const file = join(root, 'real.json');
    const tenant = '11111111-1111-4111-8111-111111111111';
    await writeFile(
      file,
      JSON.stringify({
        organizations: [{ tenantId: tenant, name: 'Fabrikam Consulting', partnerId: '5000001', memberships: [] }],
        users: [
          { aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', tenantId: tenant, name: 'Jane Miller', email: 'jane@fabrikam.example', roles: ['GlobalAdmin'] },
          { aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000002', tenantId: tenant, name: 'Jane Miller', email: 'jane.m@fabrikam.example' },
        ],
      }),
    );
    expect((await runCli('import', [file], { DATA_DIR: other })).code).to.equal(0);
    const ambiguous = await runCli('chat', ['--as', 'jane miller'], { DATA_DIR: other });
    expect(ambiguous.code).to.equal(1);
    expect(ambiguous.stderr).to.contain('"jane miller" matches 2 users').and.contain('jane@fabrikam.example').and.contain('jane.m@fabrikam.example');
    // A real directory has no default person.
    const nobody = await runCli('chat', [], { DATA_DIR: other });
    expect(nobody.stderr).to.contain('Say whom to chat as');
  });

  it('with no bot running on the data directory it says which directory it looked in and how to start or point to one', async () => {
    const other = join(root, 'real');
    const none = await runCli('chat', ['--as', 'jane@fabrikam.example'], { DATA_DIR: other });
    expect(none.code).to.equal(1);
    expect(none.stderr).to.contain(`No bot server is running on the data directory ${other}`).and.contain('npm start').and.contain('--bot');
    // A notify.json left over by a server that died.
    await writeFile(join(other, 'notify.json'), JSON.stringify({ url: 'http://127.0.0.1:9', token: 'x', pid: 2 ** 22 + 12345 }));
    const stale = await runCli('chat', ['--as', 'jane@fabrikam.example'], { DATA_DIR: other });
    expect(stale.stderr).to.contain('has stopped').and.contain('left over');
    // --bot wins over the data directory.
    const pointed = new ChatSession(['--as', 'jane@fabrikam.example', '--bot', bot.url], { DATA_DIR: other });
    try {
      await pointed.waitFor(`Chatting with ${bot.url} as Jane Miller`);
    } finally {
      await pointed.quit();
    }
  });

  it('a typed number presses a button on screen, a number on none is refused, and /as bogus or /foo are never sent', async () => {
    const chat = new ChatSession(['--as', 'ben'], { DATA_DIR: dataDir });
    try {
      await chat.waitFor('[9] Help');
      await chat.say('which support do we use for SharePoint Server?', '[1]');
      await chat.say('11', 'There is no button [11] on screen');
      await chat.say('/as bogus', 'No user "bogus"');
      const mark = chat.type('/foo');
      await chat.waitFor('Unknown command /foo; nothing was sent', mark);
      await chat.settle();
      expect(chat.since(mark)).to.not.contain('bot>').and.not.contain('bot|');
      expect(chat.output).to.not.contain('did not understand');
      await chat.say('/as ema', 'You are now Ema Global of Fourth Coffee IT');
    } finally {
      expect(await chat.quit()).to.equal(0);
    }
  });

  it('a case is resolved from the terminal: Resolve asks for the note, and the partner gets it', async () => {
    const chat = new ChatSession(['--as', 'hal'], { DATA_DIR: dataDir });
    try {
      await chat.waitFor('Chatting with');
      await chat.say('/group', '(now in a group chat)');
      await chat.say('set helpdesk channel', 'receives escalations');
      await chat.say('/as ben', 'You are now Ben Engineer');
      await chat.say('/group', '(now in a personal chat)');
      await chat.say('talk to a person', 'In one line');
      const posted = await chat.say('Our incident count looks wrong', /\[(\d+)\] Resolve \.\.\./);
      const resolve = /\[(\d+)\] Resolve \.\.\./.exec(posted)![1]!;
      await chat.settle(500);
      await chat.say('/as hal', 'You are now Hal Helpdesk');
      await chat.say('/group', '(now in a group chat)');
      await chat.say(resolve, /Resolution note.*: $/m);
      const done = await chat.say('Recounted in Support for Business', /the partner was told/);
      // Each message under the conversation it went to: the partner's note to Ben, the confirmation here.
      expect(done).to.match(
        /\(in Ben Engineer's personal chat:\)\nbot> Your case C-\d+ was resolved by Hal Helpdesk: Recounted in Support for Business\nbot\| \(back in this chat, the group chat:\)\nbot> Case C-\d+ is resolved; the partner was told/,
      );
    } finally {
      await chat.quit();
    }
  });
});

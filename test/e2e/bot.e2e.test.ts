/**
 * End to end: the real CLI imports a directory into a temporary DATA_DIR, the real server runs as
 * its own process on a free port, Teams-shaped activities arrive over HTTP, and the bot's replies
 * are read from a local recording connector (the activities' serviceUrl).
 */
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/clock.js';
import { DEMO_TENANTS, demoDirectory } from '../../src/demo/demoDirectory.js';
import { teamsInstall, teamsMessage, type TeamsUser } from '../../src/devtools/teamsActivities.js';
import { cardActions, cardTexts } from '../../src/cards/cardText.js';
import { ana, ben, cleo, dario, ema, hal, newcomer, nils, stranger } from '../support/demoPeople.js';
import { runCli, startBot, type BotProcess } from '../support/processes.js';
import { startConnector, type RecordingConnector } from '../../src/devtools/recordingConnector.js';

describe('e2e: the bot over HTTP, with the real server, CLI and store', function () {
  this.timeout(60_000);
  let dataDir: string;
  let connector: RecordingConnector;
  let bot: BotProcess;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'psb-e2e-'));
    connector = await startConnector();
    // The demo directory laid out around today, so this test keeps passing in later years.
    const file = join(dataDir, 'directory.import.json');
    await writeFile(file, JSON.stringify(demoDirectory(systemClock.today())));
    const imported = await runCli('import', [file], { DATA_DIR: dataDir });
    expect(imported.code, imported.stderr).to.equal(0);
    expect(imported.stdout).to.match(/^Imported 4 organizations, 8 users, 2 benefits/);
    bot = await startBot('serve', { DATA_DIR: dataDir });
  });

  after(async () => {
    await bot?.stop();
    await connector?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Posts one activity; resolves with what the bot sent back to that conversation. */
  async function post(activity: Record<string, unknown>, contentType = 'application/json'): Promise<{ status: number; replies: Record<string, any>[] }> {
    const conversationId = (activity.conversation as { id: string }).id;
    const before = connector.callsFor(conversationId).length;
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: JSON.stringify(activity),
    });
    await res.text();
    return { status: res.status, replies: connector.callsFor(conversationId).slice(before).map((c) => c.activity) };
  }

  const seen = new Set<string>();
  const shown: Record<string, any>[] = [];
  /** Presses the newest button with this choice id or title, as a user clicks it (with the card's data). */
  async function press(user: TeamsUser, button: string, locale = 'en-US') {
    for (let i = shown.length - 1; i >= 0; i--) {
      const card = shown[i]!.attachments?.[0]?.content;
      const found = card && cardActions(card).find((a) => a.title === button || (a.data as { choice?: string } | undefined)?.choice === button);
      if (found) return say(user, found.data as Record<string, unknown>, locale);
    }
    throw new Error(`no card shows a button "${button}"`);
  }
  /** A user's message in their personal chat; the first-contact welcome card is skipped. */
  async function say(user: TeamsUser, input: string | Record<string, unknown>, locale = 'en-US', extra: Record<string, string> = {}) {
    const options = { user, serviceUrl: connector.url, locale, ...extra };
    const key = `${user.aadObjectId}|${extra.conversationId ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      await post(teamsInstall(options));
    }
    const { status, replies } = await post(teamsMessage(typeof input === 'string' ? { ...options, text: input } : { ...options, value: input }));
    expect(status).to.equal(200);
    shown.push(...replies);
    return replies.map((a) => {
      const card = a.attachments?.[0]?.content;
      return [a.text ?? '', ...(card ? cardTexts(card) : [])].join('\n');
    });
  }

  it('welcomes on install with a card of what the bot can do', async () => {
    const { replies } = await post(teamsInstall({ user: { ...ben, aadObjectId: 'welcome-check' }, serviceUrl: connector.url }));
    expect(replies).to.have.length(1);
    expect(cardTexts(replies[0]!.attachments[0].content)).to.include('Hi, I help you use your partner technical-support benefits');
  });

  it('explains the tiers and the own entitlement in English and German (F1-F8)', async () => {
    const [en] = await say(ana, 'what support do partners get?');
    expect(en).to.contain('Technical support benefits by membership').and.contain('Microsoft Product Support (on-premises): 20 incidents');
    expect(en).to.contain('because of Gold in Cloud Platform');
    const [de] = await say(ema, 'was bekommen wir?', 'de-DE');
    expect(de).to.contain('Technische Support-Vorteile nach Mitgliedschaft').and.contain('10 Incidents');
    expect(de).to.contain('nicht enthalten, denn das Action Pack umfasst keinen Cloud-Support');
  });

  it('refuses each kind of caller with the reason (F9-F11)', async () => {
    expect((await say(ben, 'activate'))[0]).to.contain('Only a Global admin or an MPN partner admin').and.contain('Ana Admin');
    expect((await say(cleo, 'activate'))[0]).to.contain('You are not authorized to perform this action');
    expect((await say(nils, 'Vorteile aktivieren', 'de-DE'))[0]).to.contain('Es sieht so aus, als ob Sie noch keine Vorteile haben');
    expect((await say(stranger, 'activate'))[0]).to.contain('Your organization is not in my partner directory');
    expect((await say(newcomer, 'activate'))[0]).to.contain('Your account is not in my partner directory for Contoso Cloud Services');
  });

  let contosoIds: string[] = [];
  it('a forged confirmation from a non-admin is refused before anything is activated', async () => {
    const [reply] = await say(ben, { action: 'activation.confirm' });
    expect(reply).to.contain('Only a Global admin or an MPN partner admin can activate');
    const [ids] = await say(ben, 'what is our access id?');
    expect(ids).to.contain('Contoso Cloud Services has not activated');
  });

  it('activates for an admin and returns the Access ID and Contract ID (F9, F12)', async () => {
    const [confirm] = await say(ana, 'activate our benefits');
    expect(confirm).to.contain('Activate the support benefits of Contoso Cloud Services?');
    const [done] = await say(ana, { action: 'activation.confirm' });
    expect(done).to.contain('Done: the benefits of Contoso Cloud Services are active');
    contosoIds = done!.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b\d{10}\b/g) ?? [];
    expect(contosoIds).to.have.length(4); // two Access IDs, two Contract IDs
  });

  it('a second user of the same tenant sees the same IDs; a user of another tenant does not', async () => {
    const [benIds] = await say(ben, 'Zugriffs-ID', 'de-DE');
    for (const id of contosoIds) expect(benIds).to.contain(id);
    const [emaIds] = await say(ema, 'what is our access id?');
    for (const id of contosoIds) expect(emaIds).to.not.contain(id);
    const [darioIds] = await say(dario, 'contract id');
    for (const id of contosoIds) expect(darioIds).to.not.contain(id);
    expect(darioIds).to.contain('7001234');
  });

  it('does not post the IDs into a group chat', async () => {
    const [reply] = await say(ben, 'what is our access id?', 'en-US', { conversationType: 'groupChat', conversationId: '19:team@thread.v2' });
    expect(reply).to.contain('Ask me in a personal chat');
    for (const id of contosoIds) expect(reply).to.not.contain(id);
  });

  it('walks through "already associated": used-up contract is scenario 2 with the plans; a fine one is scenario 1 (F20-F23)', async () => {
    const [question] = await say(dario, 'This Access ID is already associated with an account. Contact your Technical Account Manager to get a new Access ID');
    expect(question).to.contain('Help + support, Support plans, "Link support benefits"');
    const [scenario2, plans] = await press(dario, 'own');
    expect(scenario2).to.contain('has no incidents left (5 of 5 used)');
    expect(plans).to.contain('Advanced Support for Partners: for cloud products only.');
    await say(ana, 'Diese Zugriffs-ID ist bereits einem Konto zugeordnet', 'de-DE');
    const [scenario1] = await press(ana, 'own', 'de-DE');
    expect(scenario1).to.contain('Die Meldung führt in die Irre').and.contain('es gibt unbegrenzt viele Incidents');
  });

  it('recommends a paid plan to an Action Pack organization asking about Azure (F7, F23)', async () => {
    const [answer] = await say(ema, 'which plan should we buy for Azure?');
    expect(answer).to.contain('Fourth Coffee IT has the Action Pack, which includes no cloud support.');
    expect(answer).to.contain('Premier Support for Partners');
  });

  it('shows a balance that matches the imported directory, records an incident once (F16)', async () => {
    const [balance] = await say(dario, 'How many incidents do we have left?');
    expect(balance).to.contain('Incident balance of Woodgrove Software');
    expect(balance).to.match(/Microsoft Product Support \(on-premises\)\nTotal\n15\nUsed\n4\nLeft\n11/);
    expect(balance).to.match(/Signature Cloud Support \(cloud\)\nTotal\n5\nUsed\n5\nLeft\n0/);
    const [confirm] = await say(dario, 'we used an incident on product support, case 2611230040001234');
    expect(confirm).to.contain('Incidents left afterwards: 10.');
    const [done] = await press(dario, 'yes');
    expect(done).to.equal('Recorded: case 2611230040001234 on Microsoft Product Support (on-premises). 10 incidents left.');
    const [after] = await say(dario, 'Wie viele Incidents haben wir noch?', 'de-DE');
    expect(after).to.match(/Verbraucht\n5\nÜbrig\n10/);
    const [again] = await say(dario, 'we used an incident on product support, case 2611230040001234');
    expect(again).to.contain('is already recorded for Woodgrove Software');
  });

  it('a user of another tenant sees none of it and cannot change it, even with forged card data', async () => {
    const [emaBalance] = await say(ema, 'how many incidents do we have left?');
    expect(emaBalance).to.contain('Fourth Coffee IT').and.not.contain('Woodgrove');
    const [record] = await say(stranger, 'we used an incident on product support, case 2611230040004321');
    expect(record).to.contain('Your organization is not in my partner directory');
    // A forged "yes" that names Woodgrove's tenant: identity comes from the channel, not the card.
    await say(ema, { action: 'choose', choice: 'yes', tenantId: DEMO_TENANTS.woodgrove, caseRef: '2611230040004321' });
    const [darioBalance] = await say(dario, 'How many incidents do we have left?');
    expect(darioBalance).to.match(/Used\n5\nLeft\n10/);
    expect(darioBalance).to.not.contain('2611230040004321');
  });

  it('the audit log holds the activation and the recorded incident, exported by npm run audit while the bot runs', async () => {
    const result = await runCli('audit', ['--since', '2020-01-01', '--format', 'csv'], { DATA_DIR: dataDir });
    expect(result.code, result.stderr).to.equal(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).to.equal('at,actor_id,actor_name,tenant_id,partner_id,action,details');
    expect(lines.some((l) => l.includes(',Ana Admin,') && l.includes(',4711001,activation,'))).to.equal(true);
    expect(lines.some((l) => l.includes(',Dario Entwickler,') && l.includes(',4711002,incident.recorded,') && l.includes('2611230040001234'))).to.equal(true);
  });

  it('npm run notify tells the users who talked to the bot that the IDs are available, once, without the IDs, but not who has seen them', async () => {
    // Cleo talked to the bot but never saw the IDs; Ben asked for them after the activation.
    const cleoChat = `a:personal-${cleo.aadObjectId}`;
    const benChat = `a:personal-${ben.aadObjectId}`;
    const before = { cleo: connector.callsFor(cleoChat).length, ben: connector.callsFor(benChat).length };
    const first = await runCli('notify', [], { DATA_DIR: dataDir });
    expect(first.code, first.stderr + first.stdout).to.equal(0);
    expect(first.stdout).to.contain('1 not needed (the person has seen the IDs since the activation)');
    const notices = connector.callsFor(cleoChat).slice(before.cleo).map((c) => c.activity.text as string);
    expect(notices).to.have.length(1);
    expect(notices[0]).to.contain('Contoso Cloud Services');
    for (const id of contosoIds) expect(notices[0]).to.not.contain(id);
    expect(connector.callsFor(benChat).length - before.ben, 'Ben has seen the IDs: no "now available"').to.equal(0);
    const second = await runCli('notify', [], { DATA_DIR: dataDir });
    expect(second.code).to.equal(0);
    expect(connector.callsFor(cleoChat).length - before.cleo, 'sent once per condition').to.equal(1);
    expect(connector.callsFor(benChat).length - before.ben).to.equal(0);
  });

  it('an escalation reaches the helpdesk conversation; assign updates the card in place and tells the partner', async () => {
    const helpdesk = { conversationType: 'channel', conversationId: '19:helpdesk@thread.tacv2' };
    const [set] = await say(hal, 'set helpdesk channel', 'en-US', helpdesk);
    expect(set).to.contain('This conversation now receives escalations');
    await say(dario, 'talk to a person');
    const [created] = await say(dario, 'We still cannot link Azure support');
    const caseId = /case (C-\d{6})/.exec(created!)![1]!;
    const card = connector.callsFor(helpdesk.conversationId).filter((c) => c.method === 'POST').at(-1)!;
    expect(cardTexts(card.activity.attachments[0].content)).to.include.members([`Case ${caseId}: open`, 'We still cannot link Azure support']);
    const darioChat = `a:personal-${dario.aadObjectId}`;
    const before = connector.callsFor(darioChat).length;
    const replies = await say(hal, { action: 'case.assign', caseId }, 'en-US', helpdesk);
    expect(replies).to.include(`Case ${caseId} is assigned to you.`);
    const update = connector.callsFor(helpdesk.conversationId).find((c) => c.method === 'PUT');
    expect(update, 'the card was updated in place').to.not.equal(undefined);
    expect(cardTexts(update!.activity.attachments[0].content)).to.include(`Case ${caseId}: assigned`);
    const notice = connector.callsFor(darioChat).slice(before).map((c) => c.activity.text);
    expect(notice).to.deep.equal([`Your case ${caseId} was taken by Hal Helpdesk from the helpdesk.`]);
    const resolved = await say(hal, { action: 'case.resolve', caseId, note: 'Bought Advanced Support' }, 'en-US', helpdesk);
    expect(resolved).to.include(`Case ${caseId} is resolved; the partner was told.`);
    const updates = connector.callsFor(helpdesk.conversationId).filter((c) => c.method === 'PUT');
    expect(cardTexts(updates.at(-1)!.activity.attachments[0].content)).to.include(`Case ${caseId}: resolved`);
    expect(connector.callsFor(darioChat).at(-1)!.activity.text).to.equal(`Your case ${caseId} was resolved by Hal Helpdesk: Bought Advanced Support`);
  });

  it('a triage over HTTP ends in a saved case; a reveal is audited', async () => {
    await say(hal, 'triage 4711003');
    await press(hal, 'plan');
    await press(hal, 'cloud');
    const replies = await say(hal, 'none');
    expect(replies[0]).to.contain('Triage: Fourth Coffee IT (4711003)').and.contain('has the Action Pack, which includes no cloud support');
    expect(replies[1]).to.match(/^Saved as case C-\d{6}\.$/);
    await say(hal, 'partner 4711002');
    const [revealed] = await press(hal, 'Reveal IDs');
    expect(revealed).to.contain('7001234');
    const audit = await runCli('audit', ['--partner', '4711002', '--format', 'json'], { DATA_DIR: dataDir });
    expect(JSON.parse(audit.stdout).map((e: { action: string }) => e.action)).to.include('ids.reveal');
  });

  it('helpdesk lookup over HTTP: masked IDs for an agent, nothing for a partner user', async () => {
    const [agentView] = await say(hal, 'partner 4711002');
    expect(agentView).to.contain('Woodgrove Software (partner 4711002)').and.contain('••••1234').and.not.contain('7001234');
    const [partnerView] = await say(ben, 'partner 4711002');
    expect(partnerView).to.equal('Partner lookups, triage and the audit log are for the helpdesk team only.');
  });

  it('answers malformed requests with a 4xx and keeps serving', async () => {
    const send = (body: string, type = 'application/json') =>
      fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': type }, body });
    const notJson = await send('{not json');
    expect(notJson.status).to.equal(400);
    expect(await notJson.json()).to.deep.equal({ error: 'The request body is not valid JSON.' });
    const plain = await send(JSON.stringify({ type: 'message', text: 'hi' }), 'text/plain');
    expect(plain.status).to.equal(400);
    expect(await plain.json()).to.deep.equal({ error: 'Expected a JSON activity object (Content-Type: application/json).' });
    // Too large also when the length is not declared up front (a chunked body).
    const chunked = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(10_000)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).to.equal(413);
    const noType = await send(JSON.stringify({ text: 'hi', conversation: { id: 'x' } }));
    expect(noType.status).to.equal(400);
    expect(await noType.text()).to.contain('activity.type is required').and.not.contain('    at ');
    const huge = await send(JSON.stringify({ type: 'message', text: 'x'.repeat(2_000_000) }));
    expect(huge.status).to.equal(413);
    const array = await send('[1,2]');
    expect(array.status).to.equal(400);
    const [after] = await say(ana, 'help');
    expect(after).to.contain('What I can do');
  });

  it('answers an activity sent as "application/json; charset=utf-8" as it answers application/json', async () => {
    const question = 'Welche Unterstützung bekommen wir für Gold?';
    const asJson = await say(nils, question, 'de-DE');
    expect(asJson).to.have.length(1);
    expect(asJson[0]).to.contain('Technische Support-Vorteile nach Mitgliedschaft');
    for (const type of ['application/json; charset=utf-8', 'application/json;charset=UTF-8']) {
      const { status, replies } = await post(teamsMessage({ user: nils, serviceUrl: connector.url, locale: 'de-DE', text: question }), type);
      expect(status, type).to.equal(200);
      const shownNow = replies.map((a) => [a.text ?? '', ...cardTexts(a.attachments?.[0]?.content ?? {})].join('\n'));
      expect(shownNow, type).to.deep.equal(asJson);
    }
  });

  it('GET /healthz reports the version when the store is readable', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.include({ status: 'ok', version: '0.1.0' });
  });

  it('keeps the activation, and a conversation waiting for a confirmation, across a restart', async () => {
    const [confirm] = await say(ema, 'Vorteile aktivieren', 'de-DE');
    expect(confirm).to.contain('Support-Vorteile von Fourth Coffee IT aktivieren?');
    expect(await bot.stop()).to.equal(0);
    bot = await startBot('serve', { DATA_DIR: dataDir });
    const [ids] = await say(ben, 'what is our contract id?');
    for (const id of contosoIds) expect(ids).to.contain(id);
    const [again] = await say(ana, 'activate');
    expect(again).to.contain('already active');
    // The flow resumes where it waited: a plain "ja" confirms after the restart.
    const [done] = await say(ema, 'ja', 'de-DE');
    expect(done).to.contain('Erledigt: Die Vorteile von Fourth Coffee IT sind aktiviert');
  });

  it('with an app id configured, a request without a valid Bot Framework token gets 401 with a short body', async () => {
    const secured = await startBot('serve', {
      DATA_DIR: await mkdtemp(join(tmpdir(), 'psb-e2e-auth-')),
      MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: DEMO_TENANTS.contoso,
      HOST: '127.0.0.1',
    });
    try {
      const res = await fetch(`${secured.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(teamsMessage({ user: ana, serviceUrl: connector.url, text: 'hi' })),
      });
      expect(res.status).to.equal(401);
      // A short answer of our own: not the library's error text.
      expect(await res.text()).to.equal('{"error":"Unauthorized."}');
      const garbage = await fetch(`${secured.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' },
        body: JSON.stringify(teamsMessage({ user: ana, serviceUrl: connector.url, text: 'hi' })),
      });
      expect(garbage.status).to.equal(401);
      expect(await garbage.text()).to.equal('{"error":"Unauthorized."}');
    } finally {
      await secured.stop();
    }
  });
});

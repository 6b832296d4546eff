/**
 * `npm run notify`: asks the bot server running on DATA_DIR to send the reminders that are due now
 * (the server also does this once a day by itself). It does not send anything itself: the server
 * holds DATA_DIR and the bot's credentials. See src/jobs/notifyEndpoint.ts.
 *
 * Exit codes: 0 done, 1 not done or some reminders failed (the server log says why).
 */
import { ConfigError, loadDotEnv, readConfig } from '../config.js';
import { NOTIFY_FILE, NOTIFY_PATH, readNotifyEndpoint } from '../jobs/notifyEndpoint.js';
import type { ReminderSummary } from '../jobs/reminders.js';

async function main(): Promise<number> {
  let dataDir: string;
  try {
    loadDotEnv();
    dataDir = readConfig().dataDir;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const endpoint = await readNotifyEndpoint(dataDir);
  if (!endpoint) {
    console.error(
      `No bot server is running on ${dataDir} (no ${NOTIFY_FILE} there). Reminders are sent by the running server: ` +
        'start it (npm run serve or npm start) and run npm run notify again.',
    );
    return 1;
  }
  let res: Response;
  try {
    res = await fetch(`${endpoint.url}${NOTIFY_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${endpoint.token}` },
      signal: AbortSignal.timeout(10 * 60_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    console.error(
      `The bot server of ${dataDir} does not answer at ${endpoint.url} (${cause}). Is it still running? ` +
        `If it stopped without cleaning up, ${NOTIFY_FILE} is left over: start the server again.`,
    );
    return 1;
  }
  const body = (await res.json().catch(() => ({}))) as Partial<ReminderSummary> & { error?: string };
  if (!res.ok) {
    console.error(`The bot server refused or failed (${res.status}): ${body.error ?? 'no details'}`);
    return 1;
  }
  const { sent = 0, skipped = 0, failed = 0, unreachable = 0, seen = 0 } = body;
  console.log(
    `Reminders: ${sent} sent, ${skipped} sent before (not repeated), ${seen} not needed (the person has seen the IDs since the activation), ` +
      `${unreachable} not reachable (never talked to the bot), ${failed} failed.`,
  );
  if (failed > 0) {
    console.error('Some reminders failed; the server log has the details.');
    return 1;
  }
  return 0;
}

process.exitCode = await main();

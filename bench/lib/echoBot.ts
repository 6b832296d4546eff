/**
 * The benchmark's anchor: a minimal echo bot on the project's own botbuilder (CloudAdapter,
 * unauthenticated as the bot runs locally) and restify, with nothing else. Started by bench/run.ts
 * as its own process; prints the same "Bot listening on ..." line as the real server.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

const adapter = new CloudAdapter(
  new ConfigurationBotFrameworkAuthentication({ MicrosoftAppType: '', MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '' }),
);
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
  await next();
});

const server = restify.createServer({ handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
const port = Number(process.env.PORT ?? 0);
server.listen(port, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  console.log(`Bot listening on http://127.0.0.1:${address.port}/api/messages`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

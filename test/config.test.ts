import { expect } from 'chai';
import { ConfigError, readConfig, readStoreConfig } from '../src/config.js';

const APP = {
  MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppPassword: 'secret',
  MicrosoftAppTenantId: '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01',
};

describe('config', () => {
  it('defaults: port 3978, ./data, unauthenticated on 127.0.0.1', () => {
    expect(readConfig({})).to.deep.equal({
      port: 3978,
      host: '127.0.0.1',
      dataDir: './data',
      store: { kind: 'lmdb' },
      logLevel: 'info',
      remindersAtUtc: '07:00',
      sendTimeoutMs: 5000,
      floodLimit: { userPerSecond: 5, userBurst: 10, tenantPerSecond: 50, tenantBurst: 100, noticeEveryMs: 10_000 },
      auth: undefined,
    });
  });

  it('with an app id the bot listens on all interfaces and authenticates', () => {
    const config = readConfig({ ...APP, PORT: '8080', DATA_DIR: '/var/lib/bot' });
    expect(config).to.deep.include({ port: 8080, host: '0.0.0.0', dataDir: '/var/lib/bot' });
    expect(config.auth).to.deep.equal({ appType: 'SingleTenant', appId: APP.MicrosoftAppId, appPassword: 'secret', tenantId: APP.MicrosoftAppTenantId });
  });

  it('takes the Bot Framework endpoints of a sovereign cloud or a test (only those set)', () => {
    const config = readConfig({
      ...APP,
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:4000/v1/.well-known/openidconfiguration',
      ToBotFromChannelTokenIssuer: 'http://127.0.0.1:4000',
      ToBotFromEmulatorOpenIdMetadataUrl: '',
    });
    expect(config.auth?.endpoints).to.deep.equal({ openIdMetadataUrl: 'http://127.0.0.1:4000/v1/.well-known/openidconfiguration', tokenIssuer: 'http://127.0.0.1:4000' });
    const gov = readConfig({
      ...APP,
      ChannelService: 'https://botframework.azure.us',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.us/contoso.onmicrosoft.us',
      ToChannelFromBotOAuthScope: 'https://api.botframework.us',
      OAuthUrl: 'https://api.botframework.azure.us',
    });
    expect(gov.auth?.endpoints).to.deep.equal({
      channelService: 'https://botframework.azure.us',
      loginUrl: 'https://login.microsoftonline.us/contoso.onmicrosoft.us',
      oAuthScope: 'https://api.botframework.us',
      oAuthUrl: 'https://api.botframework.azure.us',
    });
  });

  it('SEND_TIMEOUT_SECONDS bounds how long a reply may take to reach the channel', () => {
    expect(readConfig({ SEND_TIMEOUT_SECONDS: '2.5' }).sendTimeoutMs).to.equal(2500);
    expect(readConfig({ SEND_TIMEOUT_SECONDS: '' }).sendTimeoutMs).to.equal(5000);
  });

  it('FLOOD_* set the per-user and per-tenant flood limit; a bad value names the variable', () => {
    const env = { FLOOD_USER_PER_SECOND: '2', FLOOD_USER_BURST: '3', FLOOD_TENANT_PER_SECOND: '20', FLOOD_TENANT_BURST: '30', FLOOD_NOTICE_SECONDS: '1.5' };
    expect(readConfig(env).floodLimit).to.deep.equal({ userPerSecond: 2, userBurst: 3, tenantPerSecond: 20, tenantBurst: 30, noticeEveryMs: 1500 });
    expect(() => readConfig({ FLOOD_USER_BURST: '0' })).to.throw(/FLOOD_USER_BURST/);
    expect(() => readConfig({ FLOOD_TENANT_PER_SECOND: 'lots' })).to.throw(/FLOOD_TENANT_PER_SECOND: must be a number/);
  });

  const bad: [string, NodeJS.ProcessEnv, string][] = [
    ['unauthenticated on a public address', { HOST: '0.0.0.0' }, 'HOST: 0.0.0.0 is not a loopback address'],
    ['a port out of range', { PORT: '70000' }, 'PORT'],
    ['an app id that is not a GUID', { MicrosoftAppId: 'my-bot' }, 'MicrosoftAppId: must be the bot app registration GUID'],
    ['an app id without a password', { MicrosoftAppId: APP.MicrosoftAppId, MicrosoftAppTenantId: APP.MicrosoftAppTenantId }, 'MicrosoftAppPassword: is required'],
    ['single tenant without a tenant id', { MicrosoftAppId: APP.MicrosoftAppId, MicrosoftAppPassword: 'x' }, 'MicrosoftAppTenantId: is required for MicrosoftAppType SingleTenant'],
    ['an unknown app type', { ...APP, MicrosoftAppType: 'Personal' }, 'MicrosoftAppType'],
    ['an OpenID metadata URL that is no URL', { ...APP, ToBotFromChannelOpenIdMetadataUrl: 'login.botframework.com' }, 'ToBotFromChannelOpenIdMetadataUrl: must be an http(s) URL'],
    ['a login URL of another scheme', { ...APP, ToChannelFromBotLoginUrl: 'ftp://login.example/tenant' }, 'ToChannelFromBotLoginUrl: must be an http(s) URL'],
    ['a ChannelService the SDK does not know', { ...APP, ChannelService: 'https://botframework.example' }, 'ChannelService: must be empty (the public cloud) or https://botframework.azure.us (US Government)'],
    ['a send timeout of no time', { SEND_TIMEOUT_SECONDS: '0' }, 'SEND_TIMEOUT_SECONDS'],
    ['a send timeout that is no number', { SEND_TIMEOUT_SECONDS: 'soon' }, 'SEND_TIMEOUT_SECONDS: must be a number of seconds'],
  ];
  for (const [what, env, message] of bad) {
    it(`refuses ${what}, naming the variable`, () => {
      expect(() => readConfig(env)).to.throw(message);
    });
  }

  describe('STORE', () => {
    const AZURITE = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;';
    const ACCOUNT = 'DefaultEndpointsProtocol=https;AccountName=stabc;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net';

    it('is lmdb by default; azure takes the connection string, the table prefix, the container and the poll interval', () => {
      expect(readConfig({ STORE: '' }).store).to.deep.equal({ kind: 'lmdb' });
      expect(readConfig({ STORE: 'azure', AZURE_STORAGE_CONNECTION_STRING: ACCOUNT }).store).to.deep.equal({
        kind: 'azure',
        connectionString: ACCOUNT,
        tablePrefix: 'psb',
        container: 'directory',
        pollMs: 5000,
      });
      expect(
        readConfig({ STORE: 'azure', AZURE_STORAGE_CONNECTION_STRING: AZURITE, AZURE_TABLE_PREFIX: 'test1', AZURE_DIRECTORY_CONTAINER: 'dir-test', AZURE_DIRECTORY_POLL_SECONDS: '0.25' }).store,
      ).to.deep.include({ tablePrefix: 'test1', container: 'dir-test', pollMs: 250 });
      expect(readConfig({ STORE: 'azure', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).store).to.deep.include({ kind: 'azure' });
      expect(readConfig({ STORE: 'azure', AZURE_STORAGE_CONNECTION_STRING: 'BlobEndpoint=https://a.blob.core.windows.net;TableEndpoint=https://a.table.core.windows.net;SharedAccessSignature=sv=1&sig=x' }).store).to.deep.include({ kind: 'azure' });
    });

    const badStore: [string, NodeJS.ProcessEnv, string][] = [
      ['an unknown store', { STORE: 'cosmos' }, 'STORE: must be lmdb (one machine, DATA_DIR) or azure (Azure Storage, AZURE_STORAGE_CONNECTION_STRING)'],
      ['azure without a connection string', { STORE: 'azure' }, "AZURE_STORAGE_CONNECTION_STRING: is required when STORE=azure: the storage account's connection string (az storage account show-connection-string"],
      ['azure with something that is not a connection string', { STORE: 'azure', AZURE_STORAGE_CONNECTION_STRING: 'stabc' }, 'AZURE_STORAGE_CONNECTION_STRING: is not a storage account connection string: it needs AccountName and AccountKey'],
      ['azure with an account name but no key', { STORE: 'azure', AZURE_STORAGE_CONNECTION_STRING: 'AccountName=stabc' }, 'AZURE_STORAGE_CONNECTION_STRING: is not a storage account connection string'],
      ['azure with an unresolved Key Vault reference', { STORE: 'azure', AZURE_STORAGE_CONNECTION_STRING: '@Microsoft.KeyVault(VaultName=kv;SecretName=s)' }, 'AZURE_STORAGE_CONNECTION_STRING: is an unresolved Key Vault reference'],
      ['a table prefix Azure refuses', { AZURE_TABLE_PREFIX: 'psb-prod' }, 'AZURE_TABLE_PREFIX: must be letters and digits'],
      ['a container name Azure refuses', { AZURE_DIRECTORY_CONTAINER: 'Directory' }, 'AZURE_DIRECTORY_CONTAINER: must be a blob container name'],
      ['a poll interval of no time', { AZURE_DIRECTORY_POLL_SECONDS: '0' }, 'AZURE_DIRECTORY_POLL_SECONDS'],
    ];
    for (const [what, env, message] of badStore) {
      it(`refuses ${what}, naming the variable`, () => {
        expect(() => readConfig(env)).to.throw(ConfigError, message);
        expect(() => readStoreConfig(env)).to.throw(ConfigError, message);
      });
    }

    it('never repeats the connection string (it holds the key)', () => {
      const error = (() => {
        try {
          readConfig({ STORE: 'azure', AZURE_STORAGE_CONNECTION_STRING: 'AccountKey=TOPSECRET' });
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error!.message).to.not.contain('TOPSECRET');
    });

    it('readStoreConfig (the CLIs) needs no bot credentials', () => {
      expect(readStoreConfig({ MicrosoftAppId: 'not checked here', DATA_DIR: '/d' })).to.deep.equal({ dataDir: '/d', store: { kind: 'lmdb' } });
    });
  });

  it('accepts loopback hosts without an app id, and empty values as unset', () => {
    expect(readConfig({ HOST: '::1', PORT: '', MicrosoftAppId: '' })).to.deep.include({ host: '::1', port: 3978, auth: undefined });
  });
});

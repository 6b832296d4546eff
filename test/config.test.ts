import { expect } from 'chai';
import { readConfig } from '../src/config.js';

const APP = {
  MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppPassword: 'secret',
  MicrosoftAppTenantId: '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01',
};

describe('config', () => {
  it('defaults: port 3978, ./data, unauthenticated on 127.0.0.1', () => {
    expect(readConfig({})).to.deep.equal({ port: 3978, host: '127.0.0.1', dataDir: './data', logLevel: 'info', remindersAtUtc: '07:00', auth: undefined });
  });

  it('with an app id the bot listens on all interfaces and authenticates', () => {
    const config = readConfig({ ...APP, PORT: '8080', DATA_DIR: '/var/lib/bot' });
    expect(config).to.deep.include({ port: 8080, host: '0.0.0.0', dataDir: '/var/lib/bot' });
    expect(config.auth).to.deep.equal({ appType: 'SingleTenant', appId: APP.MicrosoftAppId, appPassword: 'secret', tenantId: APP.MicrosoftAppTenantId });
  });

  const bad: [string, NodeJS.ProcessEnv, string][] = [
    ['unauthenticated on a public address', { HOST: '0.0.0.0' }, 'HOST: 0.0.0.0 is not a loopback address'],
    ['a port out of range', { PORT: '70000' }, 'PORT'],
    ['an app id that is not a GUID', { MicrosoftAppId: 'my-bot' }, 'MicrosoftAppId: must be the bot app registration GUID'],
    ['an app id without a password', { MicrosoftAppId: APP.MicrosoftAppId, MicrosoftAppTenantId: APP.MicrosoftAppTenantId }, 'MicrosoftAppPassword: is required'],
    ['single tenant without a tenant id', { MicrosoftAppId: APP.MicrosoftAppId, MicrosoftAppPassword: 'x' }, 'MicrosoftAppTenantId: is required for MicrosoftAppType SingleTenant'],
    ['an unknown app type', { ...APP, MicrosoftAppType: 'Personal' }, 'MicrosoftAppType'],
  ];
  for (const [what, env, message] of bad) {
    it(`refuses ${what}, naming the variable`, () => {
      expect(() => readConfig(env)).to.throw(message);
    });
  }

  it('accepts loopback hosts without an app id, and empty values as unset', () => {
    expect(readConfig({ HOST: '::1', PORT: '', MicrosoftAppId: '' })).to.deep.include({ host: '::1', port: 3978, auth: undefined });
  });
});

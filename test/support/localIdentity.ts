/**
 * A local stand-in for the Bot Framework's identity, over real HTTP (node:http, a free port), for
 * the authentication tests:
 *
 * - `GET /v1/.well-known/openidconfiguration`: the OpenID metadata the bot reads the channel's
 *   signing keys from (the bot is pointed here by ToBotFromChannelOpenIdMetadataUrl and
 *   ToBotFromEmulatorOpenIdMetadataUrl);
 * - `GET /keys`: the JWKS with one RSA key of our own (RS256);
 * - `GET /msi/token`: an App Service managed-identity token endpoint (IDENTITY_ENDPOINT /
 *   IDENTITY_HEADER), where a bot with MicrosoftAppType=UserAssignedMSI gets the token for its
 *   replies, so a test sees the bot answer without Entra ID.
 *
 * Tokens are signed by hand with node:crypto, including the broken kinds a caller may send
 * (`alg: none`, HS256, another key, an unknown kid).
 */
import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SignOptions {
  /** Header `alg` (default RS256). `none` leaves the signature empty; HS256 signs with `hmacSecret`. */
  alg?: 'RS256' | 'none' | 'HS256';
  /** Header `kid` (default the served key's); `null` leaves it out. */
  kid?: string | null;
  /** Sign with this private key instead of the served one (RS256). */
  key?: KeyObject;
  /** HS256's secret (default the served public key's PEM, the classic algorithm confusion). */
  hmacSecret?: string;
}

export interface LocalIdentity {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** ToBotFromChannelOpenIdMetadataUrl / ToBotFromEmulatorOpenIdMetadataUrl */
  metadataUrl: string;
  /** ToBotFromChannelTokenIssuer: the `iss` of the channel's tokens here. */
  issuer: string;
  /** IDENTITY_ENDPOINT and IDENTITY_HEADER for the bot process. */
  managedIdentityEnv: { IDENTITY_ENDPOINT: string; IDENTITY_HEADER: string };
  /** The `kid` of the served key. */
  kid: string;
  /** Requests to the metadata and the keys so far. */
  metadataRequests(): number;
  /** Tokens handed out by the managed-identity endpoint so far. */
  managedIdentityTokens(): number;
  /** Answers the metadata and the keys with this status (an outage) until `failWith(undefined)`. */
  failWith(status: number | undefined): void;
  /** A JWT of `claims` (exp/nbf/iat not added), signed as `options` say. */
  sign(claims: Record<string, unknown>, options?: SignOptions): string;
  /** A token as the channel sends it to the bot `appId` for an activity from `serviceUrl`. */
  channelToken(appId: string, serviceUrl: string, claims?: Record<string, unknown>, options?: SignOptions): string;
  /** Stops answering (the port is closed). */
  stop(): Promise<void>;
  /** Listens again on the same port (after stop). */
  restart(): Promise<void>;
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** An RSA key pair that is not the served one, e.g. to sign a token with the wrong key. */
export function otherKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

export async function startLocalIdentity(): Promise<LocalIdentity> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `local-${randomUUID()}`;
  const jwk = publicKey.export({ format: 'jwk' });
  const publicPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const secret = `msi-${randomUUID()}`;
  let failing: number | undefined;
  let metadataRequests = 0;
  let tokens = 0;
  let url = '';

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/v1/.well-known/openidconfiguration' || path === '/keys') {
      metadataRequests += 1;
      if (failing) return json(failing, { error: 'scripted outage' });
      if (path === '/keys') return json(200, { keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
      return json(200, { issuer: url, jwks_uri: `${url}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (path === '/msi/token') {
      if (req.headers['x-identity-header'] !== secret) return json(401, { error: 'wrong X-IDENTITY-HEADER' });
      tokens += 1;
      return json(200, {
        access_token: `local-bot-token-${tokens}`,
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource: 'https://api.botframework.com',
        token_type: 'Bearer',
      });
    }
    json(404, { error: 'no such route' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;

  const signToken = (claims: Record<string, unknown>, options: SignOptions = {}): string => {
    const alg = options.alg ?? 'RS256';
    const header: Record<string, unknown> = { alg, typ: 'JWT' };
    const headerKid = options.kid === undefined ? kid : options.kid;
    if (headerKid !== null) header.kid = headerKid;
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    if (alg === 'none') return `${input}.`;
    if (alg === 'HS256') return `${input}.${createHmac('sha256', options.hmacSecret ?? publicPem).update(input).digest('base64url')}`;
    return `${input}.${sign('sha256', Buffer.from(input), options.key ?? privateKey).toString('base64url')}`;
  };

  return {
    url,
    metadataUrl: `${url}/v1/.well-known/openidconfiguration`,
    issuer: url,
    managedIdentityEnv: { IDENTITY_ENDPOINT: `${url}/msi/token`, IDENTITY_HEADER: secret },
    kid,
    metadataRequests: () => metadataRequests,
    managedIdentityTokens: () => tokens,
    failWith: (status) => {
      failing = status;
    },
    sign: signToken,
    channelToken: (appId, serviceUrl, claims = {}, options) => {
      const now = Math.floor(Date.now() / 1000);
      return signToken({ iss: url, aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims }, options);
    },
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    restart: () => new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    }),
  };
}

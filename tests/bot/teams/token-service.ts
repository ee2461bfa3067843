// A local stand-in for the Bot Framework's token service: an OpenID metadata document and its JWKS on
// 127.0.0.1, and RS256 tokens signed with its keys (signing here is test-only; the bot checks them with
// botbuilder). Counts every fetch, and can answer 503 to play an unreachable key endpoint.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  endorsements: string[];
}

export function signingKey(kid: string, endorsements: string[] = ['msteams']): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey, endorsements };
}

export class TokenService {
  readonly hits = { openid: 0, keys: 0 };
  /** 'failing': both documents answer 503. */
  mode: 'up' | 'failing' = 'up';
  origin = '';
  private server?: Server;

  constructor(readonly keys: SigningKey[]) {}

  /** ToBotFromChannelOpenIdMetadataUrl */
  get metadataUrl(): string {
    return `${this.origin}/.well-known/openidconfiguration`;
  }
  /** ToBotFromChannelTokenIssuer */
  get issuer(): string {
    return `${this.origin}/issuer`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const send = (status: number, body?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      if (req.url === '/.well-known/openidconfiguration') {
        this.hits.openid += 1;
        if (this.mode === 'failing') return send(503);
        return send(200, { issuer: this.issuer, jwks_uri: `${this.origin}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
      }
      if (req.url === '/keys') {
        this.hits.keys += 1;
        if (this.mode === 'failing') return send(503);
        return send(200, {
          keys: this.keys.map((k) => {
            const { n, e } = k.publicKey.export({ format: 'jwk' });
            return { kty: 'RSA', use: 'sig', kid: k.kid, n, e, x5t: k.kid, endorsements: k.endorsements };
          }),
        });
      }
      send(404);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  /**
   * A token as the channel signs it for `appId`. `claims` replace or add claims (undefined removes
   * one); `key` signs with another key under the same or another kid.
   */
  token(appId: string, serviceUrl: string, opts: { key?: KeyObject; kid?: string; claims?: Record<string, unknown> } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const payload: Record<string, unknown> = { iss: this.issuer, aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...opts.claims };
    for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
    return jwt.sign(payload, opts.key ?? this.keys[0]!.privateKey, { algorithm: 'RS256', keyid: opts.kid ?? this.keys[0]!.kid, noTimestamp: true });
  }
}

/** A loopback port nothing listens on (a key endpoint that cannot be reached). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

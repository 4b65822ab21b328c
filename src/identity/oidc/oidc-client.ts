import { Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { Clock } from '../../platform/clock/clock.js';

const METADATA_CACHE_MS = 10 * 60_000;

export interface BrokerClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface AuthorizationStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface AuthorizationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Why a broker's answer was refused; never carries a claim value. */
export class BrokerAnswerRefused extends Error {
  constructor(readonly reason: 'state' | 'token' | 'cancelled' | 'unreachable') {
    super(`The sign-in service's answer was refused (${reason})`);
  }
}

/**
 * openid-client for the authorization code flow with PKCE, state and nonce.
 * The library checks the ID token's signature, issuer, audience, expiry and
 * nonce, and the PKCE verifier goes with the code; the library reads the
 * time from the injectable clock. Plain http is allowed
 * only for a broker on this machine (the tests' local provider).
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger(OidcClient.name);
  private readonly metadata = new Map<string, { server: client.ServerMetadata; fetchedAt: number }>();

  constructor(private readonly clock: Clock) {}

  async start(broker: BrokerClient, parameters: { redirectUri: string; scope: string; acrValues?: string }): Promise<AuthorizationStart> {
    const config = await this.configuration(broker);
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: parameters.redirectUri,
      scope: parameters.scope,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      // A fresh authentication each time: a broker session left open on a shared computer is not enough.
      prompt: 'login',
      ...(parameters.acrValues ? { acr_values: parameters.acrValues } : {}),
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** The ID token's claims and the raw token, after the library's checks. */
  async finish(broker: BrokerClient, callbackUrl: URL, checks: AuthorizationChecks): Promise<client.IDToken> {
    if (callbackUrl.searchParams.has('error')) throw new BrokerAnswerRefused('cancelled');
    const config = await this.configuration(broker);
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new BrokerAnswerRefused('token');
      return claims;
    } catch (error) {
      if (error instanceof BrokerAnswerRefused) throw error;
      // Library errors may quote claim values in their cause: log the code only.
      const code = (error as { code?: string }).code;
      this.logger.warn({ code, issuer: broker.issuer }, 'broker answer refused');
      throw new BrokerAnswerRefused('token');
    }
  }

  /** The broker's sign-out address (RP-initiated logout), when it has one. */
  async endSessionUrl(broker: BrokerClient, postLogoutRedirectUri: string): Promise<string | undefined> {
    const config = await this.configuration(broker);
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, { post_logout_redirect_uri: postLogoutRedirectUri, client_id: broker.clientId }).href;
  }

  private async configuration(broker: BrokerClient): Promise<client.Configuration> {
    const metadata = {
      client_secret: broker.clientSecret,
      // The library's "now" is the application's clock.
      [client.clockSkew]: Math.round((this.clock.now().getTime() - Date.now()) / 1000),
    };
    const authentication = client.ClientSecretPost(broker.clientSecret);
    const cached = this.metadata.get(broker.issuer);
    let config: client.Configuration;
    if (cached && Date.now() - cached.fetchedAt < METADATA_CACHE_MS) {
      config = new client.Configuration(cached.server, broker.clientId, metadata, authentication);
      for (const setting of settings(broker.issuer)) setting(config);
    } else {
      try {
        config = await client.discovery(new URL(broker.issuer), broker.clientId, metadata, authentication, {
          execute: settings(broker.issuer),
        });
      } catch (error) {
        this.logger.warn({ code: (error as { code?: string }).code, issuer: broker.issuer }, 'broker discovery failed');
        throw new BrokerAnswerRefused('unreachable');
      }
      this.metadata.set(broker.issuer, { server: config.serverMetadata(), fetchedAt: Date.now() });
    }
    return config;
  }
}

/**
 * The ID token's signature is checked too (the library would otherwise trust
 * the TLS channel to the token endpoint alone).
 */
function settings(issuer: string): Array<(config: client.Configuration) => void> {
  return local(issuer) ? [client.enableNonRepudiationChecks, client.allowInsecureRequests] : [client.enableNonRepudiationChecks];
}

function local(issuer: string): boolean {
  const { protocol, hostname } = new URL(issuer);
  return protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]');
}

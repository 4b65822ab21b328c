/**
 * A real OpenID Connect provider (oidc-provider) on a local port, standing in
 * for a DigiD and an eHerkenning broker: a login page where the test (or the
 * browser) names the person, their KvK number and the level of assurance.
 * The token answer can be tampered with (claims changed and re-signed, or
 * signed with a foreign key) to test that Werkbrug refuses it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, decodeJwt, type JWTPayload } from 'jose';
import Provider, { type ClientMetadata } from 'oidc-provider';

export const DIGID_ACR = {
  basis: 'urn:nl:digid:loa:basis',
  midden: 'urn:nl:digid:loa:midden',
  substantieel: 'urn:nl:digid:loa:substantieel',
  hoog: 'urn:nl:digid:loa:hoog',
} as const;
export const EHERKENNING_ACR = {
  eh2: 'urn:etoegang:core:assurance-class:loa2',
  eh3: 'urn:etoegang:core:assurance-class:loa3',
  eh4: 'urn:etoegang:core:assurance-class:loa4',
} as const;

/** How Werkbrug maps the brokers' values onto low (1), substantial (2), high (3). */
export const DIGID_LEVELS = {
  [DIGID_ACR.basis]: 1,
  [DIGID_ACR.midden]: 2,
  [DIGID_ACR.substantieel]: 2,
  [DIGID_ACR.hoog]: 3,
};
export const EHERKENNING_LEVELS = { [EHERKENNING_ACR.eh2]: 1, [EHERKENNING_ACR.eh3]: 2, [EHERKENNING_ACR.eh4]: 3 };

export const DIGID_CLIENT = { clientId: 'werkbrug-digid', clientSecret: 'digid-client-secret-for-tests-only-0123456789' };
export const EHERKENNING_CLIENT = { clientId: 'werkbrug-eherkenning', clientSecret: 'eh-client-secret-for-tests-only-0123456789' };

/** How Werkbrug is configured for the DigiD-like service (participants, substantial at least). */
export function digidProvider(issuer: string, label = 'Inloggen met DigiD') {
  return {
    label,
    issuer,
    ...DIGID_CLIENT,
    scopes: 'openid',
    subjectClaim: 'sub',
    kvkClaim: null,
    assuranceLevels: DIGID_LEVELS,
    participantMinAssurance: 2,
    employerMinAssurance: null,
  };
}

/** How Werkbrug is configured for the eHerkenning-like service (employer users, EH3 at least, KvK checked). */
export function eherkenningProvider(issuer: string) {
  return {
    label: 'Inloggen met eHerkenning',
    issuer,
    ...EHERKENNING_CLIENT,
    scopes: 'openid kvk',
    subjectClaim: 'sub',
    kvkClaim: 'kvk',
    assuranceLevels: EHERKENNING_LEVELS,
    participantMinAssurance: null,
    employerMinAssurance: 2,
  };
}

export interface BrokerLogin {
  /** The identifier the broker returns (a BSN-like number or a pseudonym). */
  subject: string;
  acr: string;
  kvk?: string;
  email?: string;
}

export interface TestBroker {
  issuer: string;
  /** Changes the next token answers' ID token claims (re-signed with the provider's key), until cleared. */
  tamper: ((claims: JWTPayload) => JWTPayload) | undefined;
  /** Signs the next token answers' ID token with a key the provider never published. */
  foreignSignature: boolean;
  stop(): Promise<void>;
}

export async function startTestBroker(redirectUri: string, postLogoutRedirectUri: string): Promise<TestBroker> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'broker-1', alg: 'RS256', use: 'sig' };
  const foreign = (await generateKeyPair('RS256', { extractable: true })).privateKey;
  const accounts = new Map<string, BrokerLogin>();
  const client = (id: { clientId: string; clientSecret: string }): ClientMetadata => ({
    client_id: id.clientId,
    client_secret: id.clientSecret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [postLogoutRedirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  });

  const provider = new Provider(issuer, {
    clients: [client(DIGID_CLIENT), client(EHERKENNING_CLIENT)],
    jwks: { keys: [signingKey] },
    acrValues: [...Object.values(DIGID_ACR), ...Object.values(EHERKENNING_ACR)],
    claims: { openid: ['sub'], profile: ['name', 'email'], kvk: ['kvk'] },
    conformIdTokenClaims: false,
    cookies: { keys: ['test-broker-cookie-key'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 3600, Interaction: 600, Session: 3600 },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => {
        const login = accounts.get(id);
        return {
          sub: id,
          ...(login?.kvk ? { kvk: login.kvk } : {}),
          ...(login?.email ? { email: login.email, name: 'Test Persoon' } : {}),
        };
      },
    }),
    // No consent screen: the broker's clients are first-party here.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid profile kvk');
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();

  const broker: TestBroker = {
    issuer,
    tamper: undefined,
    foreignSignature: false,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const rewrite = async (body: string): Promise<string> => {
    const answer = JSON.parse(body) as { id_token?: string };
    if (!answer.id_token) return body;
    const claims = broker.tamper ? broker.tamper(decodeJwt(answer.id_token)) : decodeJwt(answer.id_token);
    answer.id_token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'broker-1', typ: 'JWT' })
      .sign(broker.foreignSignature ? foreign : privateKey);
    return JSON.stringify(answer);
  };

  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = new URL(request.url ?? '/', issuer);
    const interaction = /^\/interaction\/([\w-]+)$/.exec(url.pathname);
    if (interaction) {
      void handleInteraction(request, response, interaction[1]);
      return;
    }
    if (url.pathname === '/token' && (broker.tamper || broker.foreignSignature)) {
      const end = response.end.bind(response) as (chunk?: unknown) => http.ServerResponse;
      (response as unknown as { end: (chunk?: unknown) => void }).end = (chunk?: unknown) => {
        void rewrite(String(chunk ?? '')).then((body) => {
          response.removeHeader('content-length');
          end(body);
        });
      };
    }
    void callback(request, response);
  });

  async function handleInteraction(request: http.IncomingMessage, response: http.ServerResponse, uid: string): Promise<void> {
    try {
      if (request.method === 'GET') {
        await provider.interactionDetails(request, response);
        response.setHeader('Content-Type', 'text/html; charset=utf-8');
        response.end(loginPage(uid));
        return;
      }
      let raw = '';
      for await (const chunk of request) raw += String(chunk);
      const form = new URLSearchParams(raw);
      const login: BrokerLogin = {
        subject: form.get('subject') ?? '',
        acr: form.get('acr') ?? DIGID_ACR.basis,
        kvk: form.get('kvk') || undefined,
        email: form.get('email') || undefined,
      };
      accounts.set(login.subject, login);
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId: login.subject, acr: login.acr } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      response.statusCode = 400;
      response.end(String((error as Error).message));
    }
  }

  return broker;
}

function loginPage(uid: string): string {
  const options = Object.entries({ ...DIGID_ACR, ...EHERKENNING_ACR })
    .map(([name, value]) => `<option value="${value}">${name}</option>`)
    .join('');
  return `<!doctype html><html lang="nl"><head><title>Test-inlogdienst</title></head><body><main>
<h1>Test-inlogdienst</h1>
<form method="post" action="/interaction/${uid}">
<p><label for="subject">Gebruikersnaam</label> <input id="subject" name="subject" required></p>
<p><label for="kvk">KvK-nummer</label> <input id="kvk" name="kvk"></p>
<p><label for="acr">Niveau</label> <select id="acr" name="acr">${options}</select></p>
<p><button type="submit">Inloggen</button></p>
</form></main></body></html>`;
}

/** A minimal cookie jar for walking the broker's redirects outside a browser. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(setCookie: string[] | string | undefined): void {
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Walks the broker from its authorization address to the redirect back to
 * Werkbrug, logging in as `login`; answers that redirect's address.
 */
export async function loginAtBroker(authorizationUrl: string, login: BrokerLogin): Promise<URL> {
  const jar = new CookieJar();
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: jar.header() } });
    jar.store(response.headers.getSetCookie());
    return response;
  };
  let response = await go(authorizationUrl);
  let location = new URL(response.headers.get('location') ?? '', authorizationUrl);
  if (!location.pathname.startsWith('/interaction/')) throw new Error(`broker did not ask for a login: ${response.status}`);
  const body = new URLSearchParams({ subject: login.subject, acr: login.acr, kvk: login.kvk ?? '', email: login.email ?? '' });
  response = await go(location.href, {
    method: 'POST',
    body: body.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  for (let hop = 0; hop < 5; hop++) {
    location = new URL(response.headers.get('location') ?? '', location);
    if (!location.href.startsWith(new URL(authorizationUrl).origin)) return location;
    response = await go(location.href);
  }
  throw new Error('broker did not send the browser back');
}

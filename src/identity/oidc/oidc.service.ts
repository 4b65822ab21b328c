import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createHmac, hkdfSync } from 'node:crypto';
import { AuditService } from '../../audit/audit.service.js';
import { EmployersService } from '../../employers/employers.service.js';
import { OrganisationsService } from '../../organisations/organisations.service.js';
import type { Actor } from '../../platform/auth/actor.js';
import { ASSURANCE_LEVELS, type AssuranceLevel } from '../../platform/auth/assurance.js';
import { Clock } from '../../platform/clock/clock.js';
import { appConfig } from '../../platform/config/app.config.js';
import { identityConfig } from '../../platform/config/identity.config.js';
import { FieldEncryption } from '../../platform/crypto/field-encryption.js';
import { Transactions } from '../../platform/database/transactions.js';
import { type InvalidParam, InvalidInputException, NotFoundProblem, ProblemException } from '../../platform/http/problem.js';
import { AuthService } from '../auth.service.js';
import type { Membership, Role } from '../entities/membership.entity.js';
import { IdentityRepository } from '../identity.repository.js';
import { SessionService } from '../session.service.js';
import { BrokerAnswerRefused, type BrokerClient, OidcClient } from './oidc-client.js';
import { type LinkedIdentityRow, OidcRepository, type OidcProviderRow, type ProviderSummaryRow } from './oidc.repository.js';

/** How long a started sign-in may take at the broker. */
const PENDING_MINUTES = 10;
export const OIDC_CALLBACK_PATH = '/portal/oidc/callback';

export type OidcPurpose = 'sign-in' | 'link' | 'invitation' | 'step-up';

/** What the browser carries (encrypted, in a short-lived cookie) between the start and the broker's answer. */
interface PendingSignIn {
  providerId: string;
  purpose: OidcPurpose;
  state: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: number;
  /** For a link or step-up: the session that asked, so another browser's session cannot finish it. */
  sessionId?: string;
  invitationToken?: string;
  /** For a step-up: the level asked for (1-3), which the answer must reach. */
  level?: number;
  next?: string;
}

export type OidcFailureReason =
  | 'expired'
  | 'state'
  | 'token'
  | 'cancelled'
  | 'unreachable'
  | 'assurance'
  | 'not-linked'
  | 'kvk'
  | 'membership'
  | 'already-linked'
  | 'invitation';

/** A refused broker sign-in; the reason is a code, never a value from the broker. */
export class OidcSignInFailed extends ProblemException {
  constructor(readonly reason: OidcFailureReason) {
    super(HttpStatus.UNAUTHORIZED, 'oidc-sign-in-refused', `The sign-in through the broker was refused (${reason}).`);
  }
}

export interface BrokerSignedIn {
  token: string;
  role: Role;
  purpose: OidcPurpose;
  next?: string;
}

export interface ProviderButton {
  id: string;
  label: string;
}

/**
 * Sign-in through an OpenID Connect broker (DigiD for participants,
 * eHerkenning for employers). A broker identity is linked to a membership
 * only while signed in another way or through an invitation, never by e-mail
 * address; only a keyed hash of the broker's identifier is stored.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private readonly subjectKey: Buffer;

  constructor(
    private readonly providers: OidcRepository,
    private readonly identity: IdentityRepository,
    private readonly client: OidcClient,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
    private readonly organisations: OrganisationsService,
    private readonly employers: EmployersService,
    private readonly audit: AuditService,
    private readonly transactions: Transactions,
    private readonly encryption: FieldEncryption,
    private readonly clock: Clock,
    @Inject(identityConfig.KEY) config: ConfigType<typeof identityConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {
    this.subjectKey = Buffer.from(hkdfSync('sha256', config.secret, 'werkbrug', 'oidc-subject', 32));
  }

  /** For the deployment script (npm run oidc:add) or a test: the client secret is stored encrypted. */
  async addProvider(
    organisationId: string,
    input: Omit<OidcProviderRow, 'id' | 'organisationId' | 'clientSecret'> & { clientSecret: string },
  ): Promise<string> {
    const invalid: InvalidParam[] = [];
    if (!input.label.trim() || input.label.length > 100) invalid.push({ name: 'label', reason: 'must be 1 to 100 characters' });
    if (!brokerAddress(input.issuer)) invalid.push({ name: 'issuer', reason: 'must be an https address (http only on this machine)' });
    if (!input.clientId.trim() || !input.clientSecret) invalid.push({ name: 'clientId', reason: 'and the client secret are required' });
    if (!input.scopes.split(' ').includes('openid')) invalid.push({ name: 'scopes', reason: 'must include openid' });
    const levels = Object.values(input.assuranceLevels);
    if (levels.length === 0 || levels.some((level) => ![1, 2, 3].includes(level))) {
      invalid.push({ name: 'assuranceLevels', reason: 'must map each acr value to low (1), substantial (2) or high (3)' });
    }
    if (input.participantMinAssurance === null && input.employerMinAssurance === null) {
      invalid.push({ name: 'participantMinAssurance', reason: 'or employerMinAssurance is required: the service serves a role' });
    }
    if (input.employerMinAssurance !== null && !input.kvkClaim) {
      invalid.push({ name: 'kvkClaim', reason: 'is required for employers: their KvK number is checked' });
    }
    if (invalid.length > 0) throw new InvalidInputException(invalid);
    return this.providers.insertProvider({ ...input, organisationId, clientSecret: this.encryption.encrypt(input.clientSecret) });
  }

  /** The admin's way to add a provider to their own organisation: validated as addProvider does, and audited. */
  async addProviderAs(actor: Actor, input: Parameters<OidcService['addProvider']>[1]): Promise<string> {
    return this.transactions.run(async () => {
      const id = await this.addProvider(actor.organisationId, input);
      await this.audit.record(actor, { action: 'create', resourceType: 'oidc_provider', resourceId: id });
      return id;
    });
  }

  /** The organisation's providers for its admin, turned off ones included; never the client secret. */
  providersFor(actor: Actor): Promise<ProviderSummaryRow[]> {
    return this.providers.providerSummariesOf(actor.organisationId);
  }

  /** Turns one of the organisation's providers off (its button disappears, its links stay) or on again. */
  async setProviderActive(actor: Actor, id: string, active: boolean): Promise<void> {
    await this.transactions.run(async () => {
      const found = await this.providers.setProviderDisabled(id, actor.organisationId, active ? null : this.clock.now());
      if (!found) throw new NotFoundProblem('sign-in service');
      await this.audit.record(actor, { action: 'update', resourceType: 'oidc_provider', resourceId: id, fields: ['active'] });
    });
  }

  /** The buttons on the sign-in page of an organisation (by its slug); none for an unknown slug. */
  async buttonsForOrganisation(slug: string | undefined): Promise<ProviderButton[]> {
    if (!slug) return [];
    const organisationId = await this.organisations.idBySlug(slug);
    if (!organisationId) return [];
    return (await this.providers.providersOf(organisationId)).map(({ id, label }) => ({ id, label }));
  }

  /** The buttons on an invitation's page: the services of its organisation that serve the invited role. */
  async buttonsForInvitation(token: string): Promise<ProviderButton[]> {
    const invited = await this.auth.membershipForInvitation(token);
    if (!invited) return [];
    return (await this.providers.providersOf(invited.organisationId))
      .filter((provider) => minimumFor(provider, invited.role) !== undefined)
      .map(({ id, label }) => ({ id, label }));
  }

  /** Providers of the actor's organisation that serve the actor's role. */
  async buttonsFor(actor: Actor): Promise<ProviderButton[]> {
    return (await this.providers.providersOf(actor.organisationId))
      .filter((provider) => minimumFor(provider, actor.role) !== undefined)
      .map(({ id, label }) => ({ id, label }));
  }

  /** The broker's address to send the browser to, and the encrypted state for its cookie. */
  async start(
    providerId: string,
    purpose: OidcPurpose,
    options: { actor?: Actor; invitationToken?: string; next?: string; level?: AssuranceLevel } = {},
  ): Promise<{ url: string; pending: string }> {
    const provider = await this.providers.provider(providerId);
    if (!provider) throw new NotFoundProblem('sign-in service');
    let minimum = Math.min(...[provider.participantMinAssurance, provider.employerMinAssurance].filter((level) => level !== null));
    if (options.actor) {
      const forRole = minimumFor(provider, options.actor.role);
      if (provider.organisationId !== options.actor.organisationId || forRole === undefined) throw new NotFoundProblem('sign-in service');
      minimum = Math.max(forRole, options.level ? ASSURANCE_LEVELS[options.level] : 0);
    }
    const acrValues = Object.entries(provider.assuranceLevels)
      .filter(([, level]) => level >= minimum)
      .map(([acr]) => acr)
      .join(' ');
    const started = await this.client
      .start(this.brokerClient(provider), { redirectUri: this.callbackUrl(), scope: provider.scopes, acrValues: acrValues || undefined })
      .catch(async (error: unknown) => {
        if (!(error instanceof BrokerAnswerRefused)) throw error;
        await this.audit.recordSystem(provider.organisationId, {
          action: 'sign_in_failed',
          resourceType: 'oidc_provider',
          resourceId: provider.id,
          fields: [purpose, error.reason],
        });
        throw new OidcSignInFailed(error.reason);
      });
    const pending: PendingSignIn = {
      providerId,
      purpose,
      state: started.state,
      nonce: started.nonce,
      codeVerifier: started.codeVerifier,
      expiresAt: this.clock.now().getTime() + PENDING_MINUTES * 60_000,
      sessionId: options.actor?.sessionId,
      invitationToken: options.invitationToken,
      level: purpose === 'step-up' ? minimum : undefined,
      next: options.next,
    };
    return { url: started.url, pending: this.encryption.encrypt(JSON.stringify(pending)) };
  }

  /**
   * The broker's answer: `callbackUrl` is the full address the browser came
   * back on, `pendingCookie` what start() gave. Every outcome is audited.
   */
  async finish(pendingCookie: string | undefined, callbackUrl: URL, actor: Actor | undefined): Promise<BrokerSignedIn | { linked: true }> {
    const pending = this.readPending(pendingCookie);
    if (!pending) {
      // No organisation to audit it for: the browser's state is gone or was never there.
      this.logger.warn({ reason: 'expired' }, 'broker sign-in refused');
      throw new OidcSignInFailed('expired');
    }
    const provider = await this.providers.provider(pending.providerId);
    if (!provider) throw new OidcSignInFailed('expired');
    try {
      if ((pending.purpose === 'link' || pending.purpose === 'step-up') && actor?.sessionId !== pending.sessionId) {
        throw new OidcSignInFailed('expired');
      }
      if (callbackUrl.searchParams.get('state') !== pending.state && !callbackUrl.searchParams.has('error')) {
        throw new OidcSignInFailed('state');
      }
      let claims: Awaited<ReturnType<OidcClient['finish']>>;
      try {
        claims = await this.client.finish(this.brokerClient(provider), callbackUrl, pending);
      } catch (error) {
        if (error instanceof BrokerAnswerRefused) throw new OidcSignInFailed(error.reason);
        throw error;
      }
      const subject = claims[provider.subjectClaim];
      if (typeof subject !== 'string' || subject.length === 0) throw new OidcSignInFailed('token');
      const broker = {
        subjectHash: this.subjectHash(provider.id, subject),
        assurance: provider.assuranceLevels[String(claims.acr ?? '')] ?? 0,
        kvk: provider.kvkClaim ? claims[provider.kvkClaim] : undefined,
      };
      if (pending.purpose === 'link') return await this.link(provider, broker, actor!);
      if (pending.purpose === 'invitation') return await this.acceptInvitation(provider, broker, pending);
      return await this.signIn(provider, broker, pending, actor);
    } catch (error) {
      if (error instanceof OidcSignInFailed) {
        this.logger.warn({ reason: error.reason, providerId: provider.id, purpose: pending.purpose }, 'broker sign-in refused');
        await this.audit.recordSystem(provider.organisationId, {
          action: 'sign_in_failed',
          resourceType: 'oidc_provider',
          resourceId: provider.id,
          fields: [pending.purpose, error.reason],
        });
      }
      throw error;
    }
  }

  /** The linked sign-in methods of the signed-in person, and the services they could still link. */
  async methods(
    actor: Actor,
  ): Promise<{ linked: LinkedIdentityRow[]; available: ProviderButton[]; canUnlink: boolean; otherWays: boolean }> {
    const linked = await this.providers.identitiesOf(actor.membershipId);
    const available = (await this.buttonsFor(actor)).filter((button) => !linked.some((link) => link.providerId === button.id));
    const otherWays = await this.otherWays(actor);
    return { linked, available, canUnlink: linked.length + otherWays > 1, otherWays: otherWays > 0 };
  }

  /** Unlinks one broker identity; refused when it is the person's last way to sign in. */
  async unlink(actor: Actor, identityId: string): Promise<void> {
    await this.transactions.run(async () => {
      const linked = await this.providers.lockIdentitiesOf(actor.membershipId);
      if (!linked.includes(identityId)) throw new NotFoundProblem('sign-in method');
      if (linked.length + (await this.otherWays(actor)) <= 1) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'last-sign-in-method',
          'This is your only way to sign in, so it cannot be removed.',
        );
      }
      await this.providers.deleteIdentity(identityId, actor.membershipId);
      await this.audit.record(actor, {
        action: 'unlink',
        resourceType: 'oidc_identity',
        resourceId: identityId,
        subjectParticipantId: actor.participantId,
      });
    });
  }

  /** Ends the session; answers the broker it was signed in with, if any (to offer the sign-out there too). */
  async signOut(actor: Actor): Promise<string | undefined> {
    const providerId = await this.sessions.brokerOf(actor.sessionId);
    await this.sessions.revoke(actor.sessionId);
    if (providerId) await this.audit.record(actor, { action: 'sign_out', resourceType: 'session', resourceId: actor.sessionId });
    return providerId;
  }

  /** The broker's sign-out address (RP-initiated logout) and its label, when the broker has one. */
  async brokerSignOut(providerId: string): Promise<{ url: string; label: string } | undefined> {
    const provider = await this.providers.provider(providerId);
    if (!provider) return undefined;
    try {
      const url = await this.client.endSessionUrl(this.brokerClient(provider), `${this.app.publicUrl}/portal/sign-in`);
      return url ? { url, label: provider.label } : undefined;
    } catch (error) {
      if (error instanceof BrokerAnswerRefused) return undefined;
      throw error;
    }
  }

  private async signIn(provider: OidcProviderRow, broker: BrokerAnswer, pending: PendingSignIn, actor?: Actor): Promise<BrokerSignedIn> {
    const found = await this.providers.identityBySubject(provider.id, broker.subjectHash);
    if (!found) throw new OidcSignInFailed('not-linked');
    if (pending.purpose === 'step-up') {
      // A step-up raises the level of the same person's session; it never switches to another account.
      if (found.membershipId !== actor?.membershipId) throw new OidcSignInFailed('membership');
      if (broker.assurance < (pending.level ?? 0)) throw new OidcSignInFailed('assurance');
    }
    const membership = await this.identity.membership(found.membershipId);
    if (!membership || membership.status !== 'active') throw new OidcSignInFailed('membership');
    await this.assertAllowed(provider, broker, membership);
    await this.providers.touchIdentity(found.id, this.clock.now());
    return this.startSession(provider, broker, membership, pending);
  }

  private async link(provider: OidcProviderRow, broker: BrokerAnswer, actor: Actor): Promise<{ linked: true }> {
    const membership = await this.identity.membership(actor.membershipId);
    if (!membership || membership.status !== 'active') throw new OidcSignInFailed('membership');
    await this.assertAllowed(provider, broker, membership);
    await this.transactions.run(async () => {
      if (await this.providers.identityBySubject(provider.id, broker.subjectHash)) throw new OidcSignInFailed('already-linked');
      if ((await this.providers.identitiesOf(membership.id)).some((link) => link.providerId === provider.id)) {
        throw new OidcSignInFailed('already-linked');
      }
      const id = await this.providers.insertIdentity({
        organisationId: membership.organisationId,
        providerId: provider.id,
        userId: membership.userId,
        membershipId: membership.id,
        subjectHash: broker.subjectHash,
        now: this.clock.now(),
      });
      await this.audit.record(actor, {
        action: 'link',
        resourceType: 'oidc_identity',
        resourceId: id,
        subjectParticipantId: actor.participantId,
      });
    });
    return { linked: true };
  }

  /** The invitation carries the link: its membership gets the broker identity and becomes active. */
  private async acceptInvitation(provider: OidcProviderRow, broker: BrokerAnswer, pending: PendingSignIn): Promise<BrokerSignedIn> {
    const invited = pending.invitationToken ? await this.auth.membershipForInvitation(pending.invitationToken) : undefined;
    if (!invited || invited.organisationId !== provider.organisationId) throw new OidcSignInFailed('invitation');
    await this.assertAllowed(provider, broker, invited);
    if (await this.providers.identityBySubject(provider.id, broker.subjectHash)) throw new OidcSignInFailed('already-linked');
    const membership = await this.auth.acceptInvitationThroughBroker(pending.invitationToken!, async (accepted) => {
      const id = await this.providers.insertIdentity({
        organisationId: accepted.organisationId,
        providerId: provider.id,
        userId: accepted.userId,
        membershipId: accepted.id,
        subjectHash: broker.subjectHash,
        now: this.clock.now(),
      });
      await this.audit.record(asAuditActor(accepted), {
        action: 'link',
        resourceType: 'oidc_identity',
        resourceId: id,
        subjectParticipantId: accepted.participantId,
      });
    });
    return this.startSession(provider, broker, membership, pending);
  }

  /** The role is served by the provider at a high enough level, and an employer's KvK number matches. */
  private async assertAllowed(provider: OidcProviderRow, broker: BrokerAnswer, membership: Membership): Promise<void> {
    const minimum = minimumFor(provider, membership.role);
    if (minimum === undefined) throw new OidcSignInFailed('membership');
    if (broker.assurance < minimum) throw new OidcSignInFailed('assurance');
    if (membership.role === 'employer_user') {
      const employer = membership.employerId ? await this.employers.get(membership.employerId) : undefined;
      if (!employer?.kvkNumber || typeof broker.kvk !== 'string' || broker.kvk.trim() !== employer.kvkNumber) {
        throw new OidcSignInFailed('kvk');
      }
    }
  }

  private async startSession(
    provider: OidcProviderRow,
    broker: BrokerAnswer,
    membership: Membership,
    pending: PendingSignIn,
  ): Promise<BrokerSignedIn> {
    const { token, session } = await this.sessions.create(
      membership.userId,
      membership.id,
      broker.assurance >= ASSURANCE_LEVELS.substantial,
      {
        assurance: broker.assurance,
        providerId: provider.id,
      },
    );
    await this.audit.record(asAuditActor(membership), {
      action: 'sign_in',
      resourceType: 'session',
      resourceId: session.id,
      subjectParticipantId: membership.participantId,
      fields: ['oidc', pending.purpose],
    });
    return { token, role: membership.role, purpose: pending.purpose, next: pending.next };
  }

  /** Ways to sign in besides broker links: a password, or (participants) a link by e-mail. */
  private async otherWays(actor: Actor): Promise<number> {
    if (actor.role === 'participant') return 1;
    return (await this.auth.hasPassword(actor.userId)) ? 1 : 0;
  }

  private readPending(cookie: string | undefined): PendingSignIn | undefined {
    if (!cookie) return undefined;
    try {
      const pending = JSON.parse(this.encryption.decrypt(cookie) ?? '') as PendingSignIn;
      return pending.expiresAt > this.clock.now().getTime() ? pending : undefined;
    } catch {
      return undefined;
    }
  }

  private subjectHash(providerId: string, subject: string): Buffer {
    return createHmac('sha256', this.subjectKey).update(`${providerId}\0${subject}`).digest();
  }

  private brokerClient(provider: OidcProviderRow): BrokerClient {
    return { issuer: provider.issuer, clientId: provider.clientId, clientSecret: this.encryption.decrypt(provider.clientSecret) ?? '' };
  }

  private callbackUrl(): string {
    return `${this.app.publicUrl}${OIDC_CALLBACK_PATH}`;
  }
}

interface BrokerAnswer {
  subjectHash: Buffer;
  assurance: number;
  kvk: unknown;
}

function brokerAddress(issuer: string): boolean {
  try {
    const url = new URL(issuer);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

function minimumFor(provider: OidcProviderRow, role: Role): number | undefined {
  if (role === 'participant') return provider.participantMinAssurance ?? undefined;
  if (role === 'employer_user') return provider.employerMinAssurance ?? undefined;
  return undefined;
}

/** The person the entry is about acts themselves (a sign-in before any session exists). */
function asAuditActor(membership: Membership): Actor {
  return {
    userId: membership.userId,
    membershipId: membership.id,
    organisationId: membership.organisationId,
    role: membership.role,
    teamId: membership.teamId,
    employerId: membership.employerId,
    participantId: membership.participantId,
    sessionId: '',
    via: 'cookie',
    displayName: '',
    locale: 'nl',
  };
}

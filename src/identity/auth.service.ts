import { HttpStatus, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { Request } from 'express';
import type { Actor } from '../platform/auth/actor.js';
import { ACTOR_KEY } from '../platform/auth/current-actor.decorator.js';
import { ForbiddenProblem } from '../platform/auth/auth.guard.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { Clock } from '../platform/clock/clock.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { Transactions } from '../platform/database/transactions.js';
import { InvalidInputException, NotFoundProblem, ProblemException, RuleViolationException } from '../platform/http/problem.js';
import { appConfig } from '../platform/config/app.config.js';
import { identityConfig } from '../platform/config/identity.config.js';
import { MailService } from '../platform/mail/mail.service.js';
import { OnJob } from '../platform/queue/job-handler.decorator.js';
import { JobName } from '../platform/queue/queue.constants.js';
import { QueueService } from '../platform/queue/queue.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import type { CreateInvitationDto } from './dto/auth.dto.js';
import { type Membership, STAFF_ROLES, type Role } from './entities/membership.entity.js';
import type { OneTimeToken, OneTimeTokenPurpose } from './entities/one-time-token.entity.js';
import type { UserAccount } from './entities/user-account.entity.js';
import { IdentityRepository } from './identity.repository.js';
import { PasswordPolicy } from './password-policy.js';
import { SessionService } from './session.service.js';
import { LINK_NONCE_COOKIE } from './sign-in-cookies.js';
import { type SignInClient, SignInThrottle } from './sign-in-throttle.js';
import { hashToken, newRecoveryCode, newToken, recoveryCodeHash, sameHash } from './tokens.js';

/** How many recovery codes an account gets at a time. */
const RECOVERY_CODE_COUNT = 10;

export class InvalidCredentialsProblem extends ProblemException {
  constructor() {
    super(HttpStatus.UNAUTHORIZED, 'invalid-credentials', 'The e-mail address, password or code is not correct.');
  }
}

export class InvalidLinkProblem extends ProblemException {
  constructor() {
    super(HttpStatus.GONE, 'link-expired', 'This link has expired or was already used. Ask for a new one.');
  }
}

export class SecondFactorNeededProblem extends ProblemException {
  constructor() {
    super(HttpStatus.UNAUTHORIZED, 'second-factor-needed', 'Give the code from your authenticator app to sign in with this link.');
  }
}

/** A sign-in link opened in a browser other than the one that asked: it needs the code shown there. */
export class BrowserCodeNeededProblem extends ProblemException {
  constructor() {
    super(HttpStatus.UNAUTHORIZED, 'browser-code-needed', 'Give the code shown where this link was requested to sign in on this device.');
  }
}

/** The code given with a sign-in link is not the one shown where it was requested; `attemptsLeft` before the link is spent. */
export class WrongBrowserCodeProblem extends ProblemException {
  constructor(readonly attemptsLeft: number) {
    super(HttpStatus.UNAUTHORIZED, 'wrong-browser-code', 'This is not the code shown where the link was requested.', [
      { name: 'browserCode', reason: 'is not the code shown where the link was requested' },
    ]);
  }
}

/** Wrong codes a sign-in link takes before it is spent: three tries of a million codes. */
export const BROWSER_CODE_ATTEMPTS = 3;

/** A link or reset request, handled in a job: the request does the same work whether the address is known or not. */
export interface AccountLinkJob {
  /** The address, encrypted (FieldEncryption), so the queue holds no addresses in clear. */
  email: string;
  /** Hex hash of the nonce in the asking browser's cookie (sign-in links only). */
  browserNonceHash?: string;
}

export interface SignedIn {
  token: string;
  expiresAt: Date;
  sessionId: string;
  role: Role;
  secondFactorRequired: boolean;
  /** After a password sign-in: the device cookie that lets this browser past the per-account delay. */
  device?: string;
}

const WHO_MAY_INVITE: Record<Role, readonly Role[]> = {
  admin: ['admin', 'team_lead', 'jobcoach', 'employer_user', 'funder'],
  team_lead: ['participant'],
  jobcoach: ['participant'],
  employer_user: [],
  participant: [],
  funder: [],
};

@Injectable()
export class AuthService implements OnModuleInit {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly identity: IdentityRepository,
    private readonly transactions: Transactions,
    private readonly organisations: OrganisationsService,
    private readonly sessions: SessionService,
    private readonly passwords: PasswordPolicy,
    private readonly mail: MailService,
    private readonly encryption: FieldEncryption,
    private readonly policies: PolicyService,
    private readonly clock: Clock,
    private readonly queues: QueueService,
    private readonly throttle: SignInThrottle,
    @Inject(identityConfig.KEY) private readonly config: ConfigType<typeof identityConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  onModuleInit(): void {
    this.mail.onOwnMailLookup((request) => this.ownMail(request));
  }

  /**
   * For the local outbox: the participant sign-in links this browser asked for
   * (found through its link-nonce cookie: the demo's participant sign-in), and
   * for a signed-in person all mail to their address in their organisation.
   * Staff mail (reset links, staff sign-in links) is never found by browser:
   * only the organisation's admin or the signed-in person reads it.
   */
  private async ownMail(request: Request): Promise<{ dedupeKeys: string[]; recipient?: { organisationId: string; email: string } }> {
    const nonce = request.cookies?.[LINK_NONCE_COOKIE] as unknown;
    const since = new Date(this.clock.now().getTime() - 24 * 3_600_000);
    const hashes =
      typeof nonce === 'string' && nonce.length >= 20 ? await this.identity.participantLinkHashesForBrowser(hashToken(nonce), since) : [];
    const dedupeKeys = hashes.map((tokenHash) => `sign-in-link.${tokenHash.toString('hex')}`);
    const actor = (request as unknown as Record<string, unknown>)[ACTOR_KEY] as Actor | undefined;
    if (!actor) return { dedupeKeys };
    const account = await this.identity.account(actor.userId);
    return { dedupeKeys, recipient: { organisationId: actor.organisationId, email: account.email } };
  }

  /** `client` is throttled (SignInThrottle): too many wrong passwords from it, or for the account, answer 429. */
  async signInWithPassword(
    email: string,
    password: string,
    totpCode: string | undefined,
    organisationSlug: string | undefined,
    client: SignInClient,
  ): Promise<SignedIn> {
    await this.throttle.before(email, client);
    try {
      const signedIn = await this.checkPassword(email, password, totpCode, organisationSlug);
      return { ...signedIn, device: this.throttle.deviceCookie(email) };
    } catch (error) {
      if (error instanceof InvalidCredentialsProblem) await this.throttle.failed(email, client);
      throw error;
    }
  }

  private async checkPassword(email: string, password: string, totpCode?: string, organisationSlug?: string): Promise<SignedIn> {
    const user = await this.identity.activeAccountWithSecrets(normaliseEmail(email));
    const passwordOk = await this.passwords.verify(user?.passwordHash, password);
    if (!user || !passwordOk) throw new InvalidCredentialsProblem();
    const membership = await this.chooseMembership(user.id, organisationSlug, (role) => role !== 'participant');
    if (!membership) throw new InvalidCredentialsProblem();
    let secondFactor = false;
    if (user.totpEnabled) {
      if (!totpCode || !(await this.acceptSecondFactor(user.id, user.totpSecret, totpCode))) throw new InvalidCredentialsProblem();
      secondFactor = true;
    }
    return this.startSession(user.id, membership, secondFactor);
  }

  /**
   * Always succeeds from the caller's view and does the same work for every
   * address (one encryption, one hash, one job), so neither the answer nor its
   * timing tells which addresses have accounts. The job sends the link.
   */
  async requestMagicLink(email: string, browserNonce: string): Promise<void> {
    await this.enqueueAccountLink(JobName.SignInLink, email, browserNonce);
  }

  /** Like requestMagicLink: the same work for every address; the job sends the mail. */
  async requestPasswordReset(email: string): Promise<void> {
    await this.enqueueAccountLink(JobName.PasswordResetLink, email);
  }

  private async enqueueAccountLink(job: JobName, email: string, browserNonce?: string): Promise<void> {
    const data: AccountLinkJob = {
      email: this.encryption.encrypt(normaliseEmail(email))!,
      browserNonceHash: browserNonce ? hashToken(browserNonce).toString('hex') : undefined,
    };
    await this.queues.enqueue(job, data);
  }

  @OnJob(JobName.SignInLink)
  async sendMagicLink(data: AccountLinkJob): Promise<void> {
    const email = this.encryption.decrypt(data.email);
    const user = email ? await this.identity.activeAccount(email) : null;
    if (!user) return;
    const memberships = await this.identity.activeMembershipsOf(user.id);
    let membership: Membership | undefined;
    for (const candidate of memberships) {
      if (candidate.role === 'participant' || (await this.staffLinksAllowed(candidate))) {
        membership = candidate;
        break;
      }
    }
    if (!membership) return;
    const token = await this.issueToken(
      'magic_link',
      { userId: user.id, membershipId: membership.id, organisationId: membership.organisationId },
      this.config.magicLinkMinutes * 60_000,
      Buffer.from(data.browserNonceHash ?? '', 'hex'),
    );
    await this.mail.queue({
      organisationId: membership.organisationId,
      template: 'sign-in-link',
      locale: user.locale,
      to: user.email,
      context: { name: user.displayName, link: `${this.app.publicUrl}/portal/link?token=${token}`, minutes: this.config.magicLinkMinutes },
      dedupeKey: `sign-in-link.${hashToken(token).toString('hex')}`,
      aboutParticipantId: membership.participantId,
    });
  }

  /**
   * Someone with an authenticator app gives its code with the link too: a
   * link alone (a mailbox) is not enough to pass their second factor. Without
   * a (valid) code the link is not spent, so it can be tried again with one.
   */
  async redeemMagicLink(token: string, browserNonce: string | undefined, totpCode?: string, browserCode?: string): Promise<SignedIn> {
    let secondFactor = false;
    const record = await this.consumeToken(
      'magic_link',
      token,
      (found) => !!found.browserNonceHash?.length,
      async (found) => {
        await this.checkBrowser(found, browserNonce, browserCode);
        const user = await this.identity.accountWithTotpSecret(found.userId!);
        if (!user.totpEnabled) return;
        if (!totpCode || !(await this.acceptSecondFactor(user.id, user.totpSecret, totpCode))) throw new SecondFactorNeededProblem();
        secondFactor = true;
      },
    );
    const membership = await this.identity.membershipOrFail(record.membershipId!);
    if (membership.status !== 'active') throw new InvalidLinkProblem();
    return this.startSession(record.userId!, membership, secondFactor);
  }

  /**
   * The code that lets a sign-in link work in another browser (a phone's mail
   * app): six digits derived from the asking browser's nonce under APP_SECRET.
   * Only the asking browser is shown it, so a forwarded or leaked mail alone
   * still signs nobody in.
   */
  browserCode(browserNonce: string): string {
    return this.codeForNonceHash(hashToken(browserNonce));
  }

  private codeForNonceHash(nonceHash: Buffer): string {
    const mac = createHmac('sha256', this.config.secret).update('sign-in-link-code:').update(nonceHash).digest();
    return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
  }

  /** The link was opened in the browser that asked, or with the code shown there; wrong codes are counted and spend the link. */
  private async checkBrowser(found: OneTimeToken, browserNonce: string | undefined, browserCode: string | undefined): Promise<void> {
    if (browserNonce && sameHash(found.browserNonceHash, hashToken(browserNonce))) return;
    const given = browserCode?.replace(/\s/g, '');
    if (!given) throw new BrowserCodeNeededProblem();
    const expected = this.codeForNonceHash(found.browserNonceHash!);
    if (given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return;
    const attempts = await this.identity.countWrongCode(found.id);
    if (attempts >= BROWSER_CODE_ATTEMPTS) {
      await this.identity.spendToken(found.id, this.clock.now());
      throw new InvalidLinkProblem();
    }
    throw new WrongBrowserCodeProblem(BROWSER_CODE_ATTEMPTS - attempts);
  }

  @OnJob(JobName.PasswordResetLink)
  async sendPasswordReset(data: AccountLinkJob): Promise<void> {
    const email = this.encryption.decrypt(data.email);
    const user = email ? await this.identity.activeAccount(email) : null;
    if (!user) return;
    const membership = await this.chooseMembership(user.id, undefined, (role) => role !== 'participant');
    if (!membership) return;
    const token = await this.issueToken(
      'password_reset',
      { userId: user.id, membershipId: membership.id, organisationId: membership.organisationId },
      this.config.passwordResetMinutes * 60_000,
    );
    await this.mail.queue({
      organisationId: membership.organisationId,
      template: 'password-reset',
      locale: user.locale,
      to: user.email,
      context: {
        name: user.displayName,
        link: `${this.app.publicUrl}/portal/new-password?token=${token}`,
        minutes: this.config.passwordResetMinutes,
      },
      dedupeKey: `password-reset.${hashToken(token).toString('hex')}`,
      aboutParticipantId: membership.participantId,
    });
  }

  async resetPassword(token: string, password: string): Promise<void> {
    const userId = await this.transactions.run(async () => {
      const record = await this.consumeToken(
        'password_reset',
        token,
        () => true,
        (found) => this.assertStrong(password, found.userId!),
      );
      await this.setPassword(record.userId!, password);
      return record.userId!;
    });
    // A reset is often the answer to a stolen password: end every session.
    await this.sessions.revokeAllForUser(userId);
  }

  /** `mailId` is the invitation mail in the outbox (the organisation set-up script prints its link). */
  async invite(actor: Actor, input: CreateInvitationDto): Promise<{ membershipId: string; expiresAt: Date; mailId: string }> {
    if (!WHO_MAY_INVITE[actor.role].includes(input.role)) throw new ForbiddenProblem(`Your role cannot invite a ${input.role}.`);
    await this.assertInvitationTargets(actor, input);
    const email = normaliseEmail(input.email);
    const { membership, user } = await this.transactions.run(async () => {
      await this.identity.lockAddress(email);
      const user =
        (await this.identity.accountByEmail(email)) ??
        (await this.identity.createAccount({ email, displayName: input.displayName, locale: input.locale ?? 'nl' }));
      const existing = await this.identity.membershipOf(actor.organisationId, user.id);
      if (existing && existing.status !== 'invited') {
        throw new ProblemException(HttpStatus.CONFLICT, 'already-member', 'This person already has an account in your organisation.');
      }
      const values = {
        organisationId: actor.organisationId,
        userId: user.id,
        role: input.role,
        teamId: input.teamId ?? null,
        employerId: input.role === 'employer_user' ? input.employerId! : null,
        participantId: input.role === 'participant' ? input.participantId! : null,
        funderId: input.role === 'funder' ? input.funderId! : null,
        status: 'invited' as const,
      };
      const membership = await this.identity.saveMembership(existing ? { ...existing, ...values } : values);
      return { membership, user };
    });
    const lifetime = this.config.invitationDays * 24 * 3_600_000;
    const token = await this.issueToken(
      'invitation',
      { userId: user.id, membershipId: membership.id, organisationId: actor.organisationId },
      lifetime,
    );
    const organisation = await this.organisations.organisation(actor.organisationId);
    const mailId = await this.mail.queue({
      organisationId: actor.organisationId,
      template: 'invitation',
      locale: user.locale,
      to: user.email,
      aboutParticipantId: membership.participantId,
      context: {
        name: user.displayName,
        inviter: actor.displayName,
        organisation: organisation.name,
        link: `${this.app.publicUrl}/portal/invitation?token=${token}`,
        days: this.config.invitationDays,
        needsPassword: input.role !== 'participant',
      },
      dedupeKey: `invitation.${hashToken(token).toString('hex')}`,
    });
    return { membershipId: membership.id, expiresAt: new Date(this.clock.now().getTime() + lifetime), mailId };
  }

  /** A new invitation mail for a membership that was invited and not accepted yet; the earlier link keeps working until it expires. */
  async resendInvitation(actor: Actor, membershipId: string): Promise<{ membershipId: string; expiresAt: Date; mailId: string }> {
    const membership = await this.identity.membershipWithAccount(membershipId);
    if (!membership || membership.organisationId !== actor.organisationId) throw new NotFoundProblem('membership');
    if (membership.status !== 'invited') throw new RuleViolationException('membership', 'has accepted the invitation already');
    return this.invite(actor, {
      email: membership.user!.email,
      displayName: membership.user!.displayName,
      role: membership.role,
      teamId: membership.teamId ?? undefined,
      employerId: membership.employerId ?? undefined,
      participantId: membership.participantId ?? undefined,
      funderId: membership.funderId ?? undefined,
      locale: membership.user!.locale,
    });
  }

  /**
   * For the demo data only: an active account with its membership, without an
   * invitation or any mail. Staff and employer users sign in with `password`;
   * participants get none (they sign in by link). The published demo password
   * skips the strength rules on purpose. Joins the open transaction.
   */
  async seedDemoAccount(
    organisationId: string,
    input: {
      email: string;
      displayName: string;
      role: Role;
      password: string | null;
      phone?: string;
      teamId?: string | null;
      employerId?: string | null;
      participantId?: string | null;
      funderId?: string | null;
    },
  ): Promise<{ userId: string; membershipId: string }> {
    const passwordHash = input.password === null ? null : await this.passwords.hash(input.password);
    return this.transactions.run(async () => {
      const user = await this.identity.createAccount({
        email: normaliseEmail(input.email),
        displayName: input.displayName,
        locale: 'nl',
        passwordHash,
        phone: input.phone ?? null,
      });
      const membership = await this.identity.saveMembership({
        organisationId,
        userId: user.id,
        role: input.role,
        teamId: input.teamId ?? null,
        employerId: input.employerId ?? null,
        participantId: input.participantId ?? null,
        funderId: input.funderId ?? null,
        status: 'active',
      });
      return { userId: user.id, membershipId: membership.id };
    });
  }

  async acceptInvitation(token: string, password: string | undefined): Promise<SignedIn> {
    const membership = await this.transactions.run(async () => {
      const record = await this.consumeToken(
        'invitation',
        token,
        () => true,
        async (found) => {
          const pending = await this.invitedMembership(found);
          if (pending.role !== 'participant') {
            if (!password) throw new InvalidInputException([{ name: 'password', reason: 'is required to set up your account' }]);
            await this.assertStrong(password, found.userId!);
          }
        },
      );
      const found = await this.invitedMembership(record);
      if (found.role !== 'participant' && password) await this.setPassword(found.userId, password);
      await this.identity.updateMembership(found.id, { status: 'active' });
      return { ...found, status: 'active' as const };
    });
    return this.startSession(membership.userId, membership, false);
  }

  /**
   * The enrolment the person started and did not confirm yet, or a new one:
   * the setup page shows the same secret again when it is reloaded, so a code
   * from an app that already scanned it still works.
   */
  async pendingTotpEnrolment(actor: Actor): Promise<{ secret: string; otpauthUrl: string } | undefined> {
    const user = await this.identity.accountWithTotpSecret(actor.userId);
    if (user.totpEnabled) return undefined;
    const secret = this.encryption.decrypt(user.totpSecret);
    if (!secret) return this.startTotpEnrolment(actor);
    const totp = new OTPAuth.TOTP({ issuer: 'Werkbrug', label: user.email, secret: OTPAuth.Secret.fromBase32(secret) });
    return { secret, otpauthUrl: totp.toString() };
  }

  /** Whether a sign-in link can still be used (not spent, not expired): a page says so before anyone types a code. */
  async isUsableMagicLink(token: string): Promise<boolean> {
    if (token.length < 20) return false;
    return (await this.identity.usableToken('magic_link', hashToken(token), this.clock.now())) !== null;
  }

  /** The invited membership behind an unused invitation, to check a broker's answer against before accepting it. */
  async membershipForInvitation(token: string): Promise<Membership | undefined> {
    if (token.length < 20) return undefined;
    const found = await this.identity.usableToken('invitation', hashToken(token), this.clock.now());
    const membership = found?.membershipId ? await this.identity.membership(found.membershipId) : null;
    return membership?.status === 'invited' ? membership : undefined;
  }

  /**
   * Accepts an invitation whose person proved who they are at a broker: no
   * password is set; `link` records the broker identity in the same transaction.
   */
  async acceptInvitationThroughBroker(token: string, link: (membership: Membership) => Promise<void>): Promise<Membership> {
    return this.transactions.run(async () => {
      const record = await this.consumeToken('invitation', token, () => true);
      const found = await this.invitedMembership(record);
      if (found.status !== 'invited') throw new InvalidLinkProblem();
      await this.identity.updateMembership(found.id, { status: 'active' });
      const membership = { ...found, status: 'active' as const };
      await link(membership);
      return membership;
    });
  }

  /** Whether the account can sign in with a password (so a broker link is not its only way in). */
  async hasPassword(userId: string): Promise<boolean> {
    return this.identity.hasPassword(userId);
  }

  async startTotpEnrolment(actor: Actor): Promise<{ secret: string; otpauthUrl: string }> {
    const user = await this.identity.account(actor.userId);
    if (user.totpEnabled) throw new ProblemException(HttpStatus.CONFLICT, 'totp-already-enabled', 'Two-factor sign-in is already on.');
    const secret = new OTPAuth.Secret({ size: 20 });
    await this.identity.updateAccount(user.id, { totpSecret: this.encryption.encrypt(secret.base32) });
    const totp = new OTPAuth.TOTP({ issuer: 'Werkbrug', label: user.email, secret });
    return { secret: secret.base32, otpauthUrl: totp.toString() };
  }

  async confirmTotp(actor: Actor, code: string): Promise<void> {
    const user = await this.identity.accountWithTotpSecret(actor.userId);
    if (!user.totpSecret) throw new RuleViolationException('code', 'start the enrolment first');
    if (!(await this.acceptTotp(user.id, user.totpSecret, code))) {
      throw new InvalidInputException([{ name: 'code', reason: 'is not the current code' }]);
    }
    await this.transactions.run(async () => {
      await this.identity.updateAccount(user.id, { totpEnabled: true });
      // Kept readable until the person has seen them once (revealRecoveryCodes).
      await this.replaceRecoveryCodes(user.id, true);
    });
    await this.sessions.markSecondFactor(actor.sessionId);
  }

  /** New recovery codes for an account with two-factor sign-in on; the old ones stop working. */
  async newRecoveryCodes(actor: Actor, options: { showLater: boolean }): Promise<string[]> {
    const user = await this.identity.account(actor.userId);
    if (!user.totpEnabled) throw new RuleViolationException('code', 'turn two-factor sign-in on first');
    return this.transactions.run(() => this.replaceRecoveryCodes(user.id, options.showLater));
  }

  /** The recovery codes made with the last confirmation that were not shown yet; each is shown only this once. */
  async revealRecoveryCodes(actor: Actor): Promise<string[]> {
    const encrypted = await this.transactions.run(() => this.identity.revealRecoveryCodes(actor.userId));
    return encrypted.map((code) => this.encryption.decrypt(code)).filter((code): code is string => !!code);
  }

  /** Whether two-factor sign-in is on, and how many recovery codes are left. */
  async twoFactorStatus(actor: Actor): Promise<{ enabled: boolean; recoveryCodesLeft: number }> {
    const user = await this.identity.account(actor.userId);
    return { enabled: user.totpEnabled, recoveryCodesLeft: user.totpEnabled ? await this.identity.unusedRecoveryCodeCount(user.id) : 0 };
  }

  private async replaceRecoveryCodes(userId: string, showLater: boolean): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
    await this.identity.replaceRecoveryCodes(
      userId,
      codes.map((code) => ({ hash: recoveryCodeHash(code), encrypted: showLater ? this.encryption.encrypt(code) : null })),
    );
    return codes;
  }

  /** The app's six digits, or else one unused recovery code, which is spent. */
  private async acceptSecondFactor(userId: string, encryptedSecret: string | null, code: string): Promise<boolean> {
    if (/^\d{6}$/.test(code)) return this.acceptTotp(userId, encryptedSecret, code);
    return this.identity.spendRecoveryCode(userId, recoveryCodeHash(code), this.clock.now());
  }

  /** The signed-in person's own account (never the password hash or TOTP secret). */
  account(userId: string): Promise<UserAccount> {
    return this.identity.account(userId);
  }

  async setLocale(userId: string, locale: 'nl' | 'en'): Promise<void> {
    await this.identity.setLocale(userId, locale);
  }

  /** The role an unused invitation is for, to show the right form; undefined when the token is unknown or used. */
  async invitationRole(token: string): Promise<Role | undefined> {
    if (token.length < 20) return undefined;
    const found = await this.identity.tokenByHash('invitation', hashToken(token));
    if (!found || found.usedAt || !found.membershipId) return undefined;
    return (await this.identity.membership(found.membershipId))?.role;
  }

  /** A valid code counts once: its time step is remembered, and that step and older ones are refused from then on. */
  private async acceptTotp(userId: string, encryptedSecret: string | null, code: string): Promise<boolean> {
    const secret = this.encryption.decrypt(encryptedSecret);
    if (!secret) return false;
    const totp = new OTPAuth.TOTP({ issuer: 'Werkbrug', secret: OTPAuth.Secret.fromBase32(secret) });
    const timestamp = this.clock.now().getTime();
    const delta = totp.validate({ token: code, timestamp, window: 1 });
    if (delta === null) return false;
    return this.identity.acceptTotpStep(userId, totp.counter({ timestamp }) + delta);
  }

  /** A new password makes every reset link of the account worthless, used or not, older or newer. */
  private async setPassword(userId: string, password: string): Promise<void> {
    await this.identity.updateAccount(userId, { passwordHash: await this.passwords.hash(password) });
    await this.identity.spendTokensOfAccount('password_reset', userId, this.clock.now());
  }

  private async startSession(userId: string, membership: Membership, secondFactor: boolean): Promise<SignedIn> {
    const { token, session } = await this.sessions.create(userId, membership.id, secondFactor);
    return {
      token,
      expiresAt: session.expiresAt,
      sessionId: session.id,
      role: membership.role,
      secondFactorRequired: membership.role === 'admin' && !secondFactor,
    };
  }

  private async chooseMembership(
    userId: string,
    organisationSlug: string | undefined,
    allowed: (role: Role) => boolean,
  ): Promise<Membership | undefined> {
    const memberships = await this.identity.activeMembershipsWithSlug(userId, organisationSlug);
    return memberships.find((membership) => allowed(membership.role));
  }

  private async staffLinksAllowed(membership: Membership): Promise<boolean> {
    if (!STAFF_ROLES.includes(membership.role) || membership.role === 'admin') return false;
    return this.organisations.staffMagicLinkAllowed(membership.organisationId);
  }

  /** The membership an invitation or link was issued for (an EntityNotFound, so a 404, if it has gone since). */
  private async invitedMembership(token: OneTimeToken): Promise<Membership> {
    return this.identity.membershipOrFail(token.membershipId!);
  }

  private async assertStrong(password: string, userId: string): Promise<void> {
    const user = await this.identity.account(userId);
    const weakness = this.passwords.weakness(password, [user.email, user.displayName, 'werkbrug']);
    if (weakness) throw new InvalidInputException([{ name: 'password', reason: weakness }]);
  }

  private async assertInvitationTargets(actor: Actor, input: CreateInvitationDto): Promise<void> {
    const missing = (name: string) => new InvalidInputException([{ name, reason: `is required for role ${input.role}` }]);
    if (input.role === 'employer_user') {
      if (!input.employerId) throw missing('employerId');
      // An admin (the only role inviting employer users) may access exactly the employers of the organisation.
      if (!(await this.policies.canAccess(actor, 'employer', input.employerId))) throw new NotFoundProblem('employer');
    }
    if (input.role === 'participant') {
      if (!input.participantId) throw missing('participantId');
      if (!(await this.policies.canAccess(actor, 'participant', input.participantId))) throw new NotFoundProblem('participant');
    }
    if (input.role === 'funder') {
      if (!input.funderId) throw missing('funderId');
      if (!(await this.organisations.funder(actor.organisationId, input.funderId))) throw new NotFoundProblem('funder');
    }
    if (input.teamId) {
      if (!(await this.organisations.teamExists(actor.organisationId, input.teamId))) throw new NotFoundProblem('team');
    }
  }

  private async issueToken(
    purpose: OneTimeTokenPurpose,
    subject: { userId: string; membershipId: string; organisationId: string },
    lifetimeMs: number,
    browserNonceHash?: Buffer,
  ): Promise<string> {
    const token = newToken();
    await this.identity.insertToken({
      purpose,
      tokenHash: hashToken(token),
      ...subject,
      browserNonceHash: browserNonceHash ?? null,
      expiresAt: new Date(this.clock.now().getTime() + lifetimeMs),
    });
    return token;
  }

  /**
   * Marks the token used in one statement, so two concurrent redemptions
   * cannot both succeed. `check` runs on the found token first (browser binding);
   * `before` runs inside the transaction before the token is spent (input checks).
   */
  private async consumeToken(
    purpose: OneTimeTokenPurpose,
    token: string,
    check: (found: OneTimeToken) => boolean,
    before?: (found: OneTimeToken) => Promise<void>,
  ): Promise<OneTimeToken> {
    const found = await this.identity.usableToken(purpose, hashToken(token), this.clock.now());
    if (!found || !check(found)) throw new InvalidLinkProblem();
    if (before) await before(found);
    if (!(await this.identity.spendToken(found.id, this.clock.now()))) throw new InvalidLinkProblem();
    this.logger.debug({ purpose, tokenId: found.id }, 'one-time token used');
    return found;
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import type { SqlCondition } from '../platform/auth/policy.service.js';
import { ChecksResourceAccess, type ResourceAccessReader } from '../platform/auth/resource-access.js';
import { affectedRows, TableRepository } from '../platform/database/transactions.js';
import { Membership, type MembershipStatus, type Role } from './entities/membership.entity.js';
import { OneTimeToken, type OneTimeTokenPurpose } from './entities/one-time-token.entity.js';
import { UserAccount } from './entities/user-account.entity.js';

/** A membership with the name, address and language of its account: what a mail or a page needs about a person. */
export interface RecipientRow {
  membership_id: string;
  user_id: string;
  organisation_id: string;
  role: Role;
  status: MembershipStatus;
  team_id: string | null;
  absent_until: string | null;
  email: string;
  display_name: string;
  locale: 'nl' | 'en';
  phone: string | null;
}

export interface AccountRow {
  email: string;
  display_name: string;
  locale: string;
  phone: string | null;
  created_at: Date;
  disabled_at: Date | null;
}

/** Every statement on user_account, membership, one_time_token and totp_recovery_code. */
@Injectable()
@ChecksResourceAccess('membership')
export class IdentityRepository extends TableRepository implements ResourceAccessReader {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  // user_account

  /** With the password hash and TOTP secret, which ordinary reads leave out. */
  activeAccountWithSecrets(email: string): Promise<UserAccount | null> {
    return this.manager
      .getRepository(UserAccount)
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.totpSecret'])
      .where('u.email = :email AND u.disabled_at IS NULL', { email })
      .getOne();
  }

  activeAccount(email: string): Promise<UserAccount | null> {
    return this.manager.getRepository(UserAccount).findOneBy({ email, disabledAt: IsNull() });
  }

  account(id: string): Promise<UserAccount> {
    return this.manager.getRepository(UserAccount).findOneByOrFail({ id });
  }

  accountWithTotpSecret(id: string): Promise<UserAccount> {
    return this.manager
      .getRepository(UserAccount)
      .createQueryBuilder('u')
      .addSelect('u.totpSecret')
      .where('u.id = :id', { id })
      .getOneOrFail();
  }

  async hasPassword(id: string): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM user_account WHERE id = $1 AND password_hash IS NOT NULL', [id]);
    return rows.length > 0;
  }

  accountByEmail(email: string): Promise<UserAccount | null> {
    return this.manager.getRepository(UserAccount).findOneBy({ email });
  }

  createAccount(values: {
    email: string;
    displayName: string;
    locale: 'nl' | 'en';
    passwordHash?: string | null;
    phone?: string | null;
  }): Promise<UserAccount> {
    return this.manager.getRepository(UserAccount).save(values);
  }

  async updateAccount(id: string, changes: Partial<Pick<UserAccount, 'passwordHash' | 'totpSecret' | 'totpEnabled'>>): Promise<void> {
    await this.manager.getRepository(UserAccount).update({ id }, changes);
  }

  async setLocale(userId: string, locale: 'nl' | 'en'): Promise<void> {
    await this.query('UPDATE user_account SET locale = $2 WHERE id = $1', [userId, locale]);
  }

  /** Serialises invitations of one address, so two at once do not both create the account. */
  async lockAddress(email: string): Promise<void> {
    await this.query('SELECT pg_advisory_xact_lock(hashtext($1))', [email]);
  }

  // membership

  membership(id: string): Promise<Membership | null> {
    return this.manager.getRepository(Membership).findOneBy({ id });
  }

  membershipOrFail(id: string): Promise<Membership> {
    return this.manager.getRepository(Membership).findOneByOrFail({ id });
  }

  membershipWithAccount(id: string): Promise<Membership | null> {
    return this.manager.getRepository(Membership).findOne({ where: { id }, relations: { user: true } });
  }

  membershipIn(organisationId: string, id: string): Promise<Membership | null> {
    return this.manager.getRepository(Membership).findOneBy({ id, organisationId });
  }

  /** The membership in the organisation of the account with this (lower-case) address. */
  async membershipByEmail(organisationId: string, email: string): Promise<Pick<Membership, 'id' | 'role' | 'status'> | undefined> {
    const [row] = await this.query<Pick<Membership, 'id' | 'role' | 'status'>>(
      `SELECT m.id, m.role, m.status FROM membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.organisation_id = $1 AND lower(u.email) = $2`,
      [organisationId, email],
    );
    return row;
  }

  membershipOf(organisationId: string, userId: string): Promise<Membership | null> {
    return this.manager.getRepository(Membership).findOneBy({ organisationId, userId });
  }

  activeMembershipsOf(userId: string): Promise<Membership[]> {
    return this.manager.getRepository(Membership).findBy({ userId, status: 'active' });
  }

  /** Oldest first, optionally only in the organisation with this slug. Reads organisation (organisations) for the slug. */
  activeMembershipsWithSlug(userId: string, organisationSlug: string | undefined): Promise<Membership[]> {
    const query = this.manager
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoin('organisation', 'o', 'o.id = m.organisation_id')
      .where("m.user_id = :userId AND m.status = 'active'", { userId })
      .orderBy('m.created_at');
    if (organisationSlug) query.andWhere('o.slug = :slug', { slug: organisationSlug });
    return query.getMany();
  }

  saveMembership(values: Partial<Membership>): Promise<Membership> {
    return this.manager.getRepository(Membership).save(values);
  }

  async updateMembership(id: string, changes: Partial<Pick<Membership, 'role' | 'status' | 'teamId' | 'absentUntil'>>): Promise<void> {
    await this.manager.getRepository(Membership).update({ id }, changes);
  }

  /** Non-participant memberships within a scope condition on `m` (PolicyService.membershipScope), by name. */
  async memberCounts(organisationId: string): Promise<{ active: number; invited: number }> {
    const [counts] = await this.query<{ active: number; invited: number }>(
      `SELECT (SELECT count(*) FROM membership WHERE organisation_id = $1 AND status = 'active' AND role <> 'participant')::int AS active,
              (SELECT count(*) FROM membership WHERE organisation_id = $1 AND status = 'invited')::int AS invited`,
      [organisationId],
    );
    return counts!;
  }

  staffMembershipsWithAccounts(scope: { sql: string; params: Record<string, unknown> }): Promise<Membership[]> {
    return this.manager
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .where(scope.sql, scope.params)
      .andWhere("m.role <> 'participant'")
      .orderBy('u.display_name')
      .limit(1000)
      .getMany();
  }

  recipients(membershipIds: string[]): Promise<RecipientRow[]> {
    return this.query<RecipientRow>(
      `SELECT m.id AS membership_id, m.user_id, m.organisation_id, m.role, m.status, m.team_id,
              to_char(m.absent_until, 'YYYY-MM-DD') AS absent_until, u.email, u.display_name, u.locale, u.phone
         FROM membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.id = ANY($1::uuid[])`,
      [membershipIds],
    );
  }

  /** Active team leads of the teams, oldest membership first. */
  teamLeads(organisationId: string, teamIds: string[]): Promise<RecipientRow[]> {
    return this.query<RecipientRow>(
      `SELECT m.id AS membership_id, m.user_id, m.organisation_id, m.role, m.status, m.team_id,
              to_char(m.absent_until, 'YYYY-MM-DD') AS absent_until, u.email, u.display_name, u.locale, u.phone
         FROM membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.organisation_id = $1 AND m.team_id = ANY($2::uuid[]) AND m.role = 'team_lead' AND m.status = 'active'
        ORDER BY m.created_at, m.id`,
      [organisationId, teamIds],
    );
  }

  /** The active employer users of one employer in the organisation. */
  employerUsers(organisationId: string, employerId: string): Promise<RecipientRow[]> {
    return this.query<RecipientRow>(
      `SELECT m.id AS membership_id, m.user_id, m.organisation_id, m.role, m.status, m.team_id,
              to_char(m.absent_until, 'YYYY-MM-DD') AS absent_until, u.email, u.display_name, u.locale, u.phone
         FROM membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.organisation_id = $1 AND m.employer_id = $2 AND m.role = 'employer_user' AND m.status = 'active'
        ORDER BY m.created_at, m.id`,
      [organisationId, employerId],
    );
  }

  /** The participant's own membership in the organisation with its account, if they have one. */
  async participantRecipient(participantId: string, organisationId: string): Promise<RecipientRow | undefined> {
    const [row] = await this.query<RecipientRow>(
      `SELECT m.id AS membership_id, m.user_id, m.organisation_id, m.role, m.status, m.team_id,
              to_char(m.absent_until, 'YYYY-MM-DD') AS absent_until, u.email, u.display_name, u.locale, u.phone
         FROM membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.participant_id = $1 AND m.organisation_id = $2`,
      [participantId, organisationId],
    );
    return row;
  }

  async participantAccount(participantId: string, organisationId: string): Promise<AccountRow | undefined> {
    const [row] = await this.query<AccountRow>(
      `SELECT u.email, u.display_name, u.locale, u.phone, u.created_at, u.disabled_at
           FROM membership m JOIN user_account u ON u.id = m.user_id
          WHERE m.participant_id = $1 AND m.organisation_id = $2`,
      [participantId, organisationId],
    );
    return row;
  }

  membershipsOfUserIn(
    userId: string,
    organisationId: string,
  ): Promise<Array<{ id: string; role: string; status: string; created_at: Date }>> {
    return this.query(
      'SELECT id, role, status, created_at FROM membership WHERE user_id = $1 AND organisation_id = $2 ORDER BY created_at',
      [userId, organisationId],
    );
  }

  // erasure of a participant's account

  async lockParticipantMembership(
    participantId: string,
    organisationId: string,
  ): Promise<{ id: string; user_id: string; email: string } | undefined> {
    const [membership] = await this.query<{ id: string; user_id: string; email: string }>(
      `SELECT m.id, m.user_id, u.email FROM membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.participant_id = $1 AND m.organisation_id = $2 FOR UPDATE OF m, u`,
      [participantId, organisationId],
    );
    return membership;
  }

  async disableMembership(id: string, now: Date): Promise<void> {
    await this.query("UPDATE membership SET status = 'disabled', team_id = NULL, absent_until = NULL, updated_at = $2 WHERE id = $1", [
      id,
      now,
    ]);
  }

  async otherMembershipCount(userId: string, membershipId: string): Promise<number> {
    const [{ others }] = await this.query<{ others: number }>(
      'SELECT count(*)::int AS others FROM membership WHERE user_id = $1 AND id <> $2',
      [userId, membershipId],
    );
    return others;
  }

  async anonymiseAccount(userId: string, erasedAddress: string, erasedName: string, now: Date): Promise<void> {
    await this.query(
      `UPDATE user_account
          SET email = $2, display_name = $3, phone = NULL, password_hash = NULL, totp_secret = NULL, totp_enabled = false,
              disabled_at = coalesce(disabled_at, $4), updated_at = $4
        WHERE id = $1`,
      [userId, erasedAddress, erasedName, now],
    );
    await this.query('DELETE FROM totp_recovery_code WHERE user_id = $1', [userId]);
  }

  /** With `wholeAccount` false only this membership's tokens go. */
  async deleteTokensOf(membershipId: string, userId: string, wholeAccount: boolean): Promise<number> {
    const tokens = await this.query('DELETE FROM one_time_token WHERE membership_id = $1 OR ($3 AND user_id = $2) RETURNING id', [
      membershipId,
      userId,
      wholeAccount,
    ]);
    return affectedRows(tokens);
  }

  /** Records the accepted authenticator step; false when this step or a later one was accepted before (a replayed code). */
  async acceptTotpStep(userId: string, step: number): Promise<boolean> {
    const accepted = await this.query(
      'UPDATE user_account SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id',
      [userId, step],
    );
    return affectedRows(accepted) === 1;
  }

  // totp_recovery_code

  /** The account's recovery codes are replaced: the old ones stop working. */
  async replaceRecoveryCodes(userId: string, codes: ReadonlyArray<{ hash: Buffer; encrypted: string | null }>): Promise<void> {
    await this.query('DELETE FROM totp_recovery_code WHERE user_id = $1', [userId]);
    for (const code of codes) {
      await this.query('INSERT INTO totp_recovery_code (user_id, code_hash, code_encrypted) VALUES ($1, $2, $3)', [
        userId,
        code.hash,
        code.encrypted,
      ]);
    }
  }

  /** Spends one unused recovery code; false when there is no such code (wrong, or used before). */
  async spendRecoveryCode(userId: string, hash: Buffer, now: Date): Promise<boolean> {
    const spent = await this.query(
      `UPDATE totp_recovery_code SET used_at = $3, code_encrypted = NULL
        WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`,
      [userId, hash, now],
    );
    return affectedRows(spent) === 1;
  }

  /** The codes not yet shown (encrypted), which are forgotten as they are read: they are shown once. Joins the open transaction. */
  async revealRecoveryCodes(userId: string): Promise<string[]> {
    const rows = await this.query<{ id: string; code: string }>(
      `SELECT id, code_encrypted AS code FROM totp_recovery_code
        WHERE user_id = $1 AND code_encrypted IS NOT NULL AND used_at IS NULL ORDER BY created_at, id FOR UPDATE`,
      [userId],
    );
    if (rows.length === 0) return [];
    await this.query('UPDATE totp_recovery_code SET code_encrypted = NULL WHERE id = ANY($1::uuid[])', [rows.map((row) => row.id)]);
    return rows.map((row) => row.code);
  }

  async unusedRecoveryCodeCount(userId: string): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM totp_recovery_code WHERE user_id = $1 AND used_at IS NULL',
      [userId],
    );
    return row?.n ?? 0;
  }

  // one_time_token

  /** Every unused token of this purpose for the account stops working. */
  async spendTokensOfAccount(purpose: OneTimeTokenPurpose, userId: string, now: Date): Promise<number> {
    const spent = await this.query(
      'UPDATE one_time_token SET used_at = $3 WHERE purpose = $1 AND user_id = $2 AND used_at IS NULL RETURNING id',
      [purpose, userId, now],
    );
    return affectedRows(spent);
  }

  /** The hashes of participants' sign-in links issued to the browser holding this nonce (newest first), for the local outbox. */
  async participantLinkHashesForBrowser(browserNonceHash: Buffer, since: Date): Promise<Buffer[]> {
    const rows: Array<{ tokenHash: Buffer }> = await this.query(
      `SELECT t.token_hash AS "tokenHash" FROM one_time_token t JOIN membership m ON m.id = t.membership_id AND m.role = 'participant'
        WHERE t.purpose = 'magic_link' AND t.browser_nonce_hash = $1 AND t.created_at > $2 ORDER BY t.created_at DESC LIMIT 10`,
      [browserNonceHash, since],
    );
    return rows.map((row) => row.tokenHash);
  }

  async insertToken(values: Partial<OneTimeToken>): Promise<void> {
    await this.manager.getRepository(OneTimeToken).insert(values);
  }

  usableToken(purpose: OneTimeTokenPurpose, tokenHash: Buffer, now: Date): Promise<OneTimeToken | null> {
    return this.manager.getRepository(OneTimeToken).findOneBy({ tokenHash, purpose, usedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  /** Any token with this hash, used or not, expired or not. */
  tokenByHash(purpose: OneTimeTokenPurpose, tokenHash: Buffer): Promise<OneTimeToken | null> {
    return this.manager.getRepository(OneTimeToken).findOneBy({ tokenHash, purpose });
  }

  /** Marks it used in one conditional statement: of two concurrent redemptions, one wins. */
  async spendToken(id: string, now: Date): Promise<boolean> {
    const spent = await this.manager.getRepository(OneTimeToken).update({ id, usedAt: IsNull() }, { usedAt: now });
    return spent.affected === 1;
  }

  /** Counts one more wrong code for the token; returns the count. */
  async countWrongCode(id: string): Promise<number> {
    const [rows] = (await this.manager.query(
      'UPDATE one_time_token SET wrong_code_attempts = wrong_code_attempts + 1 WHERE id = $1 RETURNING wrong_code_attempts AS attempts',
      [id],
    )) as [Array<{ attempts: number }>, number];
    return Number(rows[0]?.attempts ?? 0);
  }

  async tokenIssuedFor(purpose: OneTimeTokenPurpose, subjectId: string): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM one_time_token WHERE subject_id = $1 AND purpose = $2', [subjectId, purpose]);
    return rows.length > 0;
  }

  /** Outstanding tokens on these subjects stop working (they stay, spent, so none is issued again). */
  async spendTokensFor(purpose: OneTimeTokenPurpose, subjectIds: string[], now: Date): Promise<number> {
    if (subjectIds.length === 0) return 0;
    const spent = await this.query(
      'UPDATE one_time_token SET used_at = $3 WHERE purpose = $1 AND subject_id = ANY($2::uuid[]) AND used_at IS NULL RETURNING id',
      [purpose, subjectIds, now],
    );
    return affectedRows(spent);
  }

  async deleteTokensFor(purpose: OneTimeTokenPurpose, subjectIds: string[]): Promise<number> {
    if (subjectIds.length === 0) return 0;
    const deleted = await this.query('DELETE FROM one_time_token WHERE purpose = $1 AND subject_id = ANY($2::uuid[]) RETURNING id', [
      purpose,
      subjectIds,
    ]);
    return affectedRows(deleted);
  }

  /** The access check of routes on a membership (the policy's condition on alias `r`). */
  async isVisible(_kind: string, id: string, condition: SqlCondition): Promise<boolean> {
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT 1 FROM "membership" "r" WHERE "r"."id" = :resourceId AND (${condition.sql})`,
      { ...condition.params, resourceId: id },
    );
    return (await this.query(sql, values)).length > 0;
  }
}

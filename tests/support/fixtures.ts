import type { DataSource } from 'typeorm';
import type { Role } from '../../src/identity/entities/membership.entity.js';
import { PasswordPolicy } from '../../src/identity/password-policy.js';
import { SessionService } from '../../src/identity/session.service.js';
import type { TestApp } from './test-app.js';

export const TEST_PASSWORD = 'vuurtoren-kaasschaaf-regenjas-42';

export interface TestOrganisation {
  id: string;
  slug: string;
}

export interface TestUser {
  userId: string;
  membershipId: string;
  organisationId: string;
  role: Role;
  email: string;
  token: string;
  /** `Authorization` header for API calls as this user. */
  auth: { Authorization: string };
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createOrganisation(dataSource: DataSource, name = 'WerkFit Utrecht'): Promise<TestOrganisation> {
  const slug = `org-${unique()}`;
  const [row] = await dataSource.query('INSERT INTO organisation (name, slug) VALUES ($1, $2) RETURNING id', [name, slug]);
  return { id: row.id, slug };
}

export async function createTeam(dataSource: DataSource, organisationId: string, name = 'Team Noord'): Promise<string> {
  const [row] = await dataSource.query('INSERT INTO team (organisation_id, name) VALUES ($1, $2) RETURNING id', [organisationId, name]);
  return row.id;
}

export async function createEmployer(dataSource: DataSource, organisationId: string, name = 'Bakkerij De Korenschoof'): Promise<string> {
  const [row] = await dataSource.query('INSERT INTO employer (organisation_id, name) VALUES ($1, $2) RETURNING id', [organisationId, name]);
  return row.id;
}

/** Who pays for trajectories: a municipality, UWV or another funder of the organisation. */
export async function createFunder(
  dataSource: DataSource,
  organisationId: string,
  name = `Gemeente ${unique()}`,
  kind: 'municipality' | 'uwv' | 'other' = 'municipality',
): Promise<string> {
  const [row] = await dataSource.query('INSERT INTO funder (organisation_id, name, kind) VALUES ($1, $2, $3) RETURNING id', [
    organisationId,
    name,
    kind,
  ]);
  return row.id;
}

export async function createParticipant(
  dataSource: DataSource,
  organisationId: string,
  coachMembershipId: string | null,
  name = ['Fatima', 'El Amrani'],
): Promise<string> {
  const [row] = await dataSource.query(
    'INSERT INTO participant (organisation_id, coach_membership_id, first_name, last_name, email) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [organisationId, coachMembershipId, name[0], name[1], `${unique()}@deelnemer.test`],
  );
  return row.id;
}

/** An active account with a password and a signed-in API session (admins with their second factor confirmed). */
const DUTCH_ROLE: Record<Role, string> = {
  admin: 'Beheerder',
  team_lead: 'Teamleider',
  jobcoach: 'Coach',
  employer_user: 'Werkgever',
  participant: 'Deelnemer',
  funder: 'Financier',
};

/** A name as a person would have one (pages show it; a code-like name would trip the plain-Dutch check). */
export function testDisplayName(role: Role, email: string): string {
  return `${DUTCH_ROLE[role] ?? 'Gebruiker'} ${email.split('@')[0].split('-').pop()}`;
}

export async function createUser(
  testApp: TestApp,
  organisationId: string,
  role: Role,
  options: { teamId?: string; employerId?: string; participantId?: string; funderId?: string; email?: string; withSession?: boolean } = {},
): Promise<TestUser> {
  const funderId = role === 'funder' ? (options.funderId ?? (await createFunder(testApp.dataSource, organisationId))) : null;
  const email = options.email ?? `${role}-${unique()}@werkbrug.test`;
  const passwordHash = role === 'participant' ? null : await testApp.app.get(PasswordPolicy).hash(TEST_PASSWORD);
  const [user] = await testApp.dataSource.query(
    'INSERT INTO user_account (email, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id',
    [email, testDisplayName(role, email), passwordHash],
  );
  const [membership] = await testApp.dataSource.query(
    `INSERT INTO membership (organisation_id, user_id, role, team_id, employer_id, participant_id, funder_id, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'active') RETURNING id`,
    [organisationId, user.id, role, options.teamId ?? null, options.employerId ?? null, options.participantId ?? null, funderId],
  );
  const { token } = await testApp.app.get(SessionService).create(user.id, membership.id, role === 'admin');
  return { userId: user.id, membershipId: membership.id, organisationId, role, email, token, auth: { Authorization: `Bearer ${token}` } };
}

/** The newest mail to an address, as the outbox holds it (composed by the worker, or only recorded). */
export async function lastMailTo(
  dataSource: DataSource,
  email: string,
): Promise<{ template: string; context: Record<string, unknown>; text: string | null } | undefined> {
  const rows = await dataSource.query(
    'SELECT template, context, text FROM mail_message WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1',
    [email],
  );
  return rows[0];
}

/** The token in a link from a mail (sign-in link, invitation, reset). */
export function tokenFromMail(mail: { context: Record<string, unknown>; text: string | null }): string {
  const source = String(mail.context.link ?? mail.text ?? '');
  const match = /token=([A-Za-z0-9_-]+)/.exec(source);
  if (!match) throw new Error(`No token in mail: ${source}`);
  return match[1];
}

/** A new session for a user, for tests that move the clock past the idle timeout. */
export async function renewSession(testApp: TestApp, user: TestUser): Promise<TestUser> {
  const { token } = await testApp.app.get(SessionService).create(user.userId, user.membershipId, user.role === 'admin');
  user.token = token;
  user.auth = { Authorization: `Bearer ${token}` };
  return user;
}

import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Role } from '../../src/identity/entities/membership.entity.js';

export interface Member {
  userId: string;
  membershipId: string;
}

export interface OrganisationWorld {
  id: string;
  members: Record<Role, Member>;
  /** A coach in another team, whose participant the team lead and first coach must not see. */
  otherCoach: Member;
  participantOwned: string;
  participantOther: string;
  employerOwned: string;
  employerOther: string;
  placementOwned: string;
  placementOther: string;
  handoverOwned: string;
  handoverOther: string;
  checkinOwned: string;
  checkinOther: string;
  /** A DigiD-like and eHerkenning-like sign-in service (both roles served), so routes may ask for a level of assurance. */
  brokerId: string;
}

async function insert(dataSource: DataSource, sql: string, params: unknown[]): Promise<string> {
  const [row] = await dataSource.query(`${sql} RETURNING id`, params);
  return row.id;
}

async function member(
  dataSource: DataSource,
  organisationId: string,
  role: Role,
  extra: { teamId?: string; employerId?: string; participantId?: string; funderId?: string } = {},
): Promise<Member> {
  const userId = await insert(dataSource, 'INSERT INTO user_account (email, display_name) VALUES ($1, $2)', [
    `${role}-${randomUUID()}@world.test`,
    `${role} user`,
  ]);
  const membershipId = await insert(
    dataSource,
    "INSERT INTO membership (organisation_id, user_id, role, team_id, employer_id, participant_id, funder_id, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'active')",
    [organisationId, userId, role, extra.teamId ?? null, extra.employerId ?? null, extra.participantId ?? null, extra.funderId ?? null],
  );
  return { userId, membershipId };
}

/**
 * One organisation with a person in every role and records each of them is,
 * or is not, related to: the cast of the authorisation matrix.
 */
export async function buildOrganisation(dataSource: DataSource, name: string): Promise<OrganisationWorld> {
  const id = await insert(dataSource, 'INSERT INTO organisation (name, slug) VALUES ($1, $2)', [
    name,
    `${name.toLowerCase()}-${randomUUID()}`,
  ]);
  const team = await insert(dataSource, 'INSERT INTO team (organisation_id, name) VALUES ($1, $2)', [id, 'Team Noord']);
  const otherTeam = await insert(dataSource, 'INSERT INTO team (organisation_id, name) VALUES ($1, $2)', [id, 'Team Zuid']);
  const admin = await member(dataSource, id, 'admin');
  const teamLead = await member(dataSource, id, 'team_lead', { teamId: team });
  const coach = await member(dataSource, id, 'jobcoach', { teamId: team });
  const otherCoach = await member(dataSource, id, 'jobcoach', { teamId: otherTeam });
  const participantOwned = await insert(
    dataSource,
    'INSERT INTO participant (organisation_id, coach_membership_id, first_name, last_name) VALUES ($1, $2, $3, $4)',
    [id, coach.membershipId, 'Eigen', 'Deelnemer'],
  );
  const participantOther = await insert(
    dataSource,
    'INSERT INTO participant (organisation_id, coach_membership_id, first_name, last_name) VALUES ($1, $2, $3, $4)',
    [id, otherCoach.membershipId, 'Andere', 'Deelnemer'],
  );
  const employerOwned = await insert(
    dataSource,
    'INSERT INTO employer (organisation_id, name, contact_coach_membership_id) VALUES ($1, $2, $3)',
    [id, 'Eigen Werkgever', coach.membershipId],
  );
  const employerOther = await insert(dataSource, 'INSERT INTO employer (organisation_id, name) VALUES ($1, $2)', [id, 'Andere Werkgever']);
  const employerUser = await member(dataSource, id, 'employer_user', { employerId: employerOwned });
  const participantUser = await member(dataSource, id, 'participant', { participantId: participantOwned });
  // The owned participant's trajectory is paid by this funder; the other participant's by another.
  const funderId = await insert(
    dataSource,
    "INSERT INTO funder (organisation_id, name, kind) VALUES ($1, 'Gemeente Noord', 'municipality')",
    [id],
  );
  const otherFunderId = await insert(dataSource, "INSERT INTO funder (organisation_id, name, kind) VALUES ($1, 'UWV', 'uwv')", [id]);
  await dataSource.query('UPDATE participant SET funder_id = $1 WHERE id = $2', [funderId, participantOwned]);
  await dataSource.query('UPDATE participant SET funder_id = $1 WHERE id = $2', [otherFunderId, participantOther]);
  const funderUser = await member(dataSource, id, 'funder', { funderId });
  const placementOwned = await insert(
    dataSource,
    "INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, trial_start, trial_planned_end) VALUES ($1, $2, $3, $4, 'paid_job', 'trial', '2026-01-05', '2026-03-04')",
    [id, participantOwned, employerOwned, coach.membershipId],
  );
  const placementOther = await insert(
    dataSource,
    "INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, trial_start, trial_planned_end) VALUES ($1, $2, $3, $4, 'paid_job', 'trial', '2026-01-05', '2026-03-04')",
    [id, participantOther, employerOwned, otherCoach.membershipId],
  );
  await insert(
    dataSource,
    "INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, given_at, given_by_user_id) VALUES ($1, $2, 'disclose_support_organisation', $3, now(), $4)",
    [id, participantOwned, employerOwned, participantUser.userId],
  );
  for (const participantId of [participantOwned, participantOther]) {
    await dataSource.query('INSERT INTO participant_profile (participant_id, organisation_id) VALUES ($1, $2)', [participantId, id]);
  }
  const handover = (placementId: string) =>
    insert(
      dataSource,
      "INSERT INTO handover_meeting (organisation_id, placement_id, starts_at, duration_minutes, location, calendar_uid, created_by_user_id) VALUES ($1, $2, '2027-01-05T10:00:00Z', 60, 'Werkplek', $3, $4)",
      [id, placementId, `handover-${placementId}@world`, coach.userId],
    );
  const checkin = (placementId: string) =>
    insert(
      dataSource,
      "INSERT INTO checkin (organisation_id, placement_id, coach_membership_id, due_on, status) VALUES ($1, $2, $3, '2027-02-01', 'planned')",
      [id, placementId, coach.membershipId],
    );
  const handoverOwned = await handover(placementOwned);
  const handoverOther = await handover(placementOther);
  const checkinOwned = await checkin(placementOwned);
  const checkinOther = await checkin(placementOther);
  for (const checkinId of [checkinOwned, checkinOther]) {
    await dataSource.query(
      "INSERT INTO checkin_preparation (checkin_id, organisation_id, trend, submitted_at) VALUES ($1, $2, 'same', now())",
      [checkinId, id],
    );
  }
  const brokerId = await insert(
    dataSource,
    `INSERT INTO oidc_provider (organisation_id, label, issuer, client_id, client_secret, assurance_levels, participant_min_assurance, employer_min_assurance, kvk_claim)
     VALUES ($1, 'Inloggen met DigiD', 'https://broker.world.test', 'werkbrug', 'enc1.none', '{"low": 1, "substantial": 2, "high": 3}', 1, 1, 'kvk')`,
    [id],
  );
  return {
    id,
    brokerId,
    members: { admin, team_lead: teamLead, jobcoach: coach, employer_user: employerUser, participant: participantUser, funder: funderUser },
    otherCoach,
    participantOwned,
    participantOther,
    employerOwned,
    employerOther,
    placementOwned,
    placementOther,
    handoverOwned,
    handoverOther,
    checkinOwned,
    checkinOther,
  };
}

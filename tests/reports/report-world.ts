import type { DataSource } from 'typeorm';
import { createFunder, createOrganisation, createTeam, createUser, type TestUser } from '../support/fixtures.js';
import type { TestApp } from '../support/test-app.js';

/**
 * The outcome reports' seeded world, counted by hand in outcome-report.test.ts: nine
 * people paid by "Gemeente Noord" (coach Noord), three by "UWV" (coach Zuid).
 * Today is 2026-12-01. Every participant's last name starts with "Geheimnaam", so a
 * response can be scanned for names.
 */
export const TODAY = '2026-12-01T10:00:00Z';
export const SECRET_NAME = 'Geheimnaam';

interface Person {
  key: string;
  registered: string;
  profile?: string;
  matched?: string;
  introduced?: string;
  trial?: string;
  contract?: string;
  /** dropped_out with a reason and date, or no_match after the trial */
  ended?: { on: string; reason: string };
  noMatch?: boolean;
  employer?: 'private' | 'public';
  targetGroup: string;
}

/** Funder Noord: the funnel, medians and retention in the tests are counted from these rows. */
export const NOORD: Person[] = [
  {
    key: 'P1',
    registered: '2025-01-10',
    profile: '2025-01-20',
    matched: '2025-02-01',
    introduced: '2025-02-11',
    trial: '2025-03-01',
    contract: '2025-05-01',
    employer: 'private',
    targetGroup: 'wajong',
  },
  {
    key: 'P2',
    registered: '2025-01-15',
    profile: '2025-01-25',
    matched: '2025-02-05',
    introduced: '2025-02-17',
    trial: '2025-03-10',
    contract: '2025-05-10',
    ended: { on: '2025-09-10', reason: 'health' },
    employer: 'private',
    targetGroup: 'wajong',
  },
  {
    key: 'P3',
    registered: '2025-02-01',
    profile: '2025-02-11',
    matched: '2025-02-21',
    introduced: '2025-03-03',
    trial: '2025-04-01',
    contract: '2025-06-01',
    employer: 'private',
    targetGroup: 'wajong',
  },
  {
    key: 'P4',
    registered: '2025-02-10',
    profile: '2025-02-20',
    matched: '2025-03-01',
    introduced: '2025-03-15',
    trial: '2025-04-10',
    contract: '2025-06-10',
    ended: { on: '2026-01-10', reason: 'employer_ended' },
    employer: 'private',
    targetGroup: 'wajong',
  },
  {
    key: 'P5',
    registered: '2025-03-01',
    profile: '2025-03-11',
    matched: '2025-03-21',
    introduced: '2025-04-01',
    trial: '2025-05-01',
    contract: '2025-07-01',
    employer: 'public',
    targetGroup: 'wajong',
  },
  {
    key: 'P6',
    registered: '2025-03-10',
    profile: '2025-03-20',
    matched: '2025-04-01',
    introduced: '2025-04-10',
    trial: '2025-05-10',
    noMatch: true,
    employer: 'private',
    targetGroup: 'wajong',
  },
  { key: 'P7', registered: '2025-04-01', profile: '2025-04-11', matched: '2025-04-20', targetGroup: 'participatiewet' },
  { key: 'P8', registered: '2025-04-15', targetGroup: 'participatiewet' },
  {
    key: 'P9',
    registered: '2025-05-01',
    profile: '2025-05-11',
    matched: '2025-05-21',
    introduced: '2025-06-01',
    contract: '2026-09-01',
    employer: 'public',
    targetGroup: 'wajong',
  },
];

/** Funder UWV: another funder's trajectories, which Noord's funder user must never see. */
export const UWV: Person[] = [
  {
    key: 'Q1',
    registered: '2025-02-01',
    profile: '2025-02-05',
    matched: '2025-02-10',
    introduced: '2025-02-15',
    contract: '2025-04-01',
    employer: 'private',
    targetGroup: 'wia_wga',
  },
  { key: 'Q2', registered: '2025-02-02', targetGroup: 'wia_wga' },
  { key: 'Q3', registered: '2025-02-03', targetGroup: 'wia_wga' },
];

export interface ReportWorld {
  organisationId: string;
  noordFunderId: string;
  uwvFunderId: string;
  admin: TestUser;
  teamLead: TestUser;
  coach: TestUser;
  otherCoach: TestUser;
  noordUser: TestUser;
  uwvUser: TestUser;
  participantIds: Record<string, string>;
  placementIds: Record<string, string>;
  /** Another organisation with its own funder user, to check tenant isolation. */
  otherOrganisation: { id: string; funderUser: TestUser };
}

const at = (date: string, time = '09:00:00') => `${date}T${time}Z`;

async function insertOne(dataSource: DataSource, sql: string, params: unknown[]): Promise<string> {
  const [row] = await dataSource.query(`${sql} RETURNING id`, params);
  return row.id;
}

export async function seedReportWorld(testApp: TestApp): Promise<ReportWorld> {
  const dataSource = testApp.dataSource;
  const organisationId = (await createOrganisation(dataSource)).id;
  const noord = await createTeam(dataSource, organisationId, 'Team Noord');
  const zuid = await createTeam(dataSource, organisationId, 'Team Zuid');
  const noordFunderId = await createFunder(dataSource, organisationId, 'Gemeente Noord', 'municipality');
  const uwvFunderId = await createFunder(dataSource, organisationId, 'UWV', 'uwv');
  const admin = await createUser(testApp, organisationId, 'admin');
  const teamLead = await createUser(testApp, organisationId, 'team_lead', { teamId: noord });
  const coach = await createUser(testApp, organisationId, 'jobcoach', { teamId: noord });
  const otherCoach = await createUser(testApp, organisationId, 'jobcoach', { teamId: zuid });
  const noordUser = await createUser(testApp, organisationId, 'funder', { funderId: noordFunderId });
  const uwvUser = await createUser(testApp, organisationId, 'funder', { funderId: uwvFunderId });
  const employers = {
    private: await insertOne(
      dataSource,
      "INSERT INTO employer (organisation_id, name, sector_type) VALUES ($1, 'Bakkerij Noord', 'private')",
      [organisationId],
    ),
    public: await insertOne(dataSource, "INSERT INTO employer (organisation_id, name, sector_type) VALUES ($1, 'Gemeentehuis', 'public')", [
      organisationId,
    ]),
  };
  const vacancies = {
    private: await insertOne(
      dataSource,
      "INSERT INTO vacancy (organisation_id, employer_id, title, isco_code, hours_min, hours_max, postcode) VALUES ($1, $2, 'Hulp bakkerij', '9412', 12, 24, '3511')",
      [organisationId, employers.private],
    ),
    public: await insertOne(
      dataSource,
      "INSERT INTO vacancy (organisation_id, employer_id, title, isco_code, hours_min, hours_max, postcode) VALUES ($1, $2, 'Postkamer', '4412', 12, 24, '3511')",
      [organisationId, employers.public],
    ),
  };
  const participantIds: Record<string, string> = {};
  const placementIds: Record<string, string> = {};
  const seed = async (person: Person, funderId: string, coachUser: TestUser, index: number) => {
    const id = await insertOne(
      dataSource,
      'INSERT INTO participant (organisation_id, coach_membership_id, first_name, last_name, funder_id, target_group, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [
        organisationId,
        coachUser.membershipId,
        `Deelnemer${person.key}`,
        `${SECRET_NAME}${index}`,
        funderId,
        person.targetGroup,
        at(person.registered),
      ],
    );
    participantIds[person.key] = id;
    if (person.profile) {
      await dataSource.query(
        "INSERT INTO participant_profile (participant_id, organisation_id, occupation_wishes, created_at) VALUES ($1, $2, '{9412}', $3)",
        [id, organisationId, at(person.profile)],
      );
    }
    const sector = person.employer ?? 'private';
    if (person.matched) {
      const matchId = await insertOne(
        dataSource,
        `INSERT INTO match (organisation_id, vacancy_id, participant_id, employer_id, status, created_by_user_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          organisationId,
          vacancies[sector],
          id,
          employers[sector],
          person.introduced ? 'introduced' : 'proposed',
          coachUser.userId,
          at(person.matched),
        ],
      );
      await dataSource.query("INSERT INTO match_event (organisation_id, match_id, at, to_status) VALUES ($1, $2, $3, 'proposed')", [
        organisationId,
        matchId,
        at(person.matched),
      ]);
      if (person.introduced) {
        await dataSource.query(
          "INSERT INTO match_event (organisation_id, match_id, at, from_status, to_status) VALUES ($1, $2, $3, 'proposed', 'introduced')",
          [organisationId, matchId, at(person.introduced)],
        );
      }
    }
    if (person.trial || person.contract) {
      const status = person.noMatch ? 'no_match' : person.ended ? 'dropped_out' : person.contract ? 'aftercare' : 'trial';
      placementIds[person.key] = await insertOne(
        dataSource,
        `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, trial_start, trial_planned_end,
                                contract_start, contract_type, hours_per_week, closed_on, dropout_reason, trial_outcome)
         VALUES ($1, $2, $3, $4, 'paid_job', $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          organisationId,
          id,
          employers[sector],
          coachUser.membershipId,
          status,
          person.trial ?? null,
          person.trial ?? null,
          person.contract ?? null,
          person.contract ? 'fixed_term' : null,
          person.contract ? 24 : null,
          person.ended?.on ?? (person.noMatch ? person.trial : null),
          person.ended?.reason ?? null,
          person.noMatch ? 'no_match' : person.contract && person.trial ? 'match' : null,
        ],
      );
    }
  };
  let index = 0;
  for (const person of NOORD) await seed(person, noordFunderId, coach, ++index);
  for (const person of UWV) await seed(person, uwvFunderId, otherCoach, ++index);

  // Aftercare: check-ins of P1's placement (coach Noord), one of Q1's (coach Zuid).
  const checkin = (placementId: string, coachUser: TestUser, dueOn: string, status: string) =>
    dataSource.query(
      'INSERT INTO checkin (organisation_id, placement_id, coach_membership_id, due_on, status, held_on) VALUES ($1, $2, $3, $4, $5, $6)',
      [organisationId, placementId, coachUser.membershipId, dueOn, status, status === 'done' ? dueOn : null],
    );
  await checkin(placementIds.P1!, coach, '2025-06-10', 'done');
  await checkin(placementIds.P1!, coach, '2025-06-20', 'done');
  await checkin(placementIds.P1!, coach, '2025-06-25', 'missed');
  await checkin(placementIds.P1!, coach, '2025-07-10', 'planned');
  await checkin(placementIds.P1!, coach, '2025-07-15', 'cancelled');
  await checkin(placementIds.P1!, coach, '2025-07-20', 'done');
  await checkin(placementIds.Q1!, otherCoach, '2025-06-12', 'done');

  // Help requests of P1 in June 2025: 4 hours (in time), 30 hours (late, escalated), none yet (deadline passed).
  const help = (createdAt: string, acknowledgeBy: string, acknowledgedAt: string | null, escalatedAt: string | null) =>
    dataSource.query(
      `INSERT INTO help_request (organisation_id, requester_user_id, requester_role, participant_id, category, urgency, body, status,
                                 assigned_membership_id, acknowledge_by, acknowledged_at, escalated_at, created_at)
       VALUES ($1, $2, 'participant', $3, 'work', 'normal', 'enc1.test', 'new', $4, $5, $6, $7, $8)`,
      [organisationId, coach.userId, participantIds.P1, coach.membershipId, acknowledgeBy, acknowledgedAt, escalatedAt, createdAt],
    );
  await help('2025-06-02T09:00:00Z', '2025-06-03T09:00:00Z', '2025-06-02T13:00:00Z', null);
  await help('2025-06-05T09:00:00Z', '2025-06-06T09:00:00Z', '2025-06-06T15:00:00Z', '2025-06-06T09:30:00Z');
  await help('2025-06-20T09:00:00Z', '2025-06-23T09:00:00Z', null, null);

  // Risk flags: P1 (relapse, lateness) in August 2025, P3 (lateness) in September 2025.
  await dataSource.query("UPDATE placement SET risk_flag_raised_at = '2025-08-01T09:00:00Z', risk_flag_reasons = $2 WHERE id = $1", [
    placementIds.P1,
    ['relapse: severe', 'lateness: repeated'],
  ]);
  await dataSource.query("UPDATE placement SET risk_flag_raised_at = '2025-09-01T09:00:00Z', risk_flag_reasons = $2 WHERE id = $1", [
    placementIds.P3,
    ['lateness: repeated'],
  ]);

  const other = (await createOrganisation(dataSource)).id;
  const otherFunderUser = await createUser(testApp, other, 'funder');
  return {
    organisationId,
    noordFunderId,
    uwvFunderId,
    admin,
    teamLead,
    coach,
    otherCoach,
    noordUser,
    uwvUser,
    participantIds,
    placementIds,
    otherOrganisation: { id: other, funderUser: otherFunderUser },
  };
}

import type { TestApp } from '../support/test-app.js';
import { createEmployer, createOrganisation, createParticipant, createTeam, createUser, type TestUser } from '../support/fixtures.js';

export interface AftercareWorld {
  organisationId: string;
  coach: TestUser;
  otherCoach: TestUser;
  lead: TestUser;
  participant: TestUser;
  employerUser: TestUser;
  participantId: string;
  employerId: string;
  placementId: string;
}

/** A placement in contract, with a participant who may be reached by mail and an employer contact person. */
export async function aftercareWorld(
  testApp: TestApp,
  options: { disclose?: boolean; contractEnd?: string | null } = {},
): Promise<AftercareWorld> {
  const ds = testApp.dataSource;
  const organisation = await createOrganisation(ds);
  const team = await createTeam(ds, organisation.id);
  const coach = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
  const otherCoach = await createUser(testApp, organisation.id, 'jobcoach', { teamId: team });
  const lead = await createUser(testApp, organisation.id, 'team_lead', { teamId: team });
  const participantId = await createParticipant(ds, organisation.id, coach.membershipId);
  const participant = await createUser(testApp, organisation.id, 'participant', { participantId });
  const employerId = await createEmployer(ds, organisation.id);
  const employerUser = await createUser(testApp, organisation.id, 'employer_user', { employerId });
  const [placement] = await ds.query(
    `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_type, hours_per_week, gross_hourly_wage, contract_end, employer_contact_name, employer_contact_email)
     VALUES ($1, $2, $3, $4, 'paid_job', 'contract', '2026-02-02', 'fixed_term', 24, 14.71, $5, 'Karin Korenschoof', 'karin@korenschoof.test') RETURNING id`,
    [
      organisation.id,
      participantId,
      employerId,
      coach.membershipId,
      options.contractEnd === undefined ? '2026-12-31' : options.contractEnd,
    ],
  );
  if (options.disclose ?? true) {
    await ds.query(
      "INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, given_at, given_by_user_id) VALUES ($1, $2, 'disclose_support_organisation', $3, now(), $4)",
      [organisation.id, participantId, employerId, participant.userId],
    );
  }
  return {
    organisationId: organisation.id,
    coach,
    otherCoach,
    lead,
    participant,
    employerUser,
    participantId,
    employerId,
    placementId: placement.id,
  };
}

const entry = (text: string) => ({ applicable: true, text });

/** Every item filled in or not applicable, and a monitoring plan. */
export function fullChecklist(frequency = 'monthly', plannedAftercareEnd = '2026-12-31') {
  return {
    agreements: {
      finances: entry('Reiskosten volgens cao'),
      trialPlacement: { applicable: false },
      shopFloorGuidance: { applicable: true, text: 'Karin is aanspreekpunt', owner: 'werkgever' },
      hours: entry('Ma-do 9:00-15:00, geen avondwerk'),
      productionRequirements: entry('Opbouwen naar 80% in drie maanden'),
      taskDivision: entry('Deeg, inpakken; geen kassa'),
      contactBetweenParties: entry('Coach belt werkgever maandelijks'),
      evaluationMeetings: entry('Na 3 en 6 maanden'),
      wageCostSubsidy: { applicable: true, text: 'Coach vraagt aan bij gemeente', owner: 'coach' },
      leave: entry('Volgens cao, in overleg'),
      reportingSick: entry('Voor 8:00 bellen met Karin'),
      otherPersonalMatters: { applicable: false },
    },
    expectations: {
      firmFooting: entry('Vaste werkplek en vaste collega'),
      growthOptions: entry('Later ook taart decoreren'),
      employmentLength: entry('Jaarcontract, daarna vast bij goed verloop'),
      tasks: entry('Zie taakverdeling'),
      aftercareLength: entry('Tot eind van het contract'),
    },
    monitoringPlan: {
      forms: ['phone', 'visit'],
      whoContacts: 'coach_to_employer',
      frequency,
      participantContactWishes: 'Liever bellen na 15:00',
      aftercareFunding: 'employer',
      plannedAftercareEnd,
    },
  };
}

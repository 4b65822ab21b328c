import request from 'supertest';
import { MatchingModule } from '../../src/matching/matching.module.js';
import { ProfilesModule } from '../../src/profiles/profiles.module.js';
import { ReferenceDataModule } from '../../src/reference-data/reference-data.module.js';
import { VacanciesModule } from '../../src/vacancies/vacancies.module.js';
import { createEmployer, createParticipant, createUser, type TestUser } from '../support/fixtures.js';
import type { TestApp } from '../support/test-app.js';

export const MODULES = [VacanciesModule, ProfilesModule, MatchingModule, ReferenceDataModule];

/** The centroid of postcode area 3511 (Utrecht) in the set shipped with Werkbrug, which the migrations load. */
export const UTRECHT_3511 = { latitude: 52.0884, longitude: 5.1175 };

export const BASE_VACANCY = {
  title: 'Medewerker inpak',
  iscoCode: '9321',
  hoursMin: 24,
  hoursMax: 24,
  shifts: ['day'],
  postcode: '3511 AB',
  skills: ['inpakken', 'hygiene'],
  stimulusLevel: 3,
  productionPressure: 4,
  workPace: 2,
  supervisionOnFloor: true,
  adaptationsPossible: ['extra_breaks'],
  quietWorkspacePossible: true,
  growthPossible: false,
  status: 'open',
};

export const BASE_PROFILE = {
  occupationWishes: ['9329'],
  skills: ['inpakken'],
  hoursMin: 20,
  hoursMax: 24,
  shiftsPossible: ['day'],
  postcode: '3701 AB',
  maxTravelKm: 20,
  transportModes: ['bike'],
  copesStimulus: 3,
  copesPressure: 3,
  copesPace: 2,
  needsSupervision: true,
  needsAdaptations: ['quiet_workspace', 'fixed_schedule'],
  wantsGrowth: true,
  benefitType: 'Wajong',
  limitationKind: 'mental',
  privateNotes: 'Heeft schulden; schuldhulp loopt.',
};

export async function createVacancy(
  testApp: TestApp,
  user: TestUser,
  employerId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await request(testApp.http)
    .post('/v1/vacancies')
    .set(user.auth)
    .send({ ...BASE_VACANCY, employerId, ...overrides });
  if (response.status !== 201) throw new Error(`vacancy: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

export async function createCandidate(
  testApp: TestApp,
  coach: TestUser,
  options: { profile?: Record<string, unknown>; capacity?: number | null; consent?: boolean; name?: [string, string] } = {},
): Promise<string> {
  const participantId = await createParticipant(
    testApp.dataSource,
    coach.organisationId,
    coach.membershipId,
    options.name ?? ['Fatima', 'El Amrani'],
  );
  const put = await request(testApp.http)
    .put(`/v1/participants/${participantId}/profile`)
    .set(coach.auth)
    .send({ ...BASE_PROFILE, ...options.profile });
  if (put.status !== 200) throw new Error(`profile: ${put.status} ${JSON.stringify(put.body)}`);
  if (options.capacity !== null) {
    const capacity = await request(testApp.http)
      .post(`/v1/participants/${participantId}/capacity-assessments`)
      .set(coach.auth)
      .send({ assessedOn: '2026-10-01', hoursPerDay: 5, hoursPerWeek: options.capacity ?? 24 });
    if (capacity.status !== 201) throw new Error(`capacity: ${capacity.status} ${JSON.stringify(capacity.body)}`);
  }
  if (options.consent !== false) await giveConsent(testApp, coach, participantId, 'proposal_to_employers');
  return participantId;
}

export async function giveConsent(
  testApp: TestApp,
  user: TestUser,
  participantId: string,
  purpose: string,
  employerId: string | null = null,
  parts: string[] = [],
): Promise<void> {
  await testApp.dataSource.query(
    `INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, profile_parts, given_at, given_by_user_id) VALUES ($1, $2, $3, $4, $5, now(), $6)`,
    [user.organisationId, participantId, purpose, employerId, parts, user.userId],
  );
}

export async function staffAndEmployer(testApp: TestApp, organisationId: string) {
  const coach = await createUser(testApp, organisationId, 'jobcoach');
  const admin = await createUser(testApp, organisationId, 'admin');
  const employerId = await createEmployer(testApp.dataSource, organisationId);
  await testApp.dataSource.query("UPDATE employer SET target_group_experience = 'some' WHERE id = $1", [employerId]);
  const employerUser = await createUser(testApp, organisationId, 'employer_user', { employerId });
  return { coach, admin, employerId, employerUser };
}

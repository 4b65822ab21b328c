import { AuditModule } from '../../src/audit/audit.module.js';
import { ConsentsModule } from '../../src/consents/consents.module.js';
import { PrivacyModule } from '../../src/privacy/privacy.module.js';
import { createEmployer, createOrganisation, createParticipant, createUser, type TestUser } from '../support/fixtures.js';
import type { TestApp } from '../support/test-app.js';

/** The modules under test; AppModule will import them too, and Nest dedupes. */
export const PRIVACY_MODULES = [ConsentsModule, AuditModule, PrivacyModule];

export const PROBLEM = /^application\/problem\+json/;

export interface PrivacyWorld {
  organisationId: string;
  admin: TestUser;
  coach: TestUser;
  /** A coach of the same organisation whose caseload does not include the participant. */
  otherCoach: TestUser;
  employerId: string;
  employerUser: TestUser;
  participantId: string;
  participant: TestUser;
  /** A second participant of the same organisation, on the same coach's caseload. */
  neighbourId: string;
  neighbour: TestUser;
  other: {
    organisationId: string;
    admin: TestUser;
    coach: TestUser;
    employerId: string;
    participantId: string;
    participant: TestUser;
  };
}

/** Two organisations, each with staff, an employer and participants who can sign in. */
export async function createPrivacyWorld(testApp: TestApp): Promise<PrivacyWorld> {
  const ds = testApp.dataSource;
  const organisation = await createOrganisation(ds);
  const admin = await createUser(testApp, organisation.id, 'admin');
  const coach = await createUser(testApp, organisation.id, 'jobcoach');
  const otherCoach = await createUser(testApp, organisation.id, 'jobcoach');
  const employerId = await createEmployer(ds, organisation.id);
  const employerUser = await createUser(testApp, organisation.id, 'employer_user', { employerId });
  const participantId = await createParticipant(ds, organisation.id, coach.membershipId);
  const participant = await createUser(testApp, organisation.id, 'participant', { participantId });
  const neighbourId = await createParticipant(ds, organisation.id, coach.membershipId, ['Jan', 'de Boer']);
  const neighbour = await createUser(testApp, organisation.id, 'participant', { participantId: neighbourId });

  const otherOrganisation = await createOrganisation(ds, 'Re-integratie Oost');
  const otherAdmin = await createUser(testApp, otherOrganisation.id, 'admin');
  const otherOrgCoach = await createUser(testApp, otherOrganisation.id, 'jobcoach');
  const otherEmployerId = await createEmployer(ds, otherOrganisation.id, 'Garage Oost');
  const otherParticipantId = await createParticipant(ds, otherOrganisation.id, otherOrgCoach.membershipId, ['Piet', 'Jansen']);
  const otherParticipant = await createUser(testApp, otherOrganisation.id, 'participant', { participantId: otherParticipantId });

  return {
    organisationId: organisation.id,
    admin,
    coach,
    otherCoach,
    employerId,
    employerUser,
    participantId,
    participant,
    neighbourId,
    neighbour,
    other: {
      organisationId: otherOrganisation.id,
      admin: otherAdmin,
      coach: otherOrgCoach,
      employerId: otherEmployerId,
      participantId: otherParticipantId,
      participant: otherParticipant,
    },
  };
}

export async function auditRows(
  testApp: TestApp,
  participantId: string,
): Promise<
  Array<{
    action: string;
    actor_user_id: string | null;
    actor_role: string;
    resource_type: string;
    resource_id: string | null;
    fields: string[];
  }>
> {
  return testApp.dataSource.query(
    'SELECT action, actor_user_id, actor_role, resource_type, resource_id, fields FROM audit_event WHERE subject_participant_id = $1 ORDER BY id',
    [participantId],
  );
}

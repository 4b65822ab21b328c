import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { MembershipsService } from '../../src/identity/memberships.service.js';
import { OneTimeTokensService } from '../../src/identity/one-time-tokens.service.js';
import { Transactions } from '../../src/platform/database/transactions.js';
import { TasksPrivacy } from '../../src/tasks/tasks.privacy.js';
import { TasksService } from '../../src/tasks/tasks.service.js';
import {
  createEmployer,
  createOrganisation,
  createParticipant,
  createTeam,
  createUser,
  type TestOrganisation,
  testDisplayName,
} from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

describe("identity's public reads and the tables it lends out", () => {
  let testApp: TestApp;
  let organisation: TestOrganisation;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api' });
  });
  beforeEach(async () => {
    await resetState(testApp);
    organisation = await createOrganisation(testApp.dataSource);
  });
  afterAll(() => testApp.close());

  describe('MembershipsService.recipients', () => {
    it('gives name, address, locale and status per membership id, leaving unknown ids out', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const lead = await createUser(testApp, organisation.id, 'team_lead');
      await testApp.dataSource.query("UPDATE user_account SET locale = 'en', phone = '0612345678' WHERE id = $1", [lead.userId]);
      await testApp.dataSource.query("UPDATE membership SET status = 'disabled' WHERE id = $1", [lead.membershipId]);
      const unknown = '00000000-0000-4000-8000-000000000000';

      const found = await testApp.app
        .get(MembershipsService)
        .recipients([coach.membershipId, lead.membershipId, unknown, coach.membershipId]);

      expect([...found.keys()].sort()).toEqual([coach.membershipId, lead.membershipId].sort());
      expect(found.get(coach.membershipId)).toEqual({
        membershipId: coach.membershipId,
        userId: coach.userId,
        organisationId: organisation.id,
        role: 'jobcoach',
        status: 'active',
        teamId: null,
        absentUntil: null,
        email: coach.email,
        displayName: testDisplayName('jobcoach', coach.email),
        locale: 'nl',
        phone: null,
      });
      expect(found.get(lead.membershipId)).toMatchObject({ locale: 'en', phone: '0612345678', status: 'disabled', role: 'team_lead' });
    });

    it('answers an empty list and a missing id without a query error', async () => {
      const memberships = testApp.app.get(MembershipsService);
      expect((await memberships.recipients([])).size).toBe(0);
      expect(await memberships.recipient(null)).toBeUndefined();
      expect(await memberships.recipient('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    });

    it("finds a participant's own account in the organisation, and only there", async () => {
      const participantId = await createParticipant(testApp.dataSource, organisation.id, null);
      const participant = await createUser(testApp, organisation.id, 'participant', { participantId });
      const other = await createOrganisation(testApp.dataSource, 'Elders');
      const memberships = testApp.app.get(MembershipsService);

      expect(await memberships.participantRecipient(participantId, organisation.id)).toMatchObject({
        membershipId: participant.membershipId,
        email: participant.email,
        role: 'participant',
      });
      expect(await memberships.participantRecipient(participantId, other.id)).toBeUndefined();
    });

    it('says who may carry a caseload: coaches and team leads of the organisation who are not disabled', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const admin = await createUser(testApp, organisation.id, 'admin');
      const disabled = await createUser(testApp, organisation.id, 'team_lead');
      await testApp.dataSource.query("UPDATE membership SET status = 'disabled' WHERE id = $1", [disabled.membershipId]);
      const other = await createOrganisation(testApp.dataSource, 'Elders');
      const memberships = testApp.app.get(MembershipsService);

      expect(await memberships.isCaseworker(organisation.id, coach.membershipId)).toBe(true);
      expect(await memberships.isCaseworker(organisation.id, admin.membershipId)).toBe(false);
      expect(await memberships.isCaseworker(organisation.id, disabled.membershipId)).toBe(false);
      expect(await memberships.isCaseworker(other.id, coach.membershipId)).toBe(false);
    });
  });

  describe('an admin changing staff accounts', () => {
    it("changes a staff account's role, never the admin's own, and finds a coach by address for imports", async () => {
      const admin = await createUser(testApp, organisation.id, 'admin');
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const employerId = await createEmployer(testApp.dataSource, organisation.id);
      const employerUser = await createUser(testApp, organisation.id, 'employer_user', { employerId });
      const patch = (membershipId: string, body: object) =>
        request(testApp.http).patch(`/v1/memberships/${membershipId}`).set(admin.auth).send(body);

      const promoted = await patch(coach.membershipId, { role: 'team_lead' });
      expect(promoted.status).toBe(200);
      expect(promoted.body.role).toBe('team_lead');
      expect((await patch(coach.membershipId, { role: 'participant' })).status).toBe(400);
      const own = await patch(admin.membershipId, { role: 'jobcoach' });
      expect(own.status).toBe(422);
      expect(own.body.invalidParams).toEqual([{ name: 'role', reason: 'cannot be changed on your own account' }]);
      expect((await patch(admin.membershipId, { status: 'disabled' })).status).toBe(422);
      expect((await patch(employerUser.membershipId, { role: 'admin' })).status).toBe(422);

      const memberships = testApp.app.get(MembershipsService);
      expect(await memberships.caseworkerByEmail(organisation.id, ` ${coach.email.toUpperCase()} `)).toBe(coach.membershipId);
      expect(await memberships.caseworkerByEmail(organisation.id, admin.email)).toBeUndefined();
      expect(await memberships.caseworkerByEmail(organisation.id, 'niemand@werkbrug.test')).toBeUndefined();
      const other = await createOrganisation(testApp.dataSource, 'Elders');
      expect(await memberships.caseworkerByEmail(other.id, coach.email)).toBeUndefined();
    });
  });

  it("lists a team's active leads, oldest first, and nobody else", async () => {
    const [teamA, teamB] = [
      await createTeam(testApp.dataSource, organisation.id, 'A'),
      await createTeam(testApp.dataSource, organisation.id, 'B'),
    ];
    const first = await createUser(testApp, organisation.id, 'team_lead', { teamId: teamA });
    const second = await createUser(testApp, organisation.id, 'team_lead', { teamId: teamA });
    await createUser(testApp, organisation.id, 'jobcoach', { teamId: teamA });
    const disabled = await createUser(testApp, organisation.id, 'team_lead', { teamId: teamB });
    await testApp.dataSource.query("UPDATE membership SET status = 'disabled' WHERE id = $1", [disabled.membershipId]);
    await testApp.dataSource.query(
      "UPDATE membership SET absent_until = '2026-12-24', created_at = created_at - interval '1 day' WHERE id = $1",
      [first.membershipId],
    );

    const leads = await testApp.app.get(MembershipsService).teamLeads(organisation.id, [teamA, teamB]);

    expect(leads.map((lead) => lead.membershipId)).toEqual([first.membershipId, second.membershipId]);
    expect(leads[0]).toMatchObject({ teamId: teamA, absentUntil: '2026-12-24' });
    expect(await testApp.app.get(MembershipsService).teamLeads(organisation.id, [])).toEqual([]);
  });

  describe('OneTimeTokensService for links on a record', () => {
    const subjectId = '11111111-1111-4111-8111-111111111111';
    const DAY = 86_400_000;

    it('issues a token that shows its subject until spent once', async () => {
      const tokens = testApp.app.get(OneTimeTokensService);
      expect(await tokens.issuedFor('handover_confirmation', subjectId)).toBe(false);
      const token = await tokens.issueForSubject('handover_confirmation', { organisationId: organisation.id, subjectId }, DAY);

      expect(await tokens.issuedFor('handover_confirmation', subjectId)).toBe(true);
      expect(await tokens.subjectOf('handover_confirmation', token)).toBe(subjectId);
      const [first, second] = await Promise.all([
        tokens.spend('handover_confirmation', token),
        tokens.spend('handover_confirmation', token),
      ]);
      expect([first, second].filter((subject) => subject === subjectId)).toHaveLength(1);
      expect(await tokens.subjectOf('handover_confirmation', token)).toBeNull();
    });

    it('revokes the outstanding links of a subject', async () => {
      const tokens = testApp.app.get(OneTimeTokensService);
      const token = await tokens.issueForSubject('handover_confirmation', { organisationId: organisation.id, subjectId }, DAY);

      expect(await tokens.revokeForSubjects('handover_confirmation', [subjectId])).toBe(1);
      expect(await tokens.subjectOf('handover_confirmation', token)).toBeNull();
      expect(await tokens.spend('handover_confirmation', token)).toBeNull();
      expect(await tokens.revokeForSubjects('handover_confirmation', [])).toBe(0);
    });
  });

  describe('coach tasks on erasure', () => {
    it("deletes the tasks about the erased participant, with their free text, and keeps the others'", async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const erased = await createParticipant(testApp.dataSource, organisation.id, coach.membershipId);
      const kept = await createParticipant(testApp.dataSource, organisation.id, coach.membershipId, ['Kees', 'Jansen']);
      const tasks = testApp.app.get(TasksService);
      const task = (participantId: string, key: string) => ({
        organisationId: organisation.id,
        assigneeMembershipId: coach.membershipId,
        participantId,
        kind: 'other' as const,
        title: `Bel ${key}`,
        detail: `marker-${key}`,
        dedupeKey: `test.${key}`,
      });
      await testApp.app.get(Transactions).run(async () => {
        await tasks.create(task(erased, 'erased'));
        await tasks.create(task(erased, 'erased'));
        await tasks.create(task(kept, 'kept'));
      });

      const outcome = await testApp.app.get(Transactions).run(() =>
        testApp.app.get(TasksPrivacy).erase({
          actor: { userId: coach.userId, organisationId: organisation.id } as never,
          participantId: erased,
          organisationId: organisation.id,
          now: new Date(),
          reason: 'test',
          addresses: new Set(),
        }),
      );

      expect(outcome.counts).toEqual({ coachTasksDeleted: 1 });
      const left: Array<{ detail: string }> = await testApp.dataSource.query('SELECT detail FROM coach_task ORDER BY detail');
      expect(left).toEqual([{ detail: 'marker-kept' }]);
    });
  });
});

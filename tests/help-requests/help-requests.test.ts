import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { HelpRequestsModule } from '../../src/help-requests/help-requests.module.js';
import { HelpRequestsService } from '../../src/help-requests/help-requests.service.js';
import { JobName, QueueName } from '../../src/platform/queue/queue.constants.js';
import {
  createEmployer,
  createOrganisation,
  createParticipant,
  createTeam,
  createUser,
  renewSession,
  type TestUser,
} from '../support/fixtures.js';
import { createTestApp, queueBackends, resetState, runDueJobs, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';

const BODY = 'Mijn rooster is veranderd en ik moet nu avonden werken, terwijl mijn medicatie dat lastig maakt.';

describe.each(queueBackends())('help requests (queue on %s)', (backend) => {
  let testApp: TestApp;
  let organisationId: string;
  let coach: TestUser;
  let lead: TestUser;
  let otherCoach: TestUser;
  let participant: TestUser;
  let participantId: string;
  let employerUser: TestUser;
  let employerId: string;
  let outsider: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp({ queue: backend, env: { QUEUE_BACKOFF_MS: '50' }, imports: [HelpRequestsModule] });
  });
  beforeEach(async () => {
    await resetState(testApp);
    // Friday 6 March 2026, 14:30 in Amsterdam.
    testApp.clock.set('2026-03-06T13:30:00Z');
    const organisation = await createOrganisation(testApp.dataSource);
    organisationId = organisation.id;
    const team = await createTeam(testApp.dataSource, organisationId);
    const otherTeam = await createTeam(testApp.dataSource, organisationId, 'Team Zuid');
    coach = await createUser(testApp, organisationId, 'jobcoach', { teamId: team });
    lead = await createUser(testApp, organisationId, 'team_lead', { teamId: team });
    otherCoach = await createUser(testApp, organisationId, 'jobcoach', { teamId: otherTeam });
    participantId = await createParticipant(testApp.dataSource, organisationId, coach.membershipId);
    participant = await createUser(testApp, organisationId, 'participant', { participantId });
    employerId = await createEmployer(testApp.dataSource, organisationId);
    await testApp.dataSource.query('UPDATE employer SET contact_coach_membership_id = $2 WHERE id = $1', [employerId, coach.membershipId]);
    employerUser = await createUser(testApp, organisationId, 'employer_user', { employerId });
    const elsewhere = await createOrganisation(testApp.dataSource, 'Elders');
    const elsewhereParticipant = await createParticipant(testApp.dataSource, elsewhere.id, null, ['Piet', 'Jansen']);
    outsider = await createUser(testApp, elsewhere.id, 'participant', { participantId: elsewhereParticipant });
  });
  afterAll(() => testApp.close());

  const post = (path: string, body: object, user: TestUser) => request(testApp.http).post(path).set(user.auth).send(body);
  const get = (path: string, user: TestUser) => request(testApp.http).get(path).set(user.auth);

  async function ask(user: TestUser = participant, extra: object = {}): Promise<string> {
    const response = await post(
      '/v1/help-requests',
      { category: 'work', urgency: 'normal', preferredChannel: 'phone', preferredTime: 'Na 16:00', body: BODY, ...extra },
      user,
    );
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function displayName(user: TestUser): Promise<string> {
    const [row] = await testApp.dataSource.query('SELECT display_name FROM user_account WHERE id = $1', [user.userId]);
    return row.display_name;
  }

  async function mailsTo(
    user: TestUser,
    template: string,
  ): Promise<Array<{ context: Record<string, unknown>; text: string | null; subject: string | null }>> {
    return testApp.dataSource.query('SELECT context, text, subject FROM mail_message WHERE recipient = $1 AND template = $2', [
      user.email,
      template,
    ]);
  }

  describe('routing and response time', () => {
    it('goes to the participant’s own coach, acknowledge by Monday at the same time, with a mail that says nothing personal', async () => {
      const response = await post('/v1/help-requests', { category: 'health', urgency: 'high', body: BODY }, participant);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        status: 'new',
        category: 'health',
        body: BODY,
        coachName: await displayName(coach),
        handledByName: await displayName(coach),
        acknowledgeBy: '2026-03-09T13:30:00.000Z',
        assignedMembershipId: null,
        escalatedAt: null,
      });
      const [row] = await testApp.dataSource.query('SELECT assigned_membership_id, body, participant_id FROM help_request WHERE id = $1', [
        response.body.id,
      ]);
      expect(row.assigned_membership_id).toBe(coach.membershipId);
      expect(row.participant_id).toBe(participantId);
      expect(row.body).toMatch(/^enc1\./);
      expect(row.body).not.toContain('avonden');
      await waitForQueuesToDrain(testApp);
      const [mail] = await mailsTo(coach, 'help-request-new');
      const shown = JSON.stringify(mail);
      expect(shown).toContain(`/help-requests/${response.body.id}`);
      for (const secret of ['avonden', 'medicatie', 'health', 'Fatima', 'El Amrani']) expect(shown).not.toContain(secret);
    });

    it('goes to the team lead while the coach is away, and back to the coach after', async () => {
      await testApp.dataSource.query("UPDATE membership SET absent_until = '2026-03-06' WHERE id = $1", [coach.membershipId]);
      const away = await ask();
      await testApp.dataSource.query("UPDATE membership SET absent_until = '2026-03-05' WHERE id = $1", [coach.membershipId]);
      const back = await ask();
      const rows = await testApp.dataSource.query('SELECT id, assigned_membership_id FROM help_request');
      const assigned = Object.fromEntries(
        rows.map((row: { id: string; assigned_membership_id: string }) => [row.id, row.assigned_membership_id]),
      );
      expect(assigned[away]).toBe(lead.membershipId);
      expect(assigned[back]).toBe(coach.membershipId);
      const seen = await get(`/v1/help-requests/${away}`, participant);
      expect(seen.body).toMatchObject({ coachName: await displayName(coach), handledByName: await displayName(lead) });
      await waitForQueuesToDrain(testApp);
      expect(await mailsTo(lead, 'help-request-new')).toHaveLength(1);
    });

    it('stays with the absent coach when no team lead can take it, and mails nobody whose membership is not active', async () => {
      await testApp.dataSource.query("UPDATE membership SET absent_until = '2026-03-06' WHERE id = $1", [coach.membershipId]);
      await testApp.dataSource.query("UPDATE membership SET status = 'disabled' WHERE id = $1", [lead.membershipId]);
      const response = await post('/v1/help-requests', { category: 'work', urgency: 'normal', body: BODY }, participant);
      expect(response.status).toBe(201);
      // The answer to the create is what a read of the new request shows.
      expect(response.body).toEqual((await get(`/v1/help-requests/${response.body.id}`, participant)).body);
      await testApp.dataSource.query("UPDATE membership SET status = 'disabled' WHERE id = $1", [coach.membershipId]);
      const unattended = await ask();
      const rows = await testApp.dataSource.query('SELECT id, assigned_membership_id FROM help_request');
      expect(rows.map((row: { assigned_membership_id: string }) => row.assigned_membership_id)).toEqual([
        coach.membershipId,
        coach.membershipId,
      ]);
      await waitForQueuesToDrain(testApp);
      const mails = await testApp.dataSource.query("SELECT dedupe_key FROM mail_message WHERE template = 'help-request-new'");
      expect(mails).toEqual([{ dedupe_key: `help-request-new.${response.body.id}` }]);
      expect(unattended).not.toBe(response.body.id);
    });

    it('sends an employer user’s request to the employer’s contact coach', async () => {
      const id = await ask(employerUser, { category: 'conflict_at_work' });
      const [row] = await testApp.dataSource.query(
        'SELECT assigned_membership_id, employer_id, participant_id, requester_role FROM help_request WHERE id = $1',
        [id],
      );
      expect(row).toEqual({
        assigned_membership_id: coach.membershipId,
        employer_id: employerId,
        participant_id: null,
        requester_role: 'employer_user',
      });
      expect((await get(`/v1/help-requests/${id}`, coach)).status).toBe(200);
    });

    it('takes employer topics from employers and life domains from participants, and names the employee only within what the employer may see', async () => {
      const wrongForEmployer = await post('/v1/help-requests', { category: 'home', urgency: 'normal', body: BODY }, employerUser);
      expect(wrongForEmployer.status).toBe(422);
      expect(wrongForEmployer.body.invalidParams[0].name).toBe('category');
      const wrongForParticipant = await post('/v1/help-requests', { category: 'absence', urgency: 'normal', body: BODY }, participant);
      expect(wrongForParticipant.body.invalidParams[0].name).toBe('category');

      const [placement] = await testApp.dataSource.query(
        `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_type, hours_per_week)
         VALUES ($1, $2, $3, $4, 'paid_job', 'contract', '2026-02-01', 'permanent', 20) RETURNING id`,
        [organisationId, participantId, employerId, coach.membershipId],
      );
      // Without the consent to disclose the support, the employer may not see the placement: it cannot name it.
      const hidden = await post(
        '/v1/help-requests',
        { category: 'employee_functioning', urgency: 'normal', body: BODY, aboutPlacementId: placement.id },
        employerUser,
      );
      expect(hidden.status).toBe(422);
      expect(hidden.body.invalidParams[0].name).toBe('aboutPlacementId');
      expect(await testApp.dataSource.query('SELECT id FROM help_request WHERE requester_role = $1', ['employer_user'])).toEqual([]);

      await testApp.dataSource.query(
        "INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, given_at, given_by_user_id) VALUES ($1, $2, 'disclose_support_organisation', $3, now(), $4)",
        [organisationId, participantId, employerId, participant.userId],
      );
      const id = await ask(employerUser, { category: 'employee_functioning', aboutPlacementId: placement.id });
      const seenByCoach = await get(`/v1/help-requests/${id}`, coach);
      expect(seenByCoach.body).toMatchObject({ category: 'employee_functioning', aboutEmployeeName: expect.any(String) });
      expect(seenByCoach.body.aboutEmployeeName.length).toBeGreaterThan(1);
      // Still the employer's own request: the participant does not see it.
      const mine = await get('/v1/help-requests', participant);
      expect(mine.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    });

    it('counts the organisation’s response time in working days over a holiday', async () => {
      await testApp.dataSource.query(`UPDATE organisation SET settings = settings || '{"helpResponseWorkingDays": 2}' WHERE id = $1`, [
        organisationId,
      ]);
      // Thursday 2 April 2026: Good Friday counts, the weekend and Easter Monday do not.
      testApp.clock.set('2026-04-02T08:00:00Z');
      await renewSession(testApp, participant);
      const id = await ask();
      expect((await get(`/v1/help-requests/${id}`, participant)).body.acknowledgeBy).toBe('2026-04-07T08:00:00.000Z');
    });

    it('refuses staff and admins as requesters, and checks the fields', async () => {
      expect((await post('/v1/help-requests', { category: 'work', urgency: 'normal', body: BODY }, coach)).status).toBe(403);
      const invalid = await post('/v1/help-requests', { category: 'weather', urgency: 'normal', body: 'x'.repeat(2001) }, participant);
      expect(invalid.status).toBe(400);
      expect(invalid.body.invalidParams.map((param: { name: string }) => param.name).sort()).toEqual(['body', 'category']);
    });
  });

  describe('escalation', () => {
    it('escalates an unacknowledged request to the team lead once, at the acknowledge-by moment', async () => {
      const id = await ask();
      testApp.clock.set('2026-03-09T13:29:00Z');
      await renewSession(testApp, coach);
      expect(await runDueJobs(testApp)).toBe(0);
      expect((await testApp.dataSource.query('SELECT escalated_at FROM help_request WHERE id = $1', [id]))[0].escalated_at).toBeNull();

      testApp.clock.set('2026-03-09T13:30:00Z');
      expect(await runDueJobs(testApp)).toBe(1);
      const [row] = await testApp.dataSource.query('SELECT escalated_at, status, assigned_membership_id FROM help_request WHERE id = $1', [
        id,
      ]);
      expect(row.escalated_at.toISOString()).toBe('2026-03-09T13:30:00.000Z');
      expect(row).toMatchObject({ status: 'new', assigned_membership_id: coach.membershipId });
      const mails = await mailsTo(lead, 'help-request-escalated');
      expect(mails).toHaveLength(1);
      expect(JSON.stringify(mails[0])).not.toContain('avonden');

      // A redelivered job, and a later run, change nothing.
      const service = testApp.app.get(HelpRequestsService);
      expect(await service.escalate({ helpRequestId: id, runAt: '2026-03-09T13:30:00.000Z' })).toBe('skipped');
      testApp.clock.set('2026-03-10T13:30:00Z');
      expect(await runDueJobs(testApp)).toBe(0);
      expect(await mailsTo(lead, 'help-request-escalated')).toHaveLength(1);

      await renewSession(testApp, lead);
      const inbox = await get('/v1/help-requests', lead);
      expect(inbox.body.items.map((item: { id: string; escalatedAt: string }) => [item.id, item.escalatedAt])).toEqual([
        [id, '2026-03-09T13:30:00.000Z'],
      ]);
    });

    it('plans the check again when its job ran early and finished, and still escalates once (the reconciler)', async () => {
      const id = await ask();
      const service = testApp.app.get(HelpRequestsService);
      const checks = async () =>
        (await testApp.queues.queue(QueueName.Scheduler).getJobs(['delayed', 'waiting', 'active'])).filter(
          (job) => job.name === JobName.HelpRequestAcknowledgeDue,
        );
      const [check] = await checks();
      // Fired early (another machine's clock a little ahead): the handler does nothing and the job is finished.
      await check.promote();
      await waitForQueuesToDrain(testApp);
      expect(await testApp.queues.queue(QueueName.Scheduler).getJobState(check.id!)).toBe('completed');
      expect(await checks()).toEqual([]);

      // The reconciler finds the request still waiting and plans the check again, once however often it runs.
      expect(await service.reconcile()).toBe(1);
      expect(await service.reconcile()).toBe(1);
      expect((await checks()).map((job) => job.id)).toEqual([check.id]);

      testApp.clock.set('2026-03-09T13:30:00Z');
      expect(await runDueJobs(testApp)).toBe(1);
      expect(await mailsTo(lead, 'help-request-escalated')).toHaveLength(1);
      expect((await testApp.dataSource.query('SELECT escalated_at FROM help_request WHERE id = $1', [id]))[0].escalated_at).not.toBeNull();
      expect(await service.reconcile()).toBe(0);
    });

    it('does not escalate a request that was acknowledged in time', async () => {
      const id = await ask();
      testApp.clock.set('2026-03-09T09:00:00Z');
      await renewSession(testApp, coach);
      expect((await post(`/v1/help-requests/${id}/status-changes`, { status: 'acknowledged' }, coach)).status).toBe(200);
      testApp.clock.set('2026-03-09T14:00:00Z');
      expect(await runDueJobs(testApp)).toBe(1);
      expect((await testApp.dataSource.query('SELECT escalated_at FROM help_request WHERE id = $1', [id]))[0].escalated_at).toBeNull();
      expect(await mailsTo(lead, 'help-request-escalated')).toHaveLength(0);
    });

    it('does not escalate when the coach replied in time: a reply acknowledges', async () => {
      const id = await ask();
      testApp.clock.set('2026-03-09T08:00:00Z');
      await renewSession(testApp, coach);
      expect((await post(`/v1/help-requests/${id}/messages`, { body: 'Ik bel u vanmiddag.' }, coach)).status).toBe(201);
      testApp.clock.set('2026-03-09T14:00:00Z');
      await runDueJobs(testApp);
      const [row] = await testApp.dataSource.query('SELECT status, acknowledged_at, escalated_at FROM help_request WHERE id = $1', [id]);
      expect(row.status).toBe('acknowledged');
      expect(row.acknowledged_at.toISOString()).toBe('2026-03-09T08:00:00.000Z');
      expect(row.escalated_at).toBeNull();
    });
  });

  describe('status and messages', () => {
    const change = (id: string, status: string, user: TestUser) => post(`/v1/help-requests/${id}/status-changes`, { status }, user);

    it('moves through the statuses only in order, and only staff acknowledge, start and resolve', async () => {
      const id = await ask();
      const skip = await change(id, 'in_progress', coach);
      expect(skip.status).toBe(422);
      expect(skip.body.invalidParams[0]).toEqual({ name: 'status', reason: 'a help request cannot go from new to in_progress' });
      expect((await change(id, 'acknowledged', participant)).status).toBe(403);
      const acknowledged = await change(id, 'acknowledged', coach);
      expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledgedAt: '2026-03-06T13:30:00.000Z', version: 2 });
      expect((await change(id, 'acknowledged', coach)).status).toBe(422);
      expect((await change(id, 'in_progress', coach)).body.status).toBe('in_progress');
      expect((await change(id, 'closed', coach)).status).toBe(422);
      testApp.clock.advance(60_000);
      const resolved = await change(id, 'resolved', coach);
      expect(resolved.body).toMatchObject({ status: 'resolved', resolvedAt: '2026-03-06T13:31:00.000Z' });
      // The participant says it is not solved yet, then it is.
      expect((await change(id, 'in_progress', participant)).body).toMatchObject({ status: 'in_progress', resolvedAt: null });
      expect((await change(id, 'resolved', coach)).status).toBe(200);
      expect((await change(id, 'closed', participant)).body.status).toBe('closed');
      expect((await change(id, 'in_progress', coach)).status).toBe(422);
      expect((await post(`/v1/help-requests/${id}/messages`, { body: 'Nog een vraag' }, participant)).status).toBe(422);
      expect((await change(id, 'archived', coach)).status).toBe(400);
    });

    it('carries messages both ways, encrypted, with an audit entry for the coach’s reads', async () => {
      const id = await ask();
      testApp.clock.advance(60_000);
      expect((await post(`/v1/help-requests/${id}/messages`, { body: 'Ik slaap er slecht van.' }, participant)).status).toBe(201);
      testApp.clock.advance(60_000);
      const reply = await post(`/v1/help-requests/${id}/messages`, { body: 'Ik bel u morgen om 10:00 uur.' }, coach);
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ authorRole: 'jobcoach', mine: true });

      const seenByParticipant = await get(`/v1/help-requests/${id}/messages`, participant);
      expect(
        seenByParticipant.body.map((message: { body: string; mine: boolean; authorRole: string }) => [
          message.authorRole,
          message.mine,
          message.body,
        ]),
      ).toEqual([
        ['participant', true, 'Ik slaap er slecht van.'],
        ['jobcoach', false, 'Ik bel u morgen om 10:00 uur.'],
      ]);
      const seenByCoach = await get(`/v1/help-requests/${id}/messages`, coach);
      expect(seenByCoach.body.map((message: { mine: boolean }) => message.mine)).toEqual([false, true]);
      expect((await get(`/v1/help-requests/${id}`, participant)).body.status).toBe('acknowledged');

      const stored = await testApp.dataSource.query('SELECT body FROM help_request_message WHERE help_request_id = $1', [id]);
      expect(stored).toHaveLength(2);
      for (const row of stored) expect(row.body).toMatch(/^enc1\./);

      await get(`/v1/help-requests/${id}`, coach);
      const audit = await testApp.dataSource.query(
        "SELECT action, resource_type FROM audit_event WHERE actor_user_id = $1 AND subject_participant_id = $2 AND action = 'read' ORDER BY id",
        [coach.userId, participantId],
      );
      expect(audit).toEqual([
        { action: 'read', resource_type: 'help_request' },
        { action: 'read', resource_type: 'help_request' },
      ]);
      await waitForQueuesToDrain(testApp);
      expect(await mailsTo(participant, 'help-request-reply')).toHaveLength(1);
      expect(await mailsTo(coach, 'help-request-reply')).toHaveLength(1);
    });

    it('lists mine for the requester and the inbox for staff, most urgent and oldest first', async () => {
      const normal = await ask();
      testApp.clock.advance(60_000);
      const urgent = await ask(participant, { urgency: 'high' });
      testApp.clock.advance(60_000);
      const fromEmployer = await ask(employerUser, { urgency: 'high', category: 'absence' });
      const inbox = await get('/v1/help-requests?assigned=me', coach);
      expect(inbox.body.items.map((item: { id: string }) => item.id)).toEqual([urgent, fromEmployer, normal]);
      expect(inbox.body.total).toBe(3);
      const mine = await get('/v1/help-requests', participant);
      expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([urgent, normal]);
      expect((await get('/v1/help-requests?assigned=me', participant)).status).toBe(422);
      const teamView = await get('/v1/help-requests?status=new', lead);
      expect(teamView.body.total).toBe(3);
      expect((await get('/v1/help-requests', otherCoach)).body.total).toBe(0);
      const listed = await testApp.dataSource.query(
        "SELECT count(*)::int AS n FROM audit_event WHERE actor_user_id = $1 AND action = 'list' AND resource_type = 'help_request'",
        [coach.userId],
      );
      expect(listed[0].n).toBe(2);
    });
  });

  describe('access', () => {
    it('answers 404 to another organisation, an unrelated coach and another requester', async () => {
      const id = await ask();
      for (const user of [outsider, otherCoach, employerUser]) {
        expect((await get(`/v1/help-requests/${id}`, user)).status).toBe(404);
        expect((await get(`/v1/help-requests/${id}/messages`, user)).status).toBe(404);
        expect((await post(`/v1/help-requests/${id}/messages`, { body: 'Hallo' }, user)).status).toBe(404);
        expect((await post(`/v1/help-requests/${id}/status-changes`, { status: 'acknowledged' }, user)).status).toBe(404);
      }
      expect((await get('/v1/help-requests/00000000-0000-4000-8000-000000000000', coach)).status).toBe(404);
      expect((await get('/v1/help-requests/not-a-uuid', coach)).status).toBe(400);
      expect((await get('/v1/help-requests', outsider)).body.total).toBe(0);
      expect((await get(`/v1/help-requests/${id}`, lead)).status).toBe(200);
    });
  });
});

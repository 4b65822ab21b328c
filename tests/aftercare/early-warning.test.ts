import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CheckinsService } from '../../src/aftercare/checkins.service.js';
import { EarlyWarningService } from '../../src/aftercare/early-warning.service.js';
import { SESSION_COOKIE } from '../../src/platform/auth/session-cookie.js';
import { JobName } from '../../src/platform/queue/queue.constants.js';
import { jobIdFor } from '../../src/platform/queue/queue.service.js';
import { JOB_QUEUES } from '../../src/platform/queue/queue.constants.js';
import { createEmployer, createOrganisation, createParticipant, createUser, renewSession, type TestUser } from '../support/fixtures.js';
import { createTestApp, queueBackends, resetState, runDueJobs, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';
import { aftercareWorld, type AftercareWorld } from './aftercare-world.js';

interface RiskRow {
  rule: string;
  occurrence: string;
  reason: string;
  next_action: string;
  raised_at: Date;
  resolved_at: Date | null;
  resolution: string | null;
  action_taken: string | null;
  action_note: string | null;
}

describe.each(queueBackends())('early warning (queue on %s)', (backend) => {
  let testApp: TestApp;
  let world: AftercareWorld;
  let service: EarlyWarningService;

  beforeAll(async () => {
    testApp = await createTestApp({ queue: backend, env: { QUEUE_BACKOFF_MS: '50' } });
    service = testApp.app.get(EarlyWarningService);
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-03-10T12:00:00Z');
    world = await aftercareWorld(testApp);
  });
  afterAll(() => testApp.close());

  const http = () => request(testApp.http);
  const risks = async (rule?: string): Promise<RiskRow[]> =>
    testApp.dataSource.query(
      `SELECT rule, occurrence, reason, next_action, raised_at, resolved_at, resolution, action_taken, action_note
         FROM placement_risk WHERE placement_id = $1 ${rule ? 'AND rule = $2' : ''} ORDER BY raised_at, occurrence`,
      rule ? [world.placementId, rule] : [world.placementId],
    );
  const open = async (rule: string) => (await risks(rule)).filter((row) => row.resolved_at === null);
  /** The clock moves and the day's job runs (as the worker would at 04:00 UTC); sessions are renewed. */
  const dayRun = async (instant: string) => {
    testApp.clock.set(instant);
    for (const user of [world.coach, world.lead, world.participant]) await renewSession(testApp, user);
    return service.evaluateAll();
  };
  const toAftercare = async (frequency = 'monthly') => {
    await testApp.dataSource.query(
      "UPDATE placement SET status = 'aftercare', monitoring_frequency = $2, aftercare_end_on = '2026-07-31' WHERE id = $1",
      [world.placementId, frequency],
    );
    await testApp.app.get(CheckinsService).generate(world.placementId);
  };
  const checkins = async () =>
    (await testApp.dataSource.query(
      "SELECT id, to_char(due_on, 'YYYY-MM-DD') AS due FROM checkin WHERE placement_id = $1 AND status <> 'cancelled' ORDER BY due_on",
      [world.placementId],
    )) as Array<{ id: string; due: string }>;

  describe('few hours a week at the contract start', () => {
    beforeEach(async () => {
      await testApp.dataSource.query("UPDATE placement SET hours_per_week = 20, contract_start = '2026-04-01' WHERE id = $1", [
        world.placementId,
      ]);
    });

    it('is raised on the day the contract starts, not before, and cleared when the hours go up', async () => {
      await dayRun('2026-03-31T04:00:00Z');
      expect(await risks('low_hours')).toEqual([]);
      const outcome = await dayRun('2026-04-01T04:00:00Z');
      expect(outcome.raised).toBe(1);
      const [risk] = await risks('low_hours');
      expect(risk).toMatchObject({
        occurrence: 'contract.2026-04-01',
        reason: 'Werkt 20 uur per week sinds 1 april 2026. Wie 20 uur of minder werkt, stopt vaker.',
        next_action: 'Plan een gesprek over uitbreiding van uren',
        resolved_at: null,
      });
      expect(risk.raised_at.toISOString()).toBe('2026-04-01T04:00:00.000Z');

      await testApp.dataSource.query('UPDATE placement SET hours_per_week = 24 WHERE id = $1', [world.placementId]);
      await dayRun('2026-04-02T04:00:00Z');
      expect(await risks('low_hours')).toEqual([
        expect.objectContaining({ resolution: 'condition_ended', resolved_at: new Date('2026-04-02T04:00:00Z') }),
      ]);
    });

    it("uses the organisation's own dated threshold", async () => {
      await testApp.dataSource.query(
        "INSERT INTO organisation_rule_parameter (organisation_id, key, value_number, valid_from, source) VALUES ($1, 'earlyWarningMaxHoursPerWeek', 16, '2026-01-01', 'Besluit MT 2026')",
        [world.organisationId],
      );
      await dayRun('2026-04-01T04:00:00Z');
      expect(await risks('low_hours')).toEqual([]);
    });

    it('lets the coach record an action that keeps the risk, then close it; a closed risk is not raised again', async () => {
      await dayRun('2026-04-01T04:00:00Z');
      const [listed] = (await http().get('/v1/placement-risks').set(world.coach.auth).expect(200)).body;
      expect(listed).toMatchObject({
        rule: 'low_hours',
        state: 'open',
        nextAction: 'Plan een gesprek over uitbreiding van uren',
        participantName: expect.any(String),
        employerName: 'Bakkerij De Korenschoof',
      });
      const path = `/v1/placements/${world.placementId}/risks/${listed.id}/follow-ups`;
      const kept = await http()
        .post(path)
        .set(world.coach.auth)
        .send({ action: 'hours_talk_planned', note: 'Gesprek met werkgever op 10 april' })
        .expect(201);
      expect(kept.body).toMatchObject({
        state: 'action_taken',
        actionTaken: 'hours_talk_planned',
        actionByUserId: world.coach.userId,
        acknowledgedAt: '2026-04-01T04:00:00.000Z',
        resolvedAt: null,
      });
      // Who did it, by name, for the pages that show what followed: in the answer and when read back.
      const [{ display_name: coachName }] = await testApp.dataSource.query('SELECT display_name FROM user_account WHERE id = $1', [
        world.coach.userId,
      ]);
      expect(kept.body).toMatchObject({ actionByName: coachName, acknowledgedByName: coachName });
      const [readBack] = (await http().get(`/v1/placements/${world.placementId}/risks`).set(world.coach.auth).expect(200)).body;
      expect(readBack).toMatchObject({
        actionTaken: 'hours_talk_planned',
        actionNote: 'Gesprek met werkgever op 10 april',
        actionByName: coachName,
        acknowledgedByName: coachName,
      });
      await dayRun('2026-04-02T04:00:00Z');
      expect(await open('low_hours')).toHaveLength(1);

      const closed = await http().post(path).set(world.coach.auth).send({ action: 'other', resolve: true }).expect(201);
      expect(closed.body).toMatchObject({ state: 'resolved', resolution: 'coach', resolvedByUserId: world.coach.userId });
      await dayRun('2026-04-03T04:00:00Z');
      expect(await risks('low_hours')).toHaveLength(1);
      expect(await open('low_hours')).toEqual([]);
      // What followed, for the aftercare-delivery report: counts per rule.
      expect(await service.outcomes(world.organisationId, '2026-04-01', '2026-04-30')).toEqual([
        {
          rule: 'low_hours',
          raised: 1,
          acknowledged: 1,
          actionTaken: 1,
          resolvedByCoach: 1,
          conditionEnded: 0,
          placementEnded: 0,
          open: 0,
          medianHoursToAcknowledge: 0,
        },
      ]);
      // Closed is closed; a bad action names its field.
      expect((await http().post(path).set(world.coach.auth).send({ action: 'other' })).status).toBe(409);
      const bad = await http().post(path).set(world.coach.auth).send({ action: 'shrugged' });
      expect(bad.status).toBe(400);
      expect(bad.body.invalidParams[0].name).toBe('action');
    });
  });

  describe('check-ins missed twice in a row', () => {
    beforeEach(() => toAftercare());

    it('is raised by the second miss, not the first, and cleared by a check-in that takes place', async () => {
      const [first, second, third] = await checkins();
      expect([first.due, second.due, third.due]).toEqual(['2026-04-10', '2026-05-10', '2026-06-10']);
      await dayRun('2026-04-11T09:00:00Z');
      await http().post(`/v1/checkins/${first.id}/missed`).set(world.coach.auth).send({ reason: 'Niet opgenomen' }).expect(201);
      expect(await risks('missed_checkins')).toEqual([]);
      testApp.clock.set('2026-05-11T09:00:00Z');
      await renewSession(testApp, world.coach);
      await http().post(`/v1/checkins/${second.id}/missed`).set(world.coach.auth).send({ reason: 'Niet gekomen' }).expect(201);
      const [risk] = await risks('missed_checkins');
      expect(risk).toMatchObject({
        occurrence: `run.${first.id}`,
        reason: 'Twee nazorggesprekken op rij gemist, de laatste op 10 mei 2026.',
        next_action: 'Bel deelnemer: twee gemiste check-ins',
      });
      expect(risk.raised_at.toISOString()).toBe('2026-05-11T09:00:00.000Z');

      testApp.clock.set('2026-06-10T12:00:00Z');
      await renewSession(testApp, world.coach);
      await http()
        .post(`/v1/checkins/${third.id}/record`)
        .set(world.coach.auth)
        .send({
          heldOn: '2026-06-10',
          channel: 'phone',
          withWhom: 'participant',
          frame: { knowing: 'Ja', able: 'Ja', doing: 'Ja', belonging: 'Ja' },
          workMatchesDescription: true,
        })
        .expect(201);
      expect(await risks('missed_checkins')).toEqual([expect.objectContaining({ resolution: 'condition_ended' })]);
    });
  });

  describe('contact below the plan', () => {
    beforeEach(() => toAftercare());

    it('is raised when a planned contact is more than the grace days past with no contact, and cleared by a contact', async () => {
      // Monthly plan: first contact planned on 10 April; 7 grace days.
      await dayRun('2026-04-16T04:00:00Z');
      expect(await risks('contact_below_plan')).toEqual([]);
      await dayRun('2026-04-17T04:00:00Z');
      expect(await risks('contact_below_plan')).toEqual([
        expect.objectContaining({
          occurrence: 'since.start',
          reason: 'Minder contact dan afgesproken (elke maand). Er is nog geen contact geweest; er was contact gepland op 10 april 2026.',
          next_action: 'Neem contact op met deelnemer en werkgever, zoals in het plan staat',
        }),
      ]);
      await dayRun('2026-04-17T10:00:00Z');
      await http()
        .post(`/v1/placements/${world.placementId}/contacts`)
        .set(world.coach.auth)
        .send({ at: '2026-04-17T09:30:00Z', channel: 'phone', withParty: 'participant' })
        .expect(201);
      expect(await open('contact_below_plan')).toEqual([]);
      // The next planned moment (10 May) passes too: a new situation, a new risk.
      await dayRun('2026-05-16T04:00:00Z');
      expect(await open('contact_below_plan')).toEqual([]);
      await dayRun('2026-05-17T04:00:00Z');
      expect(await open('contact_below_plan')).toEqual([expect.objectContaining({ occurrence: 'since.2026-04-17' })]);
    });

    it('does not apply to a plan of contact only on request', async () => {
      await testApp.dataSource.query("UPDATE placement SET monitoring_frequency = 'on_request' WHERE id = $1", [world.placementId]);
      await dayRun('2026-06-30T04:00:00Z');
      expect(await risks('contact_below_plan')).toEqual([]);
    });
  });

  describe('contract end without a renewal talk', () => {
    it('is raised 8 weeks before the end, cleared by a renewal talk, and raised again for a new end date', async () => {
      await dayRun('2026-11-04T04:00:00Z');
      expect(await risks('renewal_talk_due')).toEqual([]);
      await dayRun('2026-11-05T04:00:00Z');
      const [risk] = await risks('renewal_talk_due');
      expect(risk).toMatchObject({
        occurrence: 'end.2026-12-31',
        reason: 'Het contract loopt af op 31 december 2026. Er is nog geen gesprek over verlenging vastgelegd.',
        next_action: 'Plan een verlengingsgesprek vóór 31 december 2026',
      });
      const [listed] = (await http().get(`/v1/placements/${world.placementId}/risks`).set(world.coach.auth).expect(200)).body;
      const followed = await http()
        .post(`/v1/placements/${world.placementId}/risks/${listed.id}/follow-ups`)
        .set(world.coach.auth)
        .send({ action: 'renewal_talk_held', channel: 'visit', note: 'Werkgever wil verlengen met een jaar' })
        .expect(201);
      // The talk is a contact for this end date; the rule stops holding and the risk closes by itself, with what the coach did.
      expect(followed.body).toMatchObject({ state: 'resolved', resolution: 'condition_ended', actionTaken: 'renewal_talk_held' });
      expect(
        await testApp.dataSource.query(
          "SELECT channel, with_party, to_char(contract_end_on, 'YYYY-MM-DD') AS end FROM contact_log WHERE topic = 'renewal_talk'",
        ),
      ).toEqual([{ channel: 'visit', with_party: 'both', end: '2026-12-31' }]);

      await testApp.dataSource.query("UPDATE placement SET contract_end = '2027-06-30' WHERE id = $1", [world.placementId]);
      await dayRun('2027-05-04T04:00:00Z');
      expect(await open('renewal_talk_due')).toEqual([]);
      await dayRun('2027-05-05T04:00:00Z');
      expect(await open('renewal_talk_due')).toEqual([expect.objectContaining({ occurrence: 'end.2027-06-30' })]);
    });

    it('takes a renewal talk through the contact log of the API; refused without an end date', async () => {
      testApp.clock.set('2026-10-01T10:00:00Z');
      await renewSession(testApp, world.coach);
      await http()
        .post(`/v1/placements/${world.placementId}/contacts`)
        .set(world.coach.auth)
        .send({ at: '2026-10-01T09:00:00Z', channel: 'visit', withParty: 'both', topic: 'renewal_talk' })
        .expect(201);
      await dayRun('2026-11-05T04:00:00Z');
      expect(await risks('renewal_talk_due')).toEqual([]);
      await testApp.dataSource.query('UPDATE placement SET contract_end = NULL WHERE id = $1', [world.placementId]);
      const refused = await http()
        .post(`/v1/placements/${world.placementId}/contacts`)
        .set(world.coach.auth)
        .send({ at: '2026-11-05T03:00:00Z', channel: 'visit', withParty: 'both', topic: 'renewal_talk' });
      expect(refused.status).toBe(422);
      expect(refused.body.invalidParams[0].name).toBe('topic');
    });
  });

  it('closes open risks when the placement ends', async () => {
    await dayRun('2026-11-05T04:00:00Z');
    await testApp.dataSource.query("UPDATE placement SET status = 'closed', closed_on = '2026-11-05' WHERE id = $1", [world.placementId]);
    await dayRun('2026-11-06T04:00:00Z');
    expect(await risks('renewal_talk_due')).toEqual([expect.objectContaining({ resolution: 'placement_ended' })]);
  });

  it('runs once a day under a job id of its day: scheduling twice or running twice raises nothing twice', async () => {
    await testApp.dataSource.query('UPDATE placement SET hours_per_week = 16 WHERE id = $1', [world.placementId]);
    testApp.clock.set('2026-04-01T03:00:00Z');
    await service.scheduleDay('2026-04-01');
    await service.scheduleDay('2026-04-01');
    const queue = testApp.queues.queue(JOB_QUEUES[JobName.EarlyWarningDaily]);
    const delayed = (await queue.getJobs(['delayed'])).filter((job) => job.name === JobName.EarlyWarningDaily);
    expect(delayed.map((job) => job.id)).toEqual([jobIdFor(JobName.EarlyWarningDaily, '2026-04-01')]);
    await runDueJobs(testApp);
    expect(await risks()).toEqual([]);

    testApp.clock.set('2026-04-01T04:00:00Z');
    await runDueJobs(testApp);
    expect(await risks('low_hours')).toHaveLength(1);
    // The run planned the next day's; the same day again is the same job, which already ran.
    expect(await queue.getJob(jobIdFor(JobName.EarlyWarningDaily, '2026-04-02'))).toBeDefined();
    await service.scheduleDay('2026-04-01');
    await waitForQueuesToDrain(testApp);
    expect(await service.evaluateAll()).toMatchObject({ raised: 0, resolved: 0 });
    expect(await risks()).toHaveLength(1);
  });

  describe('on the pages and in the API', () => {
    const cookie = (user: TestUser) => `${SESSION_COOKIE}=${user.token}`;

    it("shows the reason and the next step on the coach's Vandaag and the team lead's team view; records what the coach did", async () => {
      await testApp.dataSource.query('UPDATE placement SET hours_per_week = 16 WHERE id = $1', [world.placementId]);
      await dayRun('2026-04-01T04:00:00Z');
      const page = await http().get('/portal/today').set('Cookie', cookie(world.coach)).expect(200);
      expect(page.text).toContain('Waarschuwingen: kans op uitval');
      expect(page.text).toContain('Werkt 16 uur per week sinds 2 februari 2026.');
      expect(page.text).toContain('Plan een gesprek over uitbreiding van uren');
      const team = await http().get('/portal/team').set('Cookie', cookie(world.lead)).expect(200);
      expect(team.text).toContain('Waarschuwingen in het team');
      expect(team.text).toContain('Werkt 16 uur per week sinds 2 februari 2026.');
      expect(team.text).toContain('Plan een gesprek over uitbreiding van uren');
      // Another coach of the team has no warnings of their own on Vandaag.
      await renewSession(testApp, world.otherCoach);
      expect((await http().get('/portal/today').set('Cookie', cookie(world.otherCoach)).expect(200)).text).toContain(
        'Er zijn geen waarschuwingen.',
      );

      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
      const action = /action="(\/portal\/placements\/[^"]+\/risks\/[^"]+)"/.exec(page.text)![1];
      const tooLong = await http()
        .post(action)
        .set('Cookie', cookie(world.coach))
        .type('form')
        .send({ _csrf: csrf, action: 'called_participant', note: 'x'.repeat(1001) });
      expect(tooLong.status).toBe(400);
      expect(tooLong.text).toContain('error-summary');
      const saved = await http()
        .post(action)
        .set('Cookie', cookie(world.coach))
        .type('form')
        .send({ _csrf: csrf, action: 'called_participant', note: 'Gaat goed, wil meer uren', resolve: 'true' });
      expect(saved.status).toBe(303);
      expect(await risks('low_hours')).toEqual([
        expect.objectContaining({ action_taken: 'called_participant', action_note: 'Gaat goed, wil meer uren', resolution: 'coach' }),
      ]);
      // The call is a contact too.
      const [{ n }] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM contact_log WHERE placement_id = $1', [
        world.placementId,
      ]);
      expect(n).toBe(1);
      expect((await http().get('/portal/today?saved=risk').set('Cookie', cookie(world.coach))).text).toContain(
        'Er zijn geen waarschuwingen.',
      );
    });

    it('keeps risks inside the organisation and the placement they belong to', async () => {
      await testApp.dataSource.query('UPDATE placement SET hours_per_week = 16 WHERE id = $1', [world.placementId]);
      await dayRun('2026-04-01T04:00:00Z');
      const [risk] = (await http().get(`/v1/placements/${world.placementId}/risks`).set(world.coach.auth).expect(200)).body;
      const other = await createOrganisation(testApp.dataSource, 'Andere organisatie');
      const stranger = await createUser(testApp, other.id, 'jobcoach');
      expect((await http().get(`/v1/placements/${world.placementId}/risks`).set(stranger.auth)).status).toBe(404);
      expect((await http().get('/v1/placement-risks').set(stranger.auth).expect(200)).body).toEqual([]);
      // A risk of one placement cannot be followed up through another placement of the coach.
      const participantId = await createParticipant(testApp.dataSource, world.organisationId, world.coach.membershipId);
      const employerId = await createEmployer(testApp.dataSource, world.organisationId, 'Tweede werkgever');
      const [second] = await testApp.dataSource.query(
        "INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status) VALUES ($1, $2, $3, $4, 'paid_job', 'contract') RETURNING id",
        [world.organisationId, participantId, employerId, world.coach.membershipId],
      );
      expect(
        (await http().post(`/v1/placements/${second.id}/risks/${risk.id}/follow-ups`).set(world.coach.auth).send({ action: 'other' }))
          .status,
      ).toBe(404);
      expect((await http().get(`/v1/placements/${world.placementId}/risks`).set(world.participant.auth)).status).toBe(403);
    });

    it("puts risks in the participant's data export and empties the coach's note on erasure", async () => {
      await testApp.dataSource.query('UPDATE placement SET hours_per_week = 16 WHERE id = $1', [world.placementId]);
      await dayRun('2026-04-01T04:00:00Z');
      const [risk] = (await http().get(`/v1/placements/${world.placementId}/risks`).set(world.coach.auth).expect(200)).body;
      await http()
        .post(`/v1/placements/${world.placementId}/risks/${risk.id}/follow-ups`)
        .set(world.coach.auth)
        .send({ action: 'meeting_planned', note: 'Afspraak op 8 april' })
        .expect(201);
      const exported = await http().get('/v1/me/data-export').set(world.participant.auth).expect(200);
      expect(exported.body.sections.placementRisks).toEqual([
        expect.objectContaining({
          rule: 'low_hours',
          nextAction: 'Plan een gesprek over uitbreiding van uren',
          actionTaken: 'meeting_planned',
          actionNote: 'Afspraak op 8 april',
        }),
      ]);
      const admin = await createUser(testApp, world.organisationId, 'admin');
      const [participant] = await testApp.dataSource.query('SELECT first_name, last_name FROM participant WHERE id = $1', [
        world.participantId,
      ]);
      await http()
        .post(`/v1/participants/${world.participantId}/erasure`)
        .set(admin.auth)
        .send({ reason: 'Verzoek van de deelnemer', confirmName: `${participant.first_name} ${participant.last_name}` })
        .expect(200);
      expect(await risks('low_hours')).toEqual([expect.objectContaining({ action_note: null, action_taken: 'meeting_planned' })]);
    });
  });
});

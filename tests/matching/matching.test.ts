import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createOrganisation, createParticipant, createUser, type TestOrganisation, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import { createCandidate, createVacancy, giveConsent, MODULES, staffAndEmployer } from './world.js';

const FORBIDDEN = [
  'benefitType',
  'limitationKind',
  'privateNotes',
  'Wajong',
  'mental',
  'schulden',
  'barrier',
  'B3_debts',
  'capacity',
  'diagnos',
];

describe('matching, explanations and the match pipeline', () => {
  let testApp: TestApp;
  let organisation: TestOrganisation;
  let coach: TestUser;
  let admin: TestUser;
  let employerUser: TestUser;
  let employerId: string;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api', imports: MODULES });
  });
  beforeEach(async () => {
    await resetState(testApp);
    organisation = await createOrganisation(testApp.dataSource);
    ({ coach, admin, employerId, employerUser } = await staffAndEmployer(testApp, organisation.id));
  });
  afterAll(() => testApp.close());

  const candidates = (vacancyId: string, query = '') =>
    request(testApp.http).get(`/v1/vacancies/${vacancyId}/candidates${query}`).set(coach.auth);

  describe('score and explanations', () => {
    it('scores a hand-computed example and explains every criterion in Dutch and English', async () => {
      const vacancyId = await createVacancy(testApp, coach, employerId);
      const participantId = await createCandidate(testApp, coach);
      const response = await candidates(vacancyId);
      expect(response.status).toBe(200);
      expect(response.body).toHaveLength(1);
      const [result] = response.body;
      expect(result.participantId).toBe(participantId);
      const byCriterion = Object.fromEntries(
        result.criteria.map((c: { criterion: string; score: number; weight: number }) => [c.criterion, [c.score, c.weight]]),
      );
      // occupation 9329 vs 9321: same minor group (932) = 0.6; skills 1 of 2; workplace (1 + 0.5 + 1) / 3;
      // supervision needed and offered; adaptations 1 of 2 (quiet workspace); growth wanted, not offered; employer 'some'.
      expect(byCriterion).toEqual({
        occupation: [0.6, 3],
        skills: [0.5, 2],
        workplace: [0.83, 2],
        supervision: [1, 1],
        adaptations: [0.5, 2],
        growth: [0, 1],
        employerExperience: [0.5, 1],
      });
      // (3*0.6 + 2*0.5 + 2*0.8333 + 1 + 2*0.5 + 0 + 0.5) / 12 = 0.5806
      expect(result.score).toBe(58.1);
      expect(result.displayScore).toBe(58);
      expect(result.failedFilters).toEqual([]);
      const hours = result.filters.find((f: { filter: string }) => f.filter === 'hours');
      expect(hours.explanation).toEqual({
        nl: 'Wil 20 tot 24 uur per week werken; de vacature biedt 24 uur',
        en: 'Wants to work 20 to 24 hours a week; the vacancy offers 24 hours',
      });
      const occupation = result.criteria.find((c: { criterion: string }) => c.criterion === 'occupation');
      expect(occupation.explanation.nl).toBe('Een beroepswens ligt dicht bij dit beroep (dezelfde beroepsklasse)');
      expect(result.criteria.find((c: { criterion: string }) => c.criterion === 'adaptations').explanation.en).toBe(
        '1 of 2 adaptations needed are possible: quiet workspace',
      );
      expect(result.filters.find((f: { filter: string }) => f.filter === 'distance').explanation.nl).toMatch(
        /^Afstand 8,\d km; reisbereik 15 km$/,
      );
      expect(JSON.stringify(result)).not.toMatch(/Wajong|schulden|benefitType/);
    });

    it('takes the weights from the organisation settings', async () => {
      await testApp.dataSource.query(
        `UPDATE organisation SET settings = '{"matchingWeights": {"occupation": 0, "growth": 5}}' WHERE id = $1`,
        [organisation.id],
      );
      const vacancyId = await createVacancy(testApp, coach, employerId);
      await createCandidate(testApp, coach);
      const [result] = (await candidates(vacancyId)).body;
      // (0 + 1 + 1.6667 + 1 + 1 + 0 + 0.5) / 13 = 0.3974
      expect(result.score).toBe(39.7);
      expect(result.criteria.find((c: { criterion: string }) => c.criterion === 'growth').weight).toBe(5);
    });

    it('scores exact, minor-group and sub-major-group occupation fits differently', async () => {
      const vacancyId = await createVacancy(testApp, coach, employerId);
      const exact = await createCandidate(testApp, coach, { profile: { occupationWishes: ['9321'] } });
      const subMajor = await createCandidate(testApp, coach, { profile: { occupationWishes: ['9311'] } });
      const none = await createCandidate(testApp, coach, { profile: { occupationWishes: ['2511'] } });
      const rows = (await candidates(vacancyId)).body as Array<{
        participantId: string;
        criteria: Array<{ criterion: string; score: number }>;
      }>;
      const occupation = (id: string) =>
        rows.find((r) => r.participantId === id)!.criteria.find((c) => c.criterion === 'occupation')!.score;
      expect([occupation(exact), occupation(subMajor), occupation(none)]).toEqual([1, 0.3, 0]);
      expect(rows[0].participantId).toBe(exact);
    });

    it('never lowers the score for a barrier such as debts; it leads to a support action', async () => {
      const vacancyId = await createVacancy(testApp, coach, employerId);
      const participantId = await createCandidate(testApp, coach);
      const before = (await candidates(vacancyId)).body[0].score;
      const barrier = await request(testApp.http)
        .post(`/v1/participants/${participantId}/barriers`)
        .set(coach.auth)
        .send({ code: 'B3_debts', source: 'self_reported', notedOn: '2026-10-01' });
      expect(barrier.status).toBe(201);
      expect(barrier.body.supportAction).toBe('referral_debt_counselling');
      expect((await candidates(vacancyId)).body[0].score).toBe(before);
    });
  });

  describe('hard filters', () => {
    it('keeps out everyone who fails a filter and, on request, shows which one failed', async () => {
      const vacancyId = await createVacancy(testApp, coach, employerId, {
        sector: 'food_production',
        requiredCertificates: ['HACCP'],
        tasks: [{ description: 'Telefoon aannemen', canBeCarvedOut: false }],
      });
      const certs = { certificates: ['HACCP'] };
      const good = await createCandidate(testApp, coach, { profile: certs });
      const expected: Record<string, string> = {
        hours: await createCandidate(testApp, coach, { profile: { ...certs, hoursMin: 8, hoursMax: 16 } }),
        shifts: await createCandidate(testApp, coach, { profile: { ...certs, shiftsPossible: ['evening'] } }),
        distance: await createCandidate(testApp, coach, { profile: { ...certs, transportModes: ['walk'] } }),
        certificates: await createCandidate(testApp, coach),
        capacity: await createCandidate(testApp, coach, { profile: certs, capacity: 16 }),
        exclusions: await createCandidate(testApp, coach, { profile: { ...certs, excludedTasks: ['telefoon aannemen'] } }),
        consent: await createCandidate(testApp, coach, { profile: certs, consent: false }),
      };
      const noCapacity = await createCandidate(testApp, coach, { profile: certs, capacity: null });
      const far = await createCandidate(testApp, coach, {
        profile: { ...certs, postcode: '1011 AB', transportModes: ['bike', 'public_transport'], maxTravelKm: 100 },
      });

      const plain = await candidates(vacancyId);
      expect(plain.body.map((r: { participantId: string }) => r.participantId)).toEqual([good]);

      const all = await candidates(vacancyId, '?includeExcluded=true');
      expect(all.status).toBe(200);
      const failed = Object.fromEntries(
        all.body.map((r: { participantId: string; failedFilters: string[] }) => [r.participantId, r.failedFilters]),
      );
      // Those who pass are listed too, first, with no failed filter.
      expect(failed[good]).toEqual([]);
      expect(all.body[0].participantId).toBe(good);
      for (const [filter, id] of Object.entries(expected)) expect([filter, failed[id]]).toEqual([filter, [filter]]);
      expect(failed[noCapacity]).toEqual(['capacity']);
      expect(failed[far]).toEqual(['distance']);
      const farRow = all.body.find((r: { participantId: string }) => r.participantId === far);
      expect(farRow.filters.find((f: { filter: string }) => f.filter === 'distance').explanation.en).toMatch(
        /^Distance \d+\.\d km; travel reach 15 km$/,
      );
      const consentRow = all.body.find((r: { participantId: string }) => r.participantId === expected.consent);
      expect(consentRow.filters.find((f: { filter: string }) => f.filter === 'consent')).toMatchObject({
        passed: false,
        explanation: { nl: 'Geen toestemming om voor te stellen aan werkgevers' },
      });
    });

    it('uses the latest dated capacity, not the latest entered', async () => {
      const vacancyId = await createVacancy(testApp, coach, employerId);
      const participantId = await createCandidate(testApp, coach, { capacity: 24 });
      await request(testApp.http)
        .post(`/v1/participants/${participantId}/capacity-assessments`)
        .set(coach.auth)
        .send({ assessedOn: '2026-11-01', hoursPerDay: 4, hoursPerWeek: 16 });
      expect((await candidates(vacancyId)).body).toEqual([]);
      await request(testApp.http)
        .post(`/v1/participants/${participantId}/capacity-assessments`)
        .set(coach.auth)
        .send({ assessedOn: '2026-01-01', hoursPerDay: 6, hoursPerWeek: 30 });
      expect((await candidates(vacancyId)).body).toEqual([]);
    });

    it('treats a withdrawn consent as no consent', async () => {
      const vacancyId = await createVacancy(testApp, coach, employerId);
      const participantId = await createCandidate(testApp, coach);
      await testApp.dataSource.query(
        'UPDATE consent SET withdrawn_at = now(), withdrawn_by_user_id = given_by_user_id WHERE participant_id = $1',
        [participantId],
      );
      expect((await candidates(vacancyId)).body).toEqual([]);
      // The other way round too: no vacancy for this participant.
      const matches = await request(testApp.http).get(`/v1/participants/${participantId}/vacancy-matches`).set(coach.auth);
      expect(matches.status).toBe(200);
      expect(matches.body).toEqual([]);
    });
  });

  describe('both directions and access', () => {
    it('finds open vacancies for a participant with the same score', async () => {
      const vacancyId = await createVacancy(testApp, coach, employerId);
      await createVacancy(testApp, coach, employerId, { status: 'draft' });
      const participantId = await createCandidate(testApp, coach);
      const response = await request(testApp.http).get(`/v1/participants/${participantId}/vacancy-matches`).set(coach.auth);
      expect(response.status).toBe(200);
      expect(response.body.map((r: { vacancyId: string }) => r.vacancyId)).toEqual([vacancyId]);
      expect(response.body[0].score).toBe(58.1);
    });

    it('is for staff only, and another organisation gets 404', async () => {
      const vacancyId = await createVacancy(testApp, coach, employerId);
      const participantId = await createCandidate(testApp, coach);
      expect((await request(testApp.http).get(`/v1/vacancies/${vacancyId}/candidates`).set(employerUser.auth)).status).toBe(403);
      expect((await request(testApp.http).get(`/v1/participants/${participantId}/vacancy-matches`).set(employerUser.auth)).status).toBe(
        403,
      );
      const other = await createOrganisation(testApp.dataSource, 'Ander');
      const outsider = await createUser(testApp, other.id, 'admin');
      expect((await request(testApp.http).get(`/v1/vacancies/${vacancyId}/candidates`).set(outsider.auth)).status).toBe(404);
      expect((await request(testApp.http).get(`/v1/participants/${participantId}/vacancy-matches`).set(outsider.auth)).status).toBe(404);
      expect((await request(testApp.http).get(`/v1/participants/${participantId}/profile`).set(outsider.auth)).status).toBe(404);
    });

    it('keeps private profile fields from the participant and audits reads', async () => {
      const participantId = await createCandidate(testApp, coach);
      const staffView = await request(testApp.http).get(`/v1/participants/${participantId}/profile`).set(coach.auth);
      expect(staffView.body).toMatchObject({
        benefitType: 'Wajong',
        limitationKind: 'mental',
        privateNotes: 'Heeft schulden; schuldhulp loopt.',
        capacityHoursPerWeek: 24,
      });
      const [stored] = await testApp.dataSource.query('SELECT private_notes FROM participant_profile WHERE participant_id = $1', [
        participantId,
      ]);
      expect(stored.private_notes).toMatch(/^enc1\./);
      const participant = await createUser(testApp, organisation.id, 'participant', { participantId });
      const ownView = await request(testApp.http).get(`/v1/participants/${participantId}/profile`).set(participant.auth);
      expect(ownView.status).toBe(200);
      expect(ownView.body.hoursMax).toBe(24);
      expect(ownView.body).not.toHaveProperty('benefitType');
      expect(ownView.body).not.toHaveProperty('limitationKind');
      expect(ownView.body).not.toHaveProperty('privateNotes');
      const audit = await testApp.dataSource.query(
        "SELECT actor_role FROM audit_event WHERE subject_participant_id = $1 AND action = 'read' AND resource_type = 'participant_profile'",
        [participantId],
      );
      expect(audit.map((a: { actor_role: string }) => a.actor_role).sort()).toEqual(['jobcoach', 'participant']);
    });
  });

  describe('match pipeline', () => {
    async function proposed(): Promise<{ matchId: string; participantId: string; vacancyId: string }> {
      const vacancyId = await createVacancy(testApp, coach, employerId);
      const participantId = await createCandidate(testApp, coach);
      const response = await request(testApp.http).post('/v1/matches').set(coach.auth).send({ vacancyId, participantId });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ status: 'proposed', score: 58.1, displayScore: 58, employerId });
      return { matchId: response.body.id, participantId, vacancyId };
    }
    const move = (matchId: string, body: Record<string, unknown>, user = coach) =>
      request(testApp.http).post(`/v1/matches/${matchId}/transitions`).set(user.auth).send(body);

    it('introduces only with consent to share the profile with this employer', async () => {
      const { matchId, participantId } = await proposed();
      const refused = await move(matchId, { status: 'introduced' });
      expect(refused.status).toBe(422);
      expect(refused.body.invalidParams[0].name).toBe('status');
      const otherEmployer = (await staffAndEmployer(testApp, organisation.id)).employerId;
      await giveConsent(testApp, coach, participantId, 'share_profile_with_employer', otherEmployer, ['name']);
      expect((await move(matchId, { status: 'introduced' })).status).toBe(422);
      await giveConsent(testApp, coach, participantId, 'share_profile_with_employer', employerId, ['name']);
      const introduced = await move(matchId, { status: 'introduced' });
      expect(introduced.status).toBe(201);
      expect(introduced.body.status).toBe('introduced');
    });

    it('requires a reason to reject and to skip the trial placement, and records every step', async () => {
      const { matchId, participantId } = await proposed();
      await giveConsent(testApp, coach, participantId, 'share_profile_with_employer', employerId, []);
      expect((await move(matchId, { status: 'contract_agreed' })).status).toBe(422);
      expect((await move(matchId, { status: 'introduced' })).status).toBe(201);
      expect((await move(matchId, { status: 'interview' })).status).toBe(201);
      const noReason = await move(matchId, { status: 'contract_agreed' });
      expect(noReason.status).toBe(422);
      expect(noReason.body.invalidParams).toEqual([{ name: 'reason', reason: 'is required when the trial placement is skipped' }]);
      const skipped = await move(matchId, { status: 'contract_agreed', reason: 'Werkte hier al via een stage' });
      expect(skipped.body).toMatchObject({ status: 'contract_agreed', trialSkippedReason: 'Werkte hier al via een stage' });
      expect((await move(matchId, { status: 'interview' })).status).toBe(422);
      const events = await request(testApp.http).get(`/v1/matches/${matchId}/events`).set(coach.auth);
      expect(events.body.map((e: { fromStatus: string | null; toStatus: string }) => [e.fromStatus, e.toStatus])).toEqual([
        [null, 'proposed'],
        ['proposed', 'introduced'],
        ['introduced', 'interview'],
        ['interview', 'contract_agreed'],
      ]);
      expect(events.body[3]).toMatchObject({ actorUserId: coach.userId, reason: 'Werkte hier al via een stage' });

      const second = await proposed();
      const rejectBare = await move(second.matchId, { status: 'rejected' });
      expect(rejectBare.status).toBe(422);
      expect(rejectBare.body.invalidParams[0].name).toBe('reason');
      expect((await move(second.matchId, { status: 'rejected', reason: 'Werkgever koos een ander' })).body.status).toBe('rejected');
    });

    it('refuses a duplicate active match and hides matches from other organisations', async () => {
      const { matchId, participantId, vacancyId } = await proposed();
      expect((await request(testApp.http).post('/v1/matches').set(coach.auth).send({ vacancyId, participantId })).status).toBe(409);
      const other = await createOrganisation(testApp.dataSource, 'Ander');
      const outsider = await createUser(testApp, other.id, 'admin');
      expect((await request(testApp.http).get(`/v1/matches/${matchId}`).set(outsider.auth)).status).toBe(404);
      expect((await move(matchId, { status: 'withdrawn' }, outsider)).status).toBe(404);
      expect((await request(testApp.http).post('/v1/matches').set(outsider.auth).send({ vacancyId, participantId })).status).toBe(422);
      expect((await request(testApp.http).get(`/v1/matches/${matchId}`).set(admin.auth)).status).toBe(200);
    });
  });

  describe('employer projection', () => {
    it('shows introduced candidates with only the consented parts, never private data', async () => {
      const vacancyId = await createVacancy(testApp, coach, employerId);
      const shared = await createCandidate(testApp, coach, { name: ['Fatima', 'El Amrani'] });
      const onlyProposed = await createCandidate(testApp, coach, { name: ['Piet', 'Voorgesteld'] });
      await request(testApp.http)
        .post(`/v1/participants/${shared}/barriers`)
        .set(coach.auth)
        .send({ code: 'B3_debts', source: 'referral', notedOn: '2026-10-01' });
      await giveConsent(testApp, coach, shared, 'share_profile_with_employer', employerId, ['name', 'skills', 'adaptations']);
      const match = await request(testApp.http).post('/v1/matches').set(coach.auth).send({ vacancyId, participantId: shared });
      await request(testApp.http).post('/v1/matches').set(coach.auth).send({ vacancyId, participantId: onlyProposed });
      expect(
        (await request(testApp.http).post(`/v1/matches/${match.body.id}/transitions`).set(coach.auth).send({ status: 'introduced' }))
          .status,
      ).toBe(201);

      const response = await request(testApp.http).get(`/v1/employers/${employerId}/candidates`).set(employerUser.auth);
      expect(response.status).toBe(200);
      expect(response.body).toHaveLength(1);
      expect(response.body[0]).toMatchObject({
        matchId: match.body.id,
        status: 'introduced',
        sharedParts: ['name', 'skills', 'adaptations'],
      });
      expect(Object.keys(response.body[0].profile).sort()).toEqual([
        'adaptations',
        'certificates',
        'educationLevel',
        'firstName',
        'lastName',
        'skills',
        'strengths',
      ]);
      expect(response.body[0].profile.adaptations).toEqual([
        { code: 'quiet_workspace', nl: 'Rustige werkplek', en: 'Quiet workspace' },
        { code: 'fixed_schedule', nl: 'Vast rooster', en: 'Fixed schedule' },
      ]);
      const text = JSON.stringify(response.body);
      for (const word of FORBIDDEN) expect([word, text.includes(word)]).toEqual([word, false]);
      expect(text).not.toContain('Voorgesteld');

      await testApp.dataSource.query(
        "UPDATE consent SET withdrawn_at = now() WHERE participant_id = $1 AND purpose = 'share_profile_with_employer'",
        [shared],
      );
      const withdrawn = await request(testApp.http).get(`/v1/employers/${employerId}/candidates`).set(employerUser.auth);
      expect(withdrawn.body[0]).toMatchObject({ sharedParts: [], profile: {} });
      const withdrawnText = JSON.stringify(withdrawn.body);
      for (const word of [...FORBIDDEN, 'Fatima']) expect([word, withdrawnText.includes(word)]).toEqual([word, false]);
    });

    it('audits each shown candidate under the participant whose parts were read', async () => {
      const vacancyId = await createVacancy(testApp, coach, employerId);
      // Matched first and introduced without consent, so its row comes before the consented one and shows nothing.
      const withoutConsent = await createCandidate(testApp, coach, { name: ['Piet', 'Zonder'] });
      const consented = await createCandidate(testApp, coach, { name: ['Fatima', 'El Amrani'] });
      await giveConsent(testApp, coach, consented, 'share_profile_with_employer', employerId, ['name', 'skills']);
      for (const participantId of [withoutConsent, consented]) {
        const match = await request(testApp.http).post('/v1/matches').set(coach.auth).send({ vacancyId, participantId });
        await testApp.dataSource.query("UPDATE match SET status = 'introduced' WHERE id = $1", [match.body.id]);
      }
      const response = await request(testApp.http).get(`/v1/employers/${employerId}/candidates`).set(employerUser.auth);
      expect(response.body.map((candidate: { sharedParts: string[] }) => candidate.sharedParts)).toEqual([[], ['name', 'skills']]);
      const audited = await testApp.dataSource.query(
        "SELECT subject_participant_id FROM audit_event WHERE resource_type = 'employer_candidate' AND actor_user_id = $1",
        [employerUser.userId],
      );
      expect(audited).toEqual([{ subject_participant_id: consented }]);
    });

    it('is not visible to another employer’s users or another organisation', async () => {
      const other = await staffAndEmployer(testApp, organisation.id);
      expect((await request(testApp.http).get(`/v1/employers/${employerId}/candidates`).set(other.employerUser.auth)).status).toBe(404);
      const otherOrg = await createOrganisation(testApp.dataSource, 'Ander');
      const outsider = await createUser(testApp, otherOrg.id, 'admin');
      expect((await request(testApp.http).get(`/v1/employers/${employerId}/candidates`).set(outsider.auth)).status).toBe(404);
      const participantId = await createParticipant(testApp.dataSource, organisation.id, coach.membershipId);
      expect((await request(testApp.http).get(`/v1/participants/${participantId}/profile`).set(employerUser.auth)).status).toBe(403);
    });
  });
});

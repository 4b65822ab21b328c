import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import request from 'supertest';
import { createEmployer, createOrganisation, createParticipant, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

const GUIDANCE = 'Begeleiding op de werkplek';
const SKILLS = 'Werknemersvaardigheden en werkritme';
const KNOWLEDGE = 'Kennis';

/** The text of every page of a PDF, lines joined by newlines. */
async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const lines: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    let line = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
  }
  await pdf.destroy();
  return lines.join('\n');
}

/** Supertest collects a binary body only when asked to. */
function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('the jobcoach logbook: hours linked to goals and agreements, the UWV period report and the follow-up logbook', () => {
  let testApp: TestApp;
  let orgId: string;
  let coach: TestUser;
  let admin: TestUser;
  let participantId: string;
  let employerId: string;
  let placementId: string;
  let goals: { guidance: string; skills: string; knowledge: string };
  let handoverId: string;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set('2026-04-15T09:00:00Z');
    orgId = (await createOrganisation(testApp.dataSource)).id;
    coach = await createUser(testApp, orgId, 'jobcoach');
    admin = await createUser(testApp, orgId, 'admin');
    participantId = await createParticipant(testApp.dataSource, orgId, coach.membershipId);
    employerId = await createEmployer(testApp.dataSource, orgId);
    placementId = await placement(participantId);
    goals = {
      guidance: await goal(participantId, 'guidance_at_work'),
      skills: await goal(participantId, 'employee_skills_rhythm'),
      knowledge: await goal(participantId, 'knowledge'),
    };
    handoverId = await handover(placementId, {
      shopFloorGuidance: { applicable: true, text: 'Leidinggevende Ingrid is vast aanspreekpunt', owner: 'employer' },
      hours: { applicable: true, text: 'Start met 16 uur, na 3 maanden 20 uur' },
      leave: { applicable: false },
    });
  });
  afterAll(() => testApp.close());

  async function placement(participant: string, organisationId = orgId, employer = employerId): Promise<string> {
    const [row] = await testApp.dataSource.query(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, contract_start, contract_type, hours_per_week)
       SELECT $1, $2, $3, coach_membership_id, 'paid_job', 'contract', '2026-03-01', 'permanent', 24 FROM participant WHERE id = $2 RETURNING id`,
      [organisationId, participant, employer],
    );
    return row.id;
  }

  async function goal(participant: string, code: string, organisationId = orgId, barrierCodes: string[] = []): Promise<string> {
    const [row] = await testApp.dataSource.query(
      'INSERT INTO trajectory_goal (organisation_id, participant_id, code, barrier_codes) VALUES ($1, $2, $3, $4) RETURNING id',
      [organisationId, participant, code, barrierCodes],
    );
    return row.id;
  }

  async function handover(placement: string, agreements: object, status = 'completed', organisationId = orgId): Promise<string> {
    const [row] = await testApp.dataSource.query(
      `INSERT INTO handover_meeting (organisation_id, placement_id, status, starts_at, duration_minutes, location, calendar_uid, created_by_user_id, checklist, cancelled_at)
       VALUES ($1, $2, $3, '2026-03-02T10:00:00Z', 60, 'Werkplek', gen_random_uuid()::text, $4, $5::jsonb, CASE WHEN $3 = 'cancelled' THEN now() END) RETURNING id`,
      [organisationId, placement, status, coach.userId, JSON.stringify({ agreements })],
    );
    return row.id;
  }

  const base = (placement: string) => `/v1/placements/${placement}/jobcoach-grants`;
  const post = (path: string, body: object, user = coach) => request(testApp.http).post(path).set(user.auth).send(body);
  const get = (path: string, user = coach) => request(testApp.http).get(path).set(user.auth);

  async function grantedGrant(placement: string, hoursGranted: number, periodStart = '2026-03-01'): Promise<string> {
    const requested = await post(base(placement), { requestedOn: '2026-02-20', periodStart });
    expect(requested.status).toBe(201);
    const decided = await post(`${base(placement)}/${requested.body.id}/decision`, {
      status: 'granted',
      decidedOn: '2026-02-27',
      hoursGranted,
    });
    expect(decided.status).toBe(200);
    return requested.body.id;
  }

  const entry = (workedOn: string, hours: number, links: { goalIds?: string[]; agreements?: object[] }) => ({
    workedOn,
    hours,
    justification: `Werkplekbezoek op ${workedOn}: taken doorgenomen met leidinggevende`,
    ...links,
  });

  it('counts the hours per goal and per agreement as a person would by hand', async () => {
    const grant = await grantedGrant(placementId, 40);
    const shopFloor = { handoverId, item: 'shopFloorGuidance' };
    const registrations = [
      entry('2026-03-02', 2, { goalIds: [goals.guidance] }),
      entry('2026-03-05', 1.5, { goalIds: [goals.guidance, goals.skills] }),
      entry('2026-03-20', 3, { goalIds: [goals.skills], agreements: [shopFloor] }),
      entry('2026-04-01', 0.75, { agreements: [{ handoverId, item: 'hours' }] }),
    ];
    for (const body of registrations) expect((await post(`${base(placementId)}/${grant}/hours`, body)).status).toBe(201);

    const report = await get(`${base(placementId)}/${grant}/report`);
    expect(report.status).toBe(200);
    // guidance: 2 + 1.5; skills: 1.5 + 3; knowledge: none; the 1.5 hours served two goals and count under both.
    expect(report.body.goals).toEqual([
      { goalId: goals.guidance, code: 'guidance_at_work', name: GUIDANCE, hours: 3.5 },
      { goalId: goals.skills, code: 'employee_skills_rhythm', name: SKILLS, hours: 4.5 },
      { goalId: goals.knowledge, code: 'knowledge', name: KNOWLEDGE, hours: 0 },
    ]);
    expect(report.body.agreements).toEqual([
      { handoverId, item: 'shopFloorGuidance', name: 'Begeleiding op de werkvloer', hours: 3 },
      { handoverId, item: 'hours', name: 'Werktijden en uren', hours: 0.75 },
    ]);
    expect(report.body).toMatchObject({ hoursGranted: 40, hoursUsed: 7.25, hoursLeft: 32.75, hoursWithoutReason: 0 });
    // A report sent to UWV says whom it is about: the jobcoach organisation, the employer and the employee.
    expect(report.body).toMatchObject({
      organisationName: 'WerkFit Utrecht',
      employerName: 'Bakkerij De Korenschoof',
      participantName: 'Fatima El Amrani',
    });
    expect(report.body.months.slice(0, 2).map((month: { month: string; hours: number }) => [month.month, month.hours])).toEqual([
      ['2026-03', 6.5],
      ['2026-04', 0.75],
    ]);
    expect(report.body.months[0].entries[1]).toEqual({
      workedOn: '2026-03-05',
      hours: 1.5,
      justification: 'Werkplekbezoek op 2026-03-05: taken doorgenomen met leidinggevende',
      goals: [GUIDANCE, SKILLS],
      agreements: [],
    });

    const csv = await get(`${base(placementId)}/${grant}/report?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.text.replace(/^\ufeff/, '').split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Jobcoachorganisatie;WerkFit Utrecht',
        'Werkgever;Bakkerij De Korenschoof',
        'Werknemer;Fatima El Amrani',
        'Periode;2026-03-01;2026-08-31',
        'Uren toegekend;40',
        'Uren gebruikt;7,25',
        `${GUIDANCE};3,5`,
        `${SKILLS};4,5`,
        `${KNOWLEDGE};0`,
        'Begeleiding op de werkvloer;3',
        `2026-03-05;1,5;${GUIDANCE}, ${SKILLS};;Werkplekbezoek op 2026-03-05: taken doorgenomen met leidinggevende`,
      ]),
    );

    const pdf = await get(`${base(placementId)}/${grant}/report?format=pdf`)
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain(`${GUIDANCE}: 3,5 uur`);
    expect(text).toContain(`${SKILLS}: 4,5 uur`);
    expect(text).toContain('Begeleiding op de werkvloer: 3 uur');
    expect(text).toContain('Uren gebruikt: 7,25');
    expect(text).toContain('Jobcoachorganisatie: WerkFit Utrecht');
    expect(text).toContain('Werkgever: Bakkerij De Korenschoof');
    expect(text).toContain('Werknemer: Fatima El Amrani');
    expect(text).toContain('Periode: 1 maart 2026 tot en met 31 augustus 2026');

    const audit = await testApp.dataSource.query(
      "SELECT action, fields FROM audit_event WHERE resource_type = 'jobcoach_report' ORDER BY at, id",
    );
    expect(audit.map((event: { action: string }) => event.action).sort()).toEqual(['export', 'export', 'read']);
  });

  it('refuses hours without a goal or an agreement, naming the field', async () => {
    const grant = await grantedGrant(placementId, 10);
    for (const links of [{}, { goalIds: [] }, { goalIds: [], agreements: [] }]) {
      const response = await post(`${base(placementId)}/${grant}/hours`, entry('2026-03-02', 1, links));
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.invalidParams).toEqual([
        {
          name: 'goalIds',
          reason: 'choose at least one goal or agreement these hours served: UWV pays only for hours registered with a reason',
        },
      ]);
    }
    const notAUuid = await post(`${base(placementId)}/${grant}/hours`, entry('2026-03-02', 1, { goalIds: ['doel-1'] }));
    expect(notAUuid.status).toBe(400);
    expect(notAUuid.body.invalidParams[0].name).toBe('goalIds');
    const [{ count }] = await testApp.dataSource.query('SELECT COUNT(*)::int AS count FROM jobcoach_hours');
    expect(count).toBe(0);
  });

  it("refuses another participant's or organisation's goals, and agreements that were not made at this placement's handover", async () => {
    const grant = await grantedGrant(placementId, 10);
    const neighbour = await createParticipant(testApp.dataSource, orgId, coach.membershipId, ['Joost', 'Verhoeven']);
    const neighbourGoal = await goal(neighbour, 'guidance_at_work');
    const neighbourHandover = await handover(await placement(neighbour), { shopFloorGuidance: { applicable: true, text: 'Elders' } });
    const otherOrg = (await createOrganisation(testApp.dataSource, 'Ander')).id;
    const otherParticipant = await createParticipant(testApp.dataSource, otherOrg, null, ['Anna', 'Visser']);
    const otherOrgGoal = await goal(otherParticipant, 'guidance_at_work', otherOrg);
    const cancelled = await handover(placementId, { taskDivision: { applicable: true, text: 'Geannuleerd' } }, 'cancelled');

    const refused = async (links: object, field: string) => {
      const response = await post(`${base(placementId)}/${grant}/hours`, entry('2026-03-02', 1, links));
      expect({ status: response.status, field: response.body.invalidParams?.[0]?.name }).toEqual({ status: 422, field });
    };
    await refused({ goalIds: [goals.guidance, neighbourGoal] }, 'goalIds');
    await refused({ goalIds: [otherOrgGoal] }, 'goalIds');
    await refused({ agreements: [{ handoverId: neighbourHandover, item: 'shopFloorGuidance' }] }, 'agreements');
    await refused({ agreements: [{ handoverId, item: 'leave' }] }, 'agreements');
    await refused({ agreements: [{ handoverId, item: 'taskDivision' }] }, 'agreements');
    await refused({ agreements: [{ handoverId: cancelled, item: 'taskDivision' }] }, 'agreements');
    const [{ count }] = await testApp.dataSource.query('SELECT COUNT(*)::int AS count FROM jobcoach_hours');
    expect(count).toBe(0);

    const ok = await post(`${base(placementId)}/${grant}/hours`, entry('2026-03-02', 1, { goalIds: [goals.guidance, goals.guidance] }));
    expect(ok.status).toBe(201);
    expect(ok.body.goals).toEqual([{ goalId: goals.guidance, code: 'guidance_at_work', name: GUIDANCE }]);
  });

  it('puts nothing medical or private in the report: JSON, CSV and PDF', async () => {
    const ds = testApp.dataSource;
    await ds.query("UPDATE participant SET private_notes = 'enc1.x.y.z.geheim' WHERE id = $1", [participantId]);
    await ds.query(
      `INSERT INTO participant_profile (participant_id, organisation_id, benefit_type, limitation_kind, private_notes, target_group_register_status)
       VALUES ($1, $2, 'wajong', 'mental', 'Diagnose autisme, medicatie', 'registered')`,
      [participantId, orgId],
    );
    await ds.query(
      `INSERT INTO participant_barrier (organisation_id, participant_id, code, source, noted_on, support_action)
       VALUES ($1, $2, 'B7_psychological_problems', 'referral', '2026-02-01', 'Doorverwijzing GGZ-behandelaar')`,
      [orgId, participantId],
    );
    const healthGoal = await goal(participantId, 'guidance_at_work', orgId, ['B7_psychological_problems', 'B4_addiction']);
    await ds.query(
      "INSERT INTO goal_progress (goal_id, recorded_on, progress, note) VALUES ($1, '2026-03-10', 3, 'Terugval in verslaving')",
      [healthGoal],
    );
    await ds.query(
      `UPDATE handover_meeting SET checklist = jsonb_set(jsonb_set(checklist, '{agreements,reportingSick}', $2::jsonb), '{agreements,otherPersonalMatters}', $3::jsonb)
        WHERE id = $1`,
      [
        handoverId,
        JSON.stringify({ applicable: true, text: 'Belt bij paniekaanval eerst de psychiater' }),
        JSON.stringify({ applicable: true, text: 'Schulden bij de bewindvoerder' }),
      ],
    );
    const sickHandover = handoverId;
    const grant = await grantedGrant(placementId, 20);
    expect(
      (
        await post(
          `${base(placementId)}/${grant}/hours`,
          entry('2026-03-03', 2, {
            goalIds: [healthGoal],
            agreements: [
              { handoverId: sickHandover, item: 'reportingSick' },
              { handoverId: sickHandover, item: 'otherPersonalMatters' },
            ],
          }),
        )
      ).status,
    ).toBe(201);

    const json = JSON.stringify((await get(`${base(placementId)}/${grant}/report`)).body);
    const csv = (await get(`${base(placementId)}/${grant}/report?format=csv`)).text;
    const pdf = await pdfText(
      (
        await get(`${base(placementId)}/${grant}/report?format=pdf`)
          .buffer(true)
          .parse(binary)
      ).body as Buffer,
    );
    const logbookCsv = (await get(`/v1/placements/${placementId}/jobcoach-logbook?format=csv`)).text;
    expect(pdf).toContain('Ziekmelden');
    for (const [name, text] of Object.entries({ json, csv, pdf, logbookCsv })) {
      for (const forbidden of [
        'wajong',
        'mental',
        'diagnose',
        'autisme',
        'medicatie',
        'geheim',
        'B7_',
        'B4_',
        'psychological',
        'psychische',
        'GGZ',
        'verslaving',
        'paniek',
        'psychiater',
        'schulden',
        'bewindvoerder',
        // The report names the employee (UWV must know whom it is about), but never by an internal id.
        participantId,
      ]) {
        expect({ name, forbidden, found: text.toLowerCase().includes(forbidden.toLowerCase()) }).toEqual({ name, forbidden, found: false });
      }
    }
  });

  it('warns at a follow-up request when hours of the previous period are linked to no goal, and exports the logbook', async () => {
    const first = await grantedGrant(placementId, 30);
    expect((await post(`${base(placementId)}/${first}/hours`, entry('2026-03-02', 2, { goalIds: [goals.guidance] }))).status).toBe(201);
    // Hours registered before the logbook existed carry no link.
    await testApp.dataSource.query(
      "INSERT INTO jobcoach_hours (organisation_id, grant_id, worked_on, hours, justification) VALUES ($1, $2, '2026-03-09', 1.5, 'Oud: gesprek op de werkvloer')",
      [orgId, first],
    );
    const followUp = await post(base(placementId), { requestedOn: '2026-08-10', periodStart: '2026-09-01' });
    expect(followUp.status).toBe(201);
    expect(followUp.body.status).toBe('requested');
    expect(followUp.body.warnings).toEqual([
      {
        code: 'logbook_incomplete',
        nl: 'In het logboek van de vorige periode staan 1,5 uur (1 keer) zonder doel of afspraak. UWV vraagt bij een vervolgaanvraag een logboek waarin elk uur aan een doel is gekoppeld.',
        en: 'The logbook of the previous period has 1.5 hours (1 entry) linked to no goal or agreement. UWV asks for a logbook that links every hour to a goal before a follow-up grant.',
      },
    ]);
    const report = await get(`${base(placementId)}/${first}/report`);
    expect(report.body.hoursWithoutReason).toBe(1.5);

    const logbook = await get(`/v1/placements/${placementId}/jobcoach-logbook`);
    expect(logbook.status).toBe(200);
    expect(logbook.body.entriesWithoutReason).toBe(1);
    expect(logbook.body.grants.map((grant: { periodStart: string }) => grant.periodStart)).toEqual(['2026-03-01', '2026-09-01']);
    expect(
      logbook.body.entries.map((row: { workedOn: string; hours: number; goals: Array<{ name: string }>; periodStart: string }) => [
        row.periodStart,
        row.workedOn,
        row.hours,
        row.goals.map((linked) => linked.name),
      ]),
    ).toEqual([
      ['2026-03-01', '2026-03-02', 2, [GUIDANCE]],
      ['2026-03-01', '2026-03-09', 1.5, []],
    ]);
    expect(logbook.body).toMatchObject({
      organisationName: 'WerkFit Utrecht',
      employerName: 'Bakkerij De Korenschoof',
      participantName: 'Fatima El Amrani',
      periodStart: '2026-03-01',
    });
    const csv = await get(`/v1/placements/${placementId}/jobcoach-logbook?format=csv`);
    // Whom it is about, in the file and its name (the employee's name and the placement's reference), as the period report.
    expect(csv.headers['content-disposition']).toContain(`logboek-jobcoach-fatima-el-amrani-${placementId.slice(0, 8)}.csv`);
    const csvLines = csv.text.replace(/^\ufeff/, '').split('\r\n');
    expect(csvLines.slice(0, 5)).toEqual([
      'Logboek jobcoaching',
      'Jobcoachorganisatie;WerkFit Utrecht',
      'Werkgever;Bakkerij De Korenschoof',
      'Werknemer;Fatima El Amrani',
      `Periode;2026-03-01;${logbook.body.periodEnd}`,
    ]);
    expect(logbook.body.periodEnd > '2026-09-01').toBe(true);
    expect(csvLines.slice(6, 9)).toEqual([
      'Periode van;Periode tot en met;Datum;Uren;Doelen;Afspraken;Wat is er gedaan',
      `2026-03-01;2026-08-31;2026-03-02;2;${GUIDANCE};;Werkplekbezoek op 2026-03-02: taken doorgenomen met leidinggevende`,
      '2026-03-01;2026-08-31;2026-03-09;1,5;;;Oud: gesprek op de werkvloer',
    ]);
    const exports = await testApp.dataSource.query(
      "SELECT action, subject_participant_id FROM audit_event WHERE resource_type = 'jobcoach_logbook' ORDER BY at, id",
    );
    expect(exports).toEqual([
      { action: 'read', subject_participant_id: participantId },
      { action: 'export', subject_participant_id: participantId },
    ]);

    // The coach completes the logbook: the old hours get their goal, once; then a new request has no warning.
    const legacy = logbook.body.entries[1].id;
    const linksPath = `${base(placementId)}/${first}/hours/${legacy}/links`;
    expect((await post(linksPath, {})).body.invalidParams[0].name).toBe('goalIds');
    const linked = await post(linksPath, { goalIds: [goals.skills] });
    expect(linked.status).toBe(200);
    expect(linked.body.goals).toEqual([{ goalId: goals.skills, code: 'employee_skills_rhythm', name: SKILLS }]);
    const again = await post(linksPath, { goalIds: [goals.guidance] });
    expect(again.status).toBe(409);
    expect((await get(`/v1/placements/${placementId}/jobcoach-logbook`)).body.entriesWithoutReason).toBe(0);
    const [{ action }] = await testApp.dataSource.query(
      "SELECT action FROM audit_event WHERE resource_type = 'jobcoach_hours' AND resource_id = $1",
      [legacy],
    );
    expect(action).toBe('link');
    const refused = await post(`${base(placementId)}/${followUp.body.id}/decision`, {
      status: 'refused',
      decidedOn: '2026-08-20',
      reason: 'Logboek onvolledig',
    });
    expect(refused.status).toBe(200);
    expect((await post(base(placementId), { requestedOn: '2026-08-25', periodStart: '2026-09-01' })).body.warnings).toEqual([]);
  });

  it('keeps the logbook within the organisation', async () => {
    const grant = await grantedGrant(placementId, 10);
    const otherOrg = (await createOrganisation(testApp.dataSource, 'Ander')).id;
    const stranger = await createUser(testApp, otherOrg, 'admin');
    expect((await get(`/v1/placements/${placementId}/jobcoach-logbook`, stranger)).status).toBe(404);
    expect((await get(`/v1/placements/${placementId}/jobcoach-logbook?format=csv`, stranger)).status).toBe(404);
    expect((await get(`${base(placementId)}/${grant}/report?format=pdf`, stranger)).status).toBe(404);
    const bad = await get(`${base(placementId)}/${grant}/report?format=xlsx`);
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams[0].name).toBe('format');
  });

  it('exports the links with the participant’s data, and keeps them on erasure while the justifications go', async () => {
    const grant = await grantedGrant(placementId, 10);
    const registered = await post(
      `${base(placementId)}/${grant}/hours`,
      entry('2026-03-02', 2, { goalIds: [goals.guidance], agreements: [{ handoverId, item: 'shopFloorGuidance' }] }),
    );
    expect(registered.status).toBe(201);
    const exported = await get(`/v1/participants/${participantId}/data-export`);
    expect(exported.status).toBe(200);
    expect(exported.body.sections.jobcoachFunding.links).toEqual([
      { hours_id: registered.body.id, goal_id: goals.guidance, handover_meeting_id: null, agreement_item: null },
      { hours_id: registered.body.id, goal_id: null, handover_meeting_id: handoverId, agreement_item: 'shopFloorGuidance' },
    ]);
    expect(exported.body.sections.jobcoachFunding.hours).toHaveLength(1);

    const erased = await request(testApp.http)
      .post(`/v1/participants/${participantId}/erasure`)
      .set(admin.auth)
      .send({ reason: 'Verzoek van de deelnemer', confirmName: 'Fatima El Amrani' });
    expect(erased.status).toBe(200);
    // UWV may audit the hours for seven years: what each hour served stays, what was written about the person goes.
    const kept = await testApp.dataSource.query(
      `SELECT h.hours, h.justification, array_agg(COALESCE(l.goal_id::text, l.agreement_item) ORDER BY l.goal_id IS NULL) AS served
         FROM jobcoach_hours h JOIN jobcoach_hours_link l ON l.hours_id = h.id GROUP BY h.id`,
    );
    expect(kept).toEqual([{ hours: '2.00', justification: '[verwijderd]', served: [goals.guidance, 'shopFloorGuidance'] }]);
    const [{ count }] = await testApp.dataSource.query('SELECT COUNT(*)::int AS count FROM jobcoach_hours_link');
    expect(count).toBe(2);
  });
});

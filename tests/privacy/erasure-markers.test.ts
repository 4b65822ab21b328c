import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomInt } from 'node:crypto';
import request from 'supertest';
import { FieldEncryption } from '../../src/platform/crypto/field-encryption.js';
import { GOAL_CODES } from '../../src/reference-data/taxonomies.js';
import { fullChecklist } from '../aftercare/aftercare-world.js';
import { BASE_PROFILE, BASE_VACANCY } from '../matching/world.js';
import { copyEquivalentDump, dumpData, findInDump, type Finding, needlesIn, parseCopyBlocks } from '../support/database-dump.js';
import {
  createEmployer,
  createOrganisation,
  createTeam,
  createUser,
  lastMailTo,
  renewSession,
  tokenFromMail,
  type TestUser,
} from '../support/fixtures.js';
import {
  createTestApp,
  eventually,
  resetState,
  runDueJobs,
  type TestApp,
  waitForQueuesToDrain,
  workerDatabaseUrl,
} from '../support/test-app.js';

/** One marker for text, one for the phone fields that accept digits only. */
const MARKER = `MARKER-${randomBytes(8).toString('hex')}`;
const PHONE = `+31 6 ${randomInt(1000, 9999)} ${randomInt(1000, 9999)}`;
const NEEDLES = [MARKER, PHONE, PHONE.replace(/\D/g, '')];
const text = (what: string) => `${what} ${MARKER} (gesprek met de deelnemer)`;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const mailbox = (name: string, domain: string) => `${name}.${MARKER.toLowerCase()}@${domain}`;

/** Columns the API below writes the marker (or the phone marker) to; before erasure each must hold it, or the test proves nothing about it. */
const WRITTEN_COLUMNS = [
  'participant.first_name',
  'participant.email',
  'participant.phone',
  'participant.private_notes',
  'participant.external_reference',
  'user_account.email',
  'user_account.display_name',
  'caseload_share.reason',
  'participant_profile.skills',
  'participant_profile.certificates',
  'participant_profile.work_history',
  'participant_profile.excluded_sectors',
  'participant_profile.excluded_tasks',
  'participant_profile.strengths',
  'participant_profile.benefit_type',
  'participant_profile.private_notes',
  'participant_capacity.breaks',
  'participant_capacity.physical_limits',
  'goal_progress.note',
  'match.trial_skipped_reason',
  'match_event.reason',
  'placement.employer_contact_name',
  'placement.employer_contact_email',
  'placement.employer_contact_phone',
  'placement.trial_extension_reason',
  'placement.trial_evaluation',
  'placement.wage_scale',
  'placement.closure_reason',
  'placement_event.reason',
  'wage_value_assessment.assessor_name',
  'wage_value_assessment.reference_job',
  'wage_value_assessment.method',
  'wage_value_assessment.report_document',
  'subsidy_decision.reference',
  'jobcoach_grant.reason',
  'jobcoach_hours.justification',
  'handover_meeting.location',
  'handover_meeting.checklist',
  'checkin.frame',
  'checkin.look_back',
  'checkin.look_ahead',
  'checkin.actions',
  'checkin.agreement_evaluations',
  'checkin.notes',
  'checkin.missed_reason',
  'checkin_preparation.first_step',
  'checkin_preparation.help_wanted',
  'contact_log.summary',
  'help_request.preferred_time',
  'help_request.body',
  'help_request_message.body',
  'mail_message.recipient',
  'mail_message.html',
  'mail_message.text',
  'mail_message.attachments',
  'mail_message.raw_message',
];

const describeFindings = (findings: Finding[]) =>
  findings.map((finding) => `${finding.table}.${finding.column} (${finding.needle === MARKER ? 'marker' : 'phone'}, ${finding.via})`);

describe('erasure leaves no marker anywhere in the database', () => {
  let testApp: TestApp;
  let admin: TestUser;
  let coach: TestUser;
  let otherCoach: TestUser;
  let lead: TestUser;
  let participant: TestUser;
  let employerUser: TestUser;
  let organisationId: string;
  let employerId: string;
  let participantId: string;
  let participantName: string;
  const employerContactEmail = mailbox('karin', 'korenschoof.test');

  beforeAll(async () => {
    testApp = await createTestApp({ env: { QUEUE_BACKOFF_MS: '50' } });
  });
  afterAll(() => testApp.close());

  const http = () => request(testApp.http);
  async function expectStatus(response: request.Response | Promise<request.Response>, status: number, what: string) {
    const settled = await response;
    if (settled.status !== status) throw new Error(`${what}: ${settled.status} ${JSON.stringify(settled.body)}`);
    return settled.body;
  }
  const post = (user: TestUser, path: string, body: object, status = 201) =>
    expectStatus(http().post(path).set(user.auth).send(body), status, `POST ${path}`);
  const put = (user: TestUser, path: string, body: object, status = 200) =>
    expectStatus(http().put(path).set(user.auth).send(body), status, `PUT ${path}`);
  const patch = (user: TestUser, path: string, body: object, status = 200) =>
    expectStatus(http().patch(path).set(user.auth).send(body), status, `PATCH ${path}`);
  async function at(instant: string) {
    testApp.clock.set(instant);
    for (const user of [admin, coach, otherCoach, lead, participant, employerUser]) await renewSession(testApp, user);
    await runDueJobs(testApp);
  }

  async function buildParticipantThroughTheApi(): Promise<void> {
    const ds = testApp.dataSource;
    await resetState(testApp);
    testApp.clock.set('2026-03-02T09:00:00Z');
    const organisation = await createOrganisation(ds);
    organisationId = organisation.id;
    const team = await createTeam(ds, organisationId);
    admin = await createUser(testApp, organisationId, 'admin');
    coach = await createUser(testApp, organisationId, 'jobcoach', { teamId: team });
    otherCoach = await createUser(testApp, organisationId, 'jobcoach', { teamId: team });
    lead = await createUser(testApp, organisationId, 'team_lead', { teamId: team });
    employerId = await createEmployer(ds, organisationId);
    employerUser = await createUser(testApp, organisationId, 'employer_user', { employerId });

    // The participant arrives by import: the CSV row holds the marker in every column that takes text.
    const csv = [
      'externalReference,firstName,lastName,email,phone,dateOfBirth,coachMembershipId',
      `CRM-${MARKER},Fatima ${MARKER},El Amrani,${mailbox('fatima', 'deelnemer.test')},${PHONE},1994-03-17,${coach.membershipId}`,
    ].join('\n');
    const started = await expectStatus(
      http().post('/v1/imports?kind=participants').set(admin.auth).set('Content-Type', 'text/csv').send(csv),
      202,
      'import',
    );
    await waitForQueuesToDrain(testApp);
    const imported = await eventually(async () => {
      const response = await http().get(`/v1/imports/${started.id}`).set(admin.auth);
      return response.body.status === 'completed' ? response.body : undefined;
    });
    expect(imported).toMatchObject({ rowsCreated: 1, rowsRejected: 0 });
    // A processed file is purged at once: the rows it held live on only in the records it created.
    const [run] = await ds.query('SELECT content FROM import_run WHERE id = $1', [started.id]);
    expect(run.content).toBe('');
    const found = await expectStatus(http().get('/v1/participants').query({ q: 'El Amrani' }).set(coach.auth), 200, 'find participant');
    expect(found.items).toHaveLength(1);
    participantId = found.items[0].id;
    participantName = `${found.items[0].firstName} ${found.items[0].lastName}`;

    // The participant's account, by the coach's invitation and its redemption.
    const participantEmail = mailbox('fatima', 'deelnemer.test');
    await post(coach, '/v1/invitations', { email: participantEmail, displayName: `Fatima ${MARKER}`, role: 'participant', participantId });
    const invitation = await lastMailTo(ds, participantEmail);
    if (!invitation) throw new Error('no invitation mail');
    const session = await expectStatus(
      http()
        .post('/v1/auth/invitations/redemptions')
        .send({ token: tokenFromMail(invitation) }),
      201,
      'invitation redemption',
    );
    const [account] = await ds.query('SELECT user_id, id FROM membership WHERE participant_id = $1', [participantId]);
    participant = {
      userId: account.user_id,
      membershipId: account.id,
      organisationId,
      role: 'participant',
      email: participantEmail,
      token: session.token,
      auth: { Authorization: `Bearer ${session.token}` },
    };

    await patch(coach, `/v1/participants/${participantId}`, { privateNotes: text('Privé notitie'), phone: PHONE });
    await post(lead, `/v1/participants/${participantId}/caseload-shares`, {
      coachMembershipId: otherCoach.membershipId,
      reason: text('Waarneming tijdens verlof'),
    });

    // Profile, capacity, goals.
    await put(coach, `/v1/participants/${participantId}/profile`, {
      ...BASE_PROFILE,
      skills: ['inpakken', text('Vaardigheid')],
      certificates: [text('Certificaat')],
      workHistory: [{ employer: text('Werkgever'), role: text('Functie'), from: '2020-01-01', until: '2021-01-01' }],
      excludedSectors: [text('Sector')],
      excludedTasks: [text('Taak')],
      strengths: [text('Kracht')],
      benefitType: `Wajong ${MARKER}`,
      privateNotes: text('Profielnotitie'),
    });
    await post(coach, `/v1/participants/${participantId}/capacity-assessments`, {
      assessedOn: '2026-03-01',
      hoursPerDay: 5,
      hoursPerWeek: 24,
      breaks: text('Pauze elk uur'),
      physicalLimits: [text('Niet tillen')],
    });
    const goal = await post(coach, `/v1/participants/${participantId}/goals`, { code: GOAL_CODES[0], targetDate: '2026-09-01' });
    await post(coach, `/v1/participants/${participantId}/goals/${goal.id}/progress`, {
      recordedOn: '2026-03-02',
      progress: 40,
      note: text('Voortgang'),
    });

    // Consents as the participant gives them.
    await post(participant, '/v1/me/consents', { purpose: 'proposal_to_employers' });
    await post(participant, '/v1/me/consents', { purpose: 'share_profile_with_employer', employerId, profileParts: ['name', 'skills'] });
    await post(participant, '/v1/me/consents', { purpose: 'disclose_support_organisation', employerId });

    // Matches and their transitions, with reasons.
    const vacancy = await post(coach, '/v1/vacancies', { ...BASE_VACANCY, employerId });
    const otherVacancy = await post(coach, '/v1/vacancies', { ...BASE_VACANCY, title: 'Medewerker bakkerij', employerId });
    const match = await post(coach, '/v1/matches', { vacancyId: vacancy.id, participantId });
    for (const status of ['introduced', 'interview', 'trial_placement_agreed'])
      await post(coach, `/v1/matches/${match.id}/transitions`, { status, reason: text(`Overgang naar ${status}`) });
    const skipped = await post(coach, '/v1/matches', { vacancyId: otherVacancy.id, participantId });
    await post(coach, `/v1/matches/${skipped.id}/transitions`, { status: 'introduced', reason: text('Voorgesteld') });
    await post(coach, `/v1/matches/${skipped.id}/transitions`, { status: 'contract_agreed', reason: text('Geen proefplaatsing nodig') });

    // The placement: trial, extension, outcome, contract, wage value, subsidy, jobcoach funding.
    const placement = await post(coach, '/v1/placements', {
      participantId,
      employerId,
      matchId: match.id,
      vacancyId: vacancy.id,
      type: 'paid_job',
      employerContactName: `Karin ${MARKER}`,
      employerContactEmail,
      employerContactPhone: PHONE,
      trialStart: '2026-03-02',
      trialPlannedEnd: '2026-06-30',
      trialExtensionReason: text('Langere proefplaatsing'),
    });
    const placementId: string = placement.id;
    await post(coach, `/v1/placements/${placementId}/trial-extensions`, { trialPlannedEnd: '2026-07-31', reason: text('Verlenging') });
    await post(coach, `/v1/placements/${placementId}/trial-outcome`, { outcome: 'match', evaluation: text('Evaluatie') });
    await put(coach, `/v1/placements/${placementId}/contract`, {
      contractStart: '2026-03-09',
      contractType: 'fixed_term',
      hoursPerWeek: 24,
      grossHourlyWage: 14.71,
      wageScale: `Schaal 3 ${MARKER}`,
      contractEnd: '2026-12-31',
    });
    await post(coach, `/v1/placements/${placementId}/wage-value-assessments`, {
      assessorName: `J. de Boer ${MARKER}`,
      assessedOn: '2026-03-05',
      percentage: 50,
      referenceJob: text('Referentiefunctie'),
      method: text('Dariuz'),
      reportDocument: text('Rapport'),
    });
    await post(coach, `/v1/placements/${placementId}/subsidy-decisions`, {
      status: 'applied',
      appliedOn: '2026-03-05',
      reference: `LKS-${MARKER}`,
    });
    const grant = await post(coach, `/v1/placements/${placementId}/jobcoach-grants`, {
      requestedOn: '2026-03-03',
      periodStart: '2026-03-09',
    });
    await post(
      coach,
      `/v1/placements/${placementId}/jobcoach-grants/${grant.id}/decision`,
      { status: 'granted', decidedOn: '2026-03-05', hoursGranted: 40, reason: text('Besluit') },
      200,
    );

    // The handover meeting: invitations (with .ics) to all three, a move, the whole checklist, confirmations, attendance.
    const meeting = await post(coach, `/v1/placements/${placementId}/handover`, {
      startsAt: '2026-03-10T10:00:00+01:00',
      location: text('Oudegracht 12'),
      durationMinutes: 60,
    });
    await patch(coach, `/v1/handovers/${meeting.id}`, {
      startsAt: '2026-03-10T11:00:00+01:00',
      location: text('Oudegracht 14'),
      durationMinutes: 60,
    });
    const checklist = fullChecklist('monthly', '2026-12-31');
    for (const section of [checklist.agreements, checklist.expectations] as Array<
      Record<string, { applicable: boolean; text?: string; owner?: string }>
    >) {
      for (const entry of Object.values(section)) {
        entry.applicable = true;
        entry.text = text(entry.text ?? 'Afspraak');
        if (entry.owner) entry.owner = `${entry.owner} ${MARKER}`;
      }
    }
    checklist.monitoringPlan.participantContactWishes = text('Contactwens');
    await put(coach, `/v1/handovers/${meeting.id}/checklist`, checklist);
    await waitForQueuesToDrain(testApp);
    await at('2026-03-10T11:00:00Z');
    await put(coach, `/v1/handovers/${meeting.id}/attendance`, { participant: true, coach: true, employerContact: true });
    await post(participant, `/v1/handovers/${meeting.id}/confirmations`, {}, 200);
    await waitForQueuesToDrain(testApp);
    const [confirmation] = await testApp.dataSource.query(
      "SELECT context, text FROM mail_message WHERE template = 'handover-confirmation' AND lower(recipient) = lower($1)",
      [employerContactEmail],
    );
    await expectStatus(
      http()
        .post('/v1/handover-confirmations')
        .send({ token: tokenFromMail(confirmation) }),
      200,
      'employer confirmation',
    );
    const completed = await put(coach, `/v1/handovers/${meeting.id}/attendance`, { participant: true, coach: true, employerContact: true });
    expect(completed.status).toBe('completed');

    // Aftercare: check-ins prepared, recorded and missed; rhythm, renewal, another coach, contacts.
    const planned: Array<{ id: string; due: string }> = await testApp.dataSource.query(
      "SELECT id, due_on::text AS due FROM checkin WHERE placement_id = $1 AND status = 'planned' ORDER BY due_on",
      [placementId],
    );
    expect(planned.length).toBeGreaterThanOrEqual(2);
    await put(participant, `/v1/checkins/${planned[0].id}/preparation`, {
      howAreThings: 3,
      trend: 'same',
      hinderingDomains: ['income_and_money'],
      helpingDomains: ['family_and_friends'],
      firstStep: text('Eerste stap'),
      helpWanted: text('Hulp gevraagd'),
    });
    await at(`${planned[0].due}T10:00:00Z`);
    await post(coach, `/v1/checkins/${planned[0].id}/record`, {
      heldOn: planned[0].due,
      channel: 'visit',
      withWhom: 'both',
      frame: { knowing: text('Weten'), able: text('Kunnen'), doing: text('Doen'), belonging: text('Horen') },
      lookBack: text('Terugblik'),
      lookAhead: text('Vooruitblik'),
      actions: [{ owner: 'coach', text: text('Actie'), dueOn: planned[1].due }],
      lifeDomains: { finances: 'attention' },
      signals: ['lateness'],
      agreementEvaluations: [{ item: 'hours', party: 'employer', kept: false, note: text('Afspraak niet nagekomen') }],
      workMatchesDescription: true,
      notes: text('Gespreksnotitie'),
      nextContactOn: planned[1].due,
    });
    await post(coach, `/v1/placements/${placementId}/jobcoach-grants/${grant.id}/hours`, {
      workedOn: planned[0].due,
      hours: 2,
      justification: text('Begeleiding op de werkvloer'),
      goalIds: [goal.id],
    });
    await at(`${planned[1].due}T10:00:00Z`);
    await post(coach, `/v1/checkins/${planned[1].id}/missed`, { reason: text('Niet bereikbaar') });
    await post(coach, `/v1/placements/${placementId}/contacts`, {
      at: `${planned[1].due}T11:00:00+02:00`,
      channel: 'phone',
      withParty: 'employer',
      summary: text('Telefoongesprek'),
    });
    await post(coach, `/v1/placements/${placementId}/rhythm-changes`, {
      frequency: 'biweekly',
      requestedBy: 'participant',
      reason: text('Vaker contact'),
    });
    await post(coach, `/v1/placements/${placementId}/aftercare-renewals`, {
      aftercareEndOn: '2027-03-31',
      reason: text('Verlenging nazorg'),
    });
    await post(lead, `/v1/placements/${placementId}/coach-reassignments`, {
      coachMembershipId: otherCoach.membershipId,
      reason: text('Andere coach'),
    });

    // A check-in left open: overdue notice to the coach, then escalation to the team lead.
    const [open] = await testApp.dataSource.query(
      "SELECT due_on::text AS due FROM checkin WHERE placement_id = $1 AND status = 'planned' AND due_on > $2::date ORDER BY due_on LIMIT 1",
      [placementId, planned[1].due],
    );
    await at(`${addDays(open.due, 2)}T07:00:05Z`);
    await at(`${addDays(open.due, 7)}T07:00:05Z`);
    const today = addDays(open.due, 7);

    // A help request from the participant, and messages both ways.
    const help = await post(participant, '/v1/help-requests', {
      category: 'work',
      urgency: 'normal',
      preferredChannel: 'phone',
      preferredTime: text('Na 15:00'),
      body: text('Hulpvraag'),
    });
    await post(participant, `/v1/help-requests/${help.id}/messages`, { body: text('Bericht van de deelnemer') });
    await post(otherCoach, `/v1/help-requests/${help.id}/messages`, { body: text('Antwoord van de coach') });

    // A second, short placement that ends with a reason; the first stays in aftercare.
    const second = await post(otherCoach, '/v1/placements', {
      participantId,
      employerId,
      type: 'paid_job',
      employerContactName: `Karin ${MARKER}`,
      trialStart: today,
    });
    await post(otherCoach, `/v1/placements/${second.id}/closure`, {
      kind: 'dropped_out',
      closedOn: today,
      reason: text('Afgesloten'),
      reasonCode: 'other',
    });

    // Just before the next check-in's reminder goes out: prepared ahead, its raw MIME message is stored (bytea).
    const [next] = await testApp.dataSource.query(
      "SELECT (due_on - 2)::text AS remind_on FROM checkin WHERE placement_id = $1 AND status = 'planned' AND due_on > $2::date + 2 ORDER BY due_on LIMIT 1",
      [placementId, today],
    );
    await at(`${next.remind_on}T06:59:30Z`);
    await waitForQueuesToDrain(testApp);
  }

  it('finds the marker in every table written before erasure, and nowhere after', async () => {
    await buildParticipantThroughTheApi();
    const databaseUrl = await workerDatabaseUrl();
    const encryption = testApp.app.get(FieldEncryption);
    const decrypt = (token: string) => encryption.decrypt(token);

    // (a) Before: the marker is in each table the API wrote to, and the mails went to every recipient.
    const dumped = await dumpData(databaseUrl);
    const before = findInDump(dumped.dump, NEEDLES, decrypt);
    const columnsWithMarker = new Set(before.map((finding) => `${finding.table.replace(/^public\./, '')}.${finding.column}`));
    expect(WRITTEN_COLUMNS.filter((column) => !columnsWithMarker.has(column))).toEqual([]);
    // The bytea, base64 and field-encryption readings work, so a marker hidden that way after erasure would be found.
    expect(before.filter((finding) => finding.via === 'decrypted').length).toBeGreaterThan(0);
    expect(before.filter((finding) => finding.via.includes('base64')).length).toBeGreaterThan(0);
    // The SQL stand-in for a server without a matching pg_dump (the embedded one) reads the same.
    expect(describeFindings(findInDump(await copyEquivalentDump(databaseUrl), NEEDLES, decrypt)).sort()).toEqual(
      describeFindings(before).sort(),
    );
    const recipients: Array<{ recipient: string; template: string; ics: boolean }> = await testApp.dataSource.query(
      'SELECT DISTINCT lower(recipient) AS recipient, template, jsonb_array_length(attachments::jsonb) > 0 AS ics FROM mail_message WHERE organisation_id = $1',
      [organisationId],
    );
    const expectedMail = [
      { recipient: employerContactEmail, template: 'handover-invitation', ics: true },
      { recipient: participant.email.toLowerCase(), template: 'handover-invitation', ics: true },
      { recipient: coach.email.toLowerCase(), template: 'handover-invitation', ics: true },
      { recipient: employerContactEmail, template: 'handover-confirmation', ics: false },
      { recipient: participant.email.toLowerCase(), template: 'invitation', ics: false },
      { recipient: participant.email.toLowerCase(), template: 'help-request-reply', ics: false },
      { recipient: coach.email.toLowerCase(), template: 'help-request-new', ics: false },
      { recipient: otherCoach.email.toLowerCase(), template: 'checkin-overdue', ics: false },
      { recipient: lead.email.toLowerCase(), template: 'checkin-escalation', ics: false },
    ];
    expect(expectedMail.filter((mail) => !recipients.some((sent) => JSON.stringify(sent) === JSON.stringify(mail)))).toEqual([]);

    // (b) Erasure, as an admin.
    await at('2026-12-01T09:00:00Z');
    await post(
      admin,
      `/v1/participants/${participantId}/erasure`,
      { reason: 'Verzoek van de deelnemer (AVG art. 17)', confirmName: participantName },
      200,
    );
    await waitForQueuesToDrain(testApp);

    // (c) After: nowhere. Rows that RETENTION_POLICY keeps (audit, consent history, subsidy, mail delivery) stay, but hold no marker text.
    const after = findInDump((await dumpData(databaseUrl)).dump, NEEDLES, decrypt);
    expect({ tool: dumped.tool, markerFoundIn: describeFindings(after) }).toEqual({ tool: dumped.tool, markerFoundIn: [] });
  }, 180_000);
});

describe('reading a data-only dump for the marker', () => {
  const none = () => null;
  const reads = (value: string, decrypt: (token: string) => string | null = none) =>
    needlesIn(value, [MARKER], decrypt).map((hit) => hit.via);

  it('parses COPY blocks, unescaping tabs, newlines, backslashes and NULL', () => {
    const dump = [
      'SET statement_timeout = 0;',
      'COPY public.checkin (id, notes, "frame") FROM stdin;',
      `1\tline one\\nline\\ttwo ${MARKER} C:\\\\x\t\\N`,
      `2\t\\N\t{"knowing": "x"}`,
      '\\.',
      '',
    ].join('\n');
    const rows = parseCopyBlocks(dump);
    expect(rows).toEqual([
      { table: 'public.checkin', columns: ['id', 'notes', 'frame'], values: ['1', `line one\nline\ttwo ${MARKER} C:\\x`, null] },
      { table: 'public.checkin', columns: ['id', 'notes', 'frame'], values: ['2', null, '{"knowing": "x"}'] },
    ]);
  });

  it('finds the marker in bytea MIME (quoted-printable, base64 after a header, folded calendar lines) and in encrypted values', () => {
    const qp = `Hallo=20${MARKER.slice(0, 10)}=\r\n${MARKER.slice(10)}`;
    const ics = `BEGIN:VCALENDAR\r\nSUMMARY:Overdracht ${MARKER.slice(0, 12)}\r\n ${MARKER.slice(12)}\r\nEND:VCALENDAR`;
    const mime = `Content-Transfer-Encoding: base64\r\n\r\n${Buffer.from(ics)
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n')}`;
    expect(reads(`\\x${Buffer.from(qp).toString('hex')}`)).toEqual(['bytea+quoted-printable']);
    expect(reads(mime)).toEqual(['base64+unfolded']);
    expect(reads(`{"content": "${Buffer.from(ics).toString('base64')}"}`)).toEqual(['base64+unfolded']);
    expect(reads('enc1.k1.aXY=.dGFn.Ym9keQ==', (token) => (token.startsWith('enc1.k1.') ? `notitie ${MARKER}` : null))).toEqual([
      'decrypted',
    ]);
    expect(reads(`mailto:${encodeURIComponent(`a ${MARKER}`)}`)).toEqual(['plain']);
    expect(reads('Hallo Jan')).toEqual([]);
  });
});

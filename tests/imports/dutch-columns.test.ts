import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { KINDS } from '../../src/imports/csv-columns.js';
import { columnFor, detectDelimiter } from '../../src/imports/csv-dialect.js';
import { ImportsModule } from '../../src/imports/imports.module.js';
import { SESSION_COOKIE } from '../../src/platform/auth/session-cookie.js';
import { createOrganisation, createUser, type TestOrganisation, type TestUser } from '../support/fixtures.js';
import { createTestApp, eventually, resetState, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';

describe('reading a spreadsheet export: separators and column names', () => {
  it('finds the separator in the header line, leaving quoted text out', () => {
    expect(detectDelimiter('Kenmerk;Voornaam;Achternaam\nCRM-1;Fatima;El Amrani\n')).toBe(';');
    expect(detectDelimiter('externalReference,firstName,lastName\n')).toBe(',');
    expect(detectDelimiter('\ufeffKenmerk;"Naam, voluit";Plaats\r\nA;"b, c";d\r\n')).toBe(';');
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
    expect(detectDelimiter('Kenmerk\tVoornaam\tAchternaam\n')).toBe('\t');
    expect(detectDelimiter('Kenmerk\n')).toBe(',');
  });

  it('maps Dutch names to the API columns whatever the case, spaces and dashes, and keeps the API names', () => {
    const columns = KINDS.participants.columns;
    expect(columnFor('participants', columns, 'Kenmerk')).toBe('externalReference');
    expect(columnFor('participants', columns, ' voornaam ')).toBe('firstName');
    expect(columnFor('participants', columns, 'E-mailadres')).toBe('email');
    expect(columnFor('participants', columns, 'e-mailadres coach')).toBe('coachEmail');
    expect(columnFor('participants', columns, 'Geboortedatum')).toBe('dateOfBirth');
    expect(columnFor('participants', columns, 'coachMembershipId')).toBe('coachMembershipId');
    expect(columnFor('participants', columns, 'FIRSTNAME')).toBe('firstName');
    expect(columnFor('participants', columns, 'Schoenmaat')).toBeUndefined();
    expect(columnFor('participants', columns, '')).toBeUndefined();
    expect(columnFor('employers', KINDS.employers.columns, 'KvK-nummer')).toBe('kvkNumber');
    expect(columnFor('vacancies', KINDS.vacancies.columns, 'KvK-nummer werkgever')).toBe('employerKvkNumber');
    expect(columnFor('vacancies', KINDS.vacancies.columns, 'Uren per week maximaal')).toBe('hoursMax');
  });
});

describe('importing a Dutch spreadsheet export', () => {
  let testApp: TestApp;
  let organisation: TestOrganisation;
  let admin: TestUser;
  let coach: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [ImportsModule], env: { QUEUE_BACKOFF_MS: '50' } });
  });
  beforeEach(async () => {
    await resetState(testApp);
    organisation = await createOrganisation(testApp.dataSource);
    admin = await createUser(testApp, organisation.id, 'admin');
    coach = await createUser(testApp, organisation.id, 'jobcoach');
  });
  afterAll(() => testApp.close());

  const upload = (csv: string, kind = 'participants') =>
    request(testApp.http).post(`/v1/imports?kind=${kind}`).set(admin.auth).set('Content-Type', 'text/csv').send(csv);

  async function finished(importId: string) {
    await waitForQueuesToDrain(testApp);
    return eventually(async () => {
      const response = await request(testApp.http).get(`/v1/imports/${importId}`).set(admin.auth);
      return response.body.status === 'completed' ? response.body : undefined;
    });
  }

  it('reads semicolons and Dutch names, names the coach by e-mail, reads Dutch dates, and reports each bad row', async () => {
    const csv = [
      'Kenmerk;Voornaam;Achternaam;E-mailadres;Geboortedatum;E-mailadres coach',
      `CRM-1;Fatima;El Amrani;fatima@example.nl;15-1-1990;${coach.email.toUpperCase()}`,
      'CRM-2;Piet;Jansen;;;',
      'CRM-3;Sanne;de Vries;;;iemand@elders.nl',
      ';Zonder;Kenmerk;;;',
      'CRM-5;Kees;Bakker;geen-adres;31-2-1990;',
    ].join('\r\n');
    const started = await upload(`\ufeff${csv}\r\n`);
    expect(started.status).toBe(202);
    expect(started.body.totalRows).toBe(5);
    const done = await finished(started.body.id);
    expect(done).toMatchObject({ rowsCreated: 2, rowsRejected: 3 });

    const participants = await testApp.dataSource.query(
      `SELECT external_reference, first_name, coach_membership_id, to_char(date_of_birth, 'YYYY-MM-DD') AS born
         FROM participant WHERE organisation_id = $1 ORDER BY external_reference`,
      [organisation.id],
    );
    expect(participants).toEqual([
      { external_reference: 'CRM-1', first_name: 'Fatima', coach_membership_id: coach.membershipId, born: '1990-01-15' },
      { external_reference: 'CRM-2', first_name: 'Piet', coach_membership_id: null, born: null },
    ]);

    const rejections = await request(testApp.http).get(`/v1/imports/${started.body.id}/rejections`).set(admin.auth);
    expect(rejections.body.map((r: { row: number }) => r.row)).toEqual([3, 4, 5]);
    expect(rejections.body[0].reasons).toEqual([{ name: 'coachEmail', reason: expect.stringMatching(/coach or team lead/) }]);
    expect(rejections.body[1].reasons).toEqual([{ name: 'externalReference', reason: 'is required to import a row' }]);
    expect(rejections.body[2].reasons.map((r: { name: string }) => r.name).sort()).toEqual(['dateOfBirth', 'email']);
    // A reason names the column and the rule, never what the cell held.
    expect(JSON.stringify(rejections.body)).not.toMatch(/iemand@elders|geen-adres/);

    // The page says it in Dutch, by the spreadsheet's row numbers, and offers the same as a file.
    const page = await request(testApp.http).get('/portal/admin/imports').set('Cookie', `${SESSION_COOKIE}=${admin.token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Dit e-mailadres is niet van een jobcoach of teamleider van uw organisatie.');
    expect(page.text).toContain('Kenmerk is leeg.');
    expect(page.text).not.toContain('POST /v1/imports');
    const report = await request(testApp.http)
      .get(`/portal/admin/imports/${started.body.id}/rejections.csv`)
      .set('Cookie', `${SESSION_COOKIE}=${admin.token}`);
    expect(report.status).toBe(200);
    expect(report.headers['content-type']).toMatch(/^text\/csv/);
    expect(report.headers['content-disposition']).toContain('attachment');
    const lines = report.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Regel;Kolom;Wat er mis is');
    expect(lines[1]).toBe('4;E-mailadres coach;Dit e-mailadres is niet van een jobcoach of teamleider van uw organisatie.');
    expect(lines[2]).toMatch(/^5;Kenmerk;Kenmerk is leeg/);
    expect(
      lines
        .slice(3)
        .map((line) => line.split(';').slice(0, 2).join(';'))
        .sort(),
    ).toEqual(['6;E-mailadres', '6;Geboortedatum']);
  });

  it('still takes the API columns with commas, and refuses a column given twice under two names', async () => {
    const english = await upload(`externalReference,firstName,lastName,coachMembershipId\nCRM-1,Fatima,El Amrani,${coach.membershipId}\n`);
    expect(english.status).toBe(202);
    expect(await finished(english.body.id)).toMatchObject({ rowsCreated: 1, rowsRejected: 0 });

    const twice = await upload('Kenmerk;externalReference;Voornaam\nCRM-9;CRM-9;Jan\n');
    expect(twice.status).toBe(400);
    expect(twice.body.invalidParams).toEqual([{ name: 'externalReference', reason: 'names a column that is in the file twice' }]);

    const unknown = await upload('Kenmerk;Voornaam;Schoenmaat\nCRM-9;Jan;44\n');
    expect(unknown.status).toBe(400);
    expect(unknown.body.invalidParams).toEqual([{ name: 'Schoenmaat', reason: 'is not a column for participants' }]);
  });

  it('imports employers with a contact coach by e-mail and Dutch column names', async () => {
    const csv = `Naam;KvK-nummer;Aantal werknemers;E-mailadres contactcoach\nBakkerij De Korenschoof;12345678;42;${coach.email}\n`;
    const started = await upload(csv, 'employers');
    expect(started.status).toBe(202);
    expect(await finished(started.body.id)).toMatchObject({ rowsCreated: 1, rowsRejected: 0 });
    const [employer] = await testApp.dataSource.query(
      'SELECT name, employee_count, contact_coach_membership_id FROM employer WHERE organisation_id = $1',
      [organisation.id],
    );
    expect(employer).toEqual({ name: 'Bakkerij De Korenschoof', employee_count: 42, contact_coach_membership_id: coach.membershipId });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { ImportsModule } from '../../src/imports/imports.module.js';
import { ImportsService, withoutValues } from '../../src/imports/imports.service.js';
import { UTRECHT_3511 } from '../matching/world.js';
import { createOrganisation, createUser, type TestOrganisation, type TestUser } from '../support/fixtures.js';
import { createTestApp, eventually, resetState, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';

const EMPLOYERS = [
  'name,kvkNumber,sectorType,employeeCount,targetGroupExperience',
  'Bakkerij De Korenschoof,12345678,private,42,some',
  'Gemeente Zeist,87654321,public,900,extensive',
  ',1234,semi,-3,lots',
  'Tuincentrum Groen,11223344,private,12,none',
].join('\n');

describe('bulk CSV import', () => {
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

  const upload = (user: TestUser, kind: string, csv: string) =>
    request(testApp.http).post(`/v1/imports?kind=${kind}`).set(user.auth).set('Content-Type', 'text/csv').send(csv);

  async function finished(user: TestUser, importId: string) {
    await waitForQueuesToDrain(testApp);
    return eventually(async () => {
      const response = await request(testApp.http).get(`/v1/imports/${importId}`).set(user.auth);
      return response.body.status === 'completed' ? response.body : undefined;
    });
  }

  it('imports the good rows, reports the bad ones per field, and shows the progress', async () => {
    const started = await upload(admin, 'employers', EMPLOYERS);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: 'employers', status: 'queued', totalRows: 4, rowsDone: 0, percentage: 0 });
    const done = await finished(admin, started.body.id);
    expect(done).toMatchObject({ totalRows: 4, rowsDone: 4, percentage: 100, rowsCreated: 3, rowsUnchanged: 0, rowsRejected: 1 });

    const employers = await testApp.dataSource.query(
      'SELECT name, kvk_number, employee_count FROM employer WHERE organisation_id = $1 ORDER BY name',
      [organisation.id],
    );
    expect(employers.map((e: { name: string }) => e.name)).toEqual(['Bakkerij De Korenschoof', 'Gemeente Zeist', 'Tuincentrum Groen']);

    const rejections = await request(testApp.http).get(`/v1/imports/${started.body.id}/rejections`).set(admin.auth);
    expect(rejections.status).toBe(200);
    expect(rejections.body).toHaveLength(1);
    expect(rejections.body[0].row).toBe(3);
    const fields = new Set(rejections.body[0].reasons.map((r: { name: string }) => r.name));
    expect([...fields].sort()).toEqual(['employeeCount', 'kvkNumber', 'name', 'sectorType', 'targetGroupExperience']);
  });

  it('marks a run failed when its job gives up, keeps the rows done, and finishes on a second run', async () => {
    const service = testApp.app.get(ImportsService) as unknown as { writeRow: (...args: unknown[]) => Promise<unknown> };
    const original = service.writeRow.bind(service);
    // The database keeps failing on one row: not the row's fault, so the job retries until it gives up.
    const broken = jest.spyOn(service, 'writeRow').mockImplementation(async (...args: unknown[]) => {
      const record = args[3] as { kvkNumber?: string };
      if (record.kvkNumber === '87654321') throw new Error('Connection terminated unexpectedly');
      return original(...args);
    });
    try {
      const started = await upload(admin, 'employers', EMPLOYERS);
      const failed = await eventually(async () => {
        const response = await request(testApp.http).get(`/v1/imports/${started.body.id}`).set(admin.auth);
        return response.body.status === 'failed' ? response.body : undefined;
      }, 30_000);
      expect(failed).toMatchObject({ rowsDone: 1, rowsCreated: 1 });
      expect(failed.error).toContain('row 2');
      expect(failed.error).not.toContain('Connection');
    } finally {
      broken.mockRestore();
    }
    const again = await upload(admin, 'employers', EMPLOYERS);
    expect(await finished(admin, again.body.id)).toMatchObject({ rowsCreated: 2, rowsUnchanged: 1, rowsRejected: 1 });
  });

  it('takes a coach only under the API rule: an admin is refused per row', async () => {
    const csv = [
      'externalReference,firstName,lastName,coachMembershipId',
      `CRM-1,Anna,de Vries,${coach.membershipId}`,
      `CRM-2,Bram,Admin,${admin.membershipId}`,
    ].join('\n');
    const done = await finished(admin, (await upload(admin, 'participants', csv)).body.id);
    expect(done).toMatchObject({ rowsCreated: 1, rowsRejected: 1 });
    const rejections = await request(testApp.http).get(`/v1/imports/${done.id}/rejections`).set(admin.auth);
    expect(rejections.body).toEqual([
      { row: 2, reasons: [{ name: 'coachMembershipId', reason: 'must be an active coach or team lead of your organisation' }] },
    ]);
  });

  it('refuses a file that is not CSV with a short, printable reason', async () => {
    // A quote after binary bytes: the parser's message quotes the whole field.
    const binary = 'externalReference,firstName,lastName\n' + '\u0001\u0002'.repeat(300) + '"CRM-1,A,B\n';
    const response = await upload(admin, 'participants', binary);
    expect(response.status).toBe(400);
    const [param] = response.body.invalidParams;
    expect(param.name).toBe('body');
    expect(param.reason.length).toBeLessThanOrEqual(220);
    expect([...param.reason].every((char) => char >= ' ')).toBe(true);
  });

  it('changes nothing when the same file is imported again', async () => {
    const first = await upload(admin, 'employers', EMPLOYERS);
    await finished(admin, first.body.id);
    const second = await upload(admin, 'employers', EMPLOYERS);
    const done = await finished(admin, second.body.id);
    expect(done).toMatchObject({ rowsCreated: 0, rowsUnchanged: 3, rowsRejected: 1 });
    const [{ count }] = await testApp.dataSource.query('SELECT count(*)::int AS count FROM employer WHERE organisation_id = $1', [
      organisation.id,
    ]);
    expect(count).toBe(3);

    const participants = 'externalReference,firstName,lastName,email\nCRM-1,Fatima,El Amrani,fatima@example.nl\nCRM-2,Piet,Jansen,\n';
    await finished(coach, (await upload(coach, 'participants', participants)).body.id);
    const again = await finished(coach, (await upload(coach, 'participants', participants)).body.id);
    expect(again).toMatchObject({ rowsCreated: 0, rowsUnchanged: 2 });
    const rows = await testApp.dataSource.query(
      'SELECT external_reference, coach_membership_id FROM participant WHERE organisation_id = $1 ORDER BY external_reference',
      [organisation.id],
    );
    expect(rows).toEqual([
      { external_reference: 'CRM-1', coach_membership_id: coach.membershipId },
      { external_reference: 'CRM-2', coach_membership_id: coach.membershipId },
    ]);
  });

  it('imports vacancies for an employer named by KvK number, each row in full or not at all', async () => {
    await finished(admin, (await upload(admin, 'employers', EMPLOYERS)).body.id);
    const vacancies = [
      'externalReference,employerKvkNumber,title,iscoCode,hoursMin,hoursMax,postcode,skills,supervisionOnFloor,status',
      'V-1,12345678,Medewerker inpak,9321,24,32,3511 AB,inpakken;hygiene,ja,open',
      'V-2,99999999,Magazijnmedewerker,9333,24,32,3511 AB,,nee,open',
      'V-3,12345678,Hovenier,6113,32,24,3511 AB,,nee,open',
    ].join('\n');
    const done = await finished(admin, (await upload(admin, 'vacancies', vacancies)).body.id);
    expect(done).toMatchObject({ rowsCreated: 1, rowsRejected: 2 });
    const [vacancy] = await testApp.dataSource.query('SELECT title, skills, supervision_on_floor, external_reference FROM vacancy');
    expect(vacancy).toEqual({
      title: 'Medewerker inpak',
      skills: ['inpakken', 'hygiene'],
      supervision_on_floor: true,
      external_reference: 'V-1',
    });
    const rejections = (await request(testApp.http).get(`/v1/imports/${done.id}/rejections`).set(admin.auth)).body;
    expect(rejections.map((r: { row: number; reasons: Array<{ name: string }> }) => [r.row, r.reasons[0].name])).toEqual([
      [2, 'employerKvkNumber'],
      [3, 'hoursMax'],
    ]);
  });

  async function rejectionsOf(importId: string): Promise<Array<[number, string[]]>> {
    const body = (await request(testApp.http).get(`/v1/imports/${importId}/rejections`).set(admin.auth)).body;
    return body.map((r: { row: number; reasons: Array<{ name: string }> }) => [r.row, r.reasons.map((reason) => reason.name).sort()]);
  }

  it('imports an employer with its address, filling the coordinates from the postcode table, and names the missing address fields', async () => {
    const csv = [
      'name,kvkNumber,street,houseNumber,postcode,city,latitude,longitude',
      'Bakkerij De Korenschoof,12345678,Oudegracht,12a,3511 AB,Utrecht,,',
      'Gemeente Zeist,87654321,Het Rond,1,3701 HN,Zeist,"52,0890",5.2330',
      'Tuincentrum Groen,11223344,Dorpsstraat,,3511 AB,,,',
      'Kwekerij De Hof,22334455,Dorpsstraat,3,3511AB,Utrecht,,',
      'Schoonmaakbedrijf Glans,33445566,,,,,52.1,5.1',
      'Drukkerij Letter,44556677,,,,,,',
      'Postbus Nergens,55667788,Postbus,100,1000 AA,Amsterdam,,',
    ].join('\n');
    const first = await finished(admin, (await upload(admin, 'employers', csv)).body.id);
    expect(first).toMatchObject({ rowsCreated: 3, rowsUnchanged: 0, rowsRejected: 4 });

    const employers = async () =>
      testApp.dataSource.query('SELECT kvk_number, addresses FROM employer WHERE organisation_id = $1 ORDER BY kvk_number', [
        organisation.id,
      ]);
    const stored = await employers();
    expect(stored).toEqual([
      {
        kvk_number: '12345678',
        addresses: [{ street: 'Oudegracht', houseNumber: '12a', postcode: '3511 AB', city: 'Utrecht', ...UTRECHT_3511 }],
      },
      {
        kvk_number: '44556677',
        addresses: [],
      },
      {
        kvk_number: '87654321',
        addresses: [{ street: 'Het Rond', houseNumber: '1', postcode: '3701 HN', city: 'Zeist', latitude: 52.089, longitude: 5.233 }],
      },
    ]);
    expect(await rejectionsOf(first.id)).toEqual([
      [3, ['city', 'houseNumber']],
      [4, ['postcode']],
      [5, ['city', 'houseNumber', 'postcode', 'street']],
      // 1000 is a postbus range: no area on the map, so the row says so instead of importing an address matching cannot place.
      [7, ['postcode']],
    ]);

    // The same file again: the addresses are as they were and every known row counts as unchanged.
    const again = await finished(admin, (await upload(admin, 'employers', csv)).body.id);
    expect(again).toMatchObject({ rowsCreated: 0, rowsUnchanged: 3, rowsRejected: 4 });
    expect(await employers()).toEqual(stored);
  });

  it('imports a vacancy with its tasks and carvable tasks, derives the core tasks, and names a task that is too long', async () => {
    await finished(admin, (await upload(admin, 'employers', EMPLOYERS)).body.id);
    const long = 'x'.repeat(301);
    const csv = [
      'externalReference,employerKvkNumber,title,iscoCode,hoursMin,hoursMax,postcode,tasks,carvableTasks,status',
      'V-1,12345678,Medewerker inpak,9321,24,32,3511 AB,Broodkratten inpakken; Hygiëneregels volgen ;,Telefoon aannemen,open',
      `V-2,12345678,Magazijnmedewerker,9333,24,32,3511 AB,Orderpicken;${long},,open`,
      `V-3,12345678,Hovenier,6113,24,32,3511 AB,Snoeien,Bestellen;${long},open`,
      'V-4,12345678,Schoonmaker,9112,24,32,3511 AB,,,open',
    ].join('\n');
    const first = await finished(admin, (await upload(admin, 'vacancies', csv)).body.id);
    expect(first).toMatchObject({ rowsCreated: 2, rowsUnchanged: 0, rowsRejected: 2 });

    const vacancies = async () =>
      testApp.dataSource.query(
        'SELECT external_reference, tasks, core_tasks, latitude, longitude FROM vacancy WHERE organisation_id = $1 ORDER BY external_reference',
        [organisation.id],
      );
    const stored = await vacancies();
    expect(stored).toEqual([
      {
        external_reference: 'V-1',
        tasks: [
          { description: 'Broodkratten inpakken', canBeCarvedOut: false },
          { description: 'Hygiëneregels volgen', canBeCarvedOut: false },
          { description: 'Telefoon aannemen', canBeCarvedOut: true },
        ],
        core_tasks: ['broodkratten inpakken', 'hygiëneregels volgen'],
        ...UTRECHT_3511,
      },
      { external_reference: 'V-4', tasks: [], core_tasks: [], ...UTRECHT_3511 },
    ]);
    expect(await rejectionsOf(first.id)).toEqual([
      [2, ['tasks[2].description']],
      [3, ['carvableTasks[2].description']],
    ]);

    const again = await finished(admin, (await upload(admin, 'vacancies', csv)).body.id);
    expect(again).toMatchObject({ rowsCreated: 0, rowsUnchanged: 2, rowsRejected: 2 });
    expect(await vacancies()).toEqual(stored);
  });

  it('refuses unknown columns and lets only admins import employers and vacancies', async () => {
    const unknown = await upload(admin, 'employers', 'name,kvkNumber,favouriteColour\nA,12345678,blue\n');
    expect(unknown.status).toBe(400);
    expect(unknown.body.invalidParams).toEqual([{ name: 'favouriteColour', reason: 'is not a column for employers' }]);
    expect((await upload(coach, 'employers', EMPLOYERS)).status).toBe(403);
    expect(
      (await request(testApp.http).post('/v1/imports?kind=planets').set(admin.auth).set('Content-Type', 'text/csv').send('a\n1')).status,
    ).toBe(400);
  });

  it('is not visible to another organisation or to another coach', async () => {
    const started = await upload(coach, 'participants', 'externalReference,firstName,lastName\nCRM-9,Anna,de Vries\n');
    await finished(coach, started.body.id);
    const other = await createOrganisation(testApp.dataSource, 'Ander');
    const outsider = await createUser(testApp, other.id, 'admin');
    expect((await request(testApp.http).get(`/v1/imports/${started.body.id}`).set(outsider.auth)).status).toBe(404);
    expect((await request(testApp.http).get(`/v1/imports/${started.body.id}/rejections`).set(outsider.auth)).status).toBe(404);
    const otherCoach = await createUser(testApp, organisation.id, 'jobcoach');
    expect((await request(testApp.http).get(`/v1/imports/${started.body.id}`).set(otherCoach.auth)).status).toBe(404);
    expect((await request(testApp.http).get(`/v1/imports/${started.body.id}`).set(admin.auth)).status).toBe(200);
  });
  it('purges the file once the run completes or fails, keeping counts and reasons without any cell value', async () => {
    const marker = 'IMPORTMARKER-7f3a';
    const csv = [
      'externalReference,firstName,lastName,email,phone',
      `CRM-1,Anna${marker},de Vries,anna.${marker.toLowerCase()}@example.nl,0612345678`,
      `CRM-2,Bram,${marker},not-an-e-mail-${marker},0687654321`,
    ].join('\n');
    const done = await finished(admin, (await upload(admin, 'participants', csv)).body.id);
    expect(done).toMatchObject({ totalRows: 2, rowsCreated: 1, rowsRejected: 1 });
    const [run] = await testApp.dataSource.query('SELECT content FROM import_run WHERE id = $1', [done.id]);
    expect(run.content).toBe('');
    const stored = JSON.stringify(await testApp.dataSource.query('SELECT * FROM import_rejection WHERE import_id = $1', [done.id]));
    expect(stored).toContain('email');
    expect(stored).not.toContain(marker);

    const service = testApp.app.get(ImportsService) as unknown as { writeBatch: (...args: unknown[]) => Promise<unknown> };
    const broken = jest.spyOn(service, 'writeBatch').mockRejectedValue(new Error('Connection terminated unexpectedly'));
    try {
      const started = await upload(admin, 'participants', csv.replaceAll('CRM-', 'CRM-F'));
      await eventually(async () => {
        const response = await request(testApp.http).get(`/v1/imports/${started.body.id}`).set(admin.auth);
        return response.body.status === 'failed' ? response.body : undefined;
      }, 30_000);
      const [failed] = await testApp.dataSource.query('SELECT content FROM import_run WHERE id = $1', [started.body.id]);
      expect(failed.content).toBe('');
    } finally {
      broken.mockRestore();
    }
  });

  it('never stores a cell value in a rejection reason, whatever the rule says', () => {
    expect(
      withoutValues([{ name: 'email', reason: 'anna@example.nl is not an e-mail address' }], { email: 'anna@example.nl', firstName: 'Al' }),
    ).toEqual([{ name: 'email', reason: '(value left out) is not an e-mail address' }]);
  });
});

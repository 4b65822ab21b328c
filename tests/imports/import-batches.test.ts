import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { AuditService } from '../../src/audit/audit.service.js';
import { IMPORT_BATCH_ROWS, ImportsService } from '../../src/imports/imports.service.js';
import { ImportsModule } from '../../src/imports/imports.module.js';
import { MembershipsService } from '../../src/identity/memberships.service.js';
import { ParticipantsService } from '../../src/participants/participants.service.js';
import { createOrganisation, createUser, type TestOrganisation, type TestUser } from '../support/fixtures.js';
import { createTestApp, eventually, resetState, type TestApp, waitForQueuesToDrain } from '../support/test-app.js';

const FILE = [
  'externalReference,firstName,lastName,email,phone,dateOfBirth',
  'CRM-1,Fatima,El Amrani,fatima@example.nl,0612345678,1994-03-17',
  'CRM-2,Piet,Jansen,,,',
  'CRM-3,Anna,de Vries,anna@example.nl,,15-1-1990',
  'CRM-4,Bram,,bram@example.nl,,',
  'CRM-5,Sanne,Bakker,SANNE@example.nl,,',
].join('\n');

describe('bulk import of participants in set-based batches', () => {
  let testApp: TestApp;
  let organisation: TestOrganisation;
  let admin: TestUser;
  let coach: TestUser;
  let imports: ImportsService;

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [ImportsModule], env: { QUEUE_BACKOFF_MS: '50' } });
    imports = testApp.app.get(ImportsService);
  });
  beforeEach(async () => {
    await resetState(testApp);
    organisation = await createOrganisation(testApp.dataSource);
    admin = await createUser(testApp, organisation.id, 'admin');
    coach = await createUser(testApp, organisation.id, 'jobcoach');
    imports.batchRows = 2; // five rows: batches 1-2, 3-4 and 5
  });
  afterEach(() => {
    imports.batchRows = IMPORT_BATCH_ROWS;
    jest.restoreAllMocks();
  });
  afterAll(() => testApp.close());

  const upload = (csv: string, user = admin) =>
    request(testApp.http).post('/v1/imports?kind=participants').set(user.auth).set('Content-Type', 'text/csv').send(csv);

  async function ended(importId: string, status = 'completed', user = admin) {
    await waitForQueuesToDrain(testApp);
    return eventually(async () => {
      const response = await request(testApp.http).get(`/v1/imports/${importId}`).set(user.auth);
      return response.body.status === status ? response.body : undefined;
    }, 30_000);
  }

  const participants = () =>
    testApp.dataSource.query(
      `SELECT external_reference, first_name, last_name, email, phone, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, version, updated_at
         FROM participant WHERE organisation_id = $1 ORDER BY external_reference`,
      [organisation.id],
    );
  const auditEntries = () =>
    testApp.dataSource.query<Array<{ action: string; resource_id: string; fields: string[]; request_id: string }>>(
      `SELECT action, resource_id, fields, request_id FROM audit_event
        WHERE organisation_id = $1 AND resource_type = 'participant' ORDER BY id`,
      [organisation.id],
    );
  const rejectionsOf = async (importId: string) =>
    (await request(testApp.http).get(`/v1/imports/${importId}/rejections`).set(admin.auth)).body as Array<{
      row: number;
      reasons: Array<{ name: string; reason: string }>;
    }>;

  it('creates, then leaves a re-run of the same file unchanged: nothing written, nothing audited', async () => {
    const first = await ended((await upload(FILE)).body.id);
    expect(first).toMatchObject({ totalRows: 5, rowsDone: 5, rowsCreated: 4, rowsUpdated: 0, rowsUnchanged: 0, rowsRejected: 1 });
    const rejections = await rejectionsOf(first.id);
    expect(rejections.map((r) => [r.row, [...new Set(r.reasons.map((reason) => reason.name))]])).toEqual([[4, ['lastName']]]);
    const stored = await participants();
    expect(stored.map((p: { external_reference: string }) => p.external_reference)).toEqual(['CRM-1', 'CRM-2', 'CRM-3', 'CRM-5']);
    expect(stored[2]).toMatchObject({ first_name: 'Anna', date_of_birth: '1990-01-15', email: 'anna@example.nl', version: 1 });
    expect(stored[3]).toMatchObject({ email: 'sanne@example.nl' });
    const audited = await auditEntries();

    const again = await ended((await upload(FILE)).body.id);
    expect(again).toMatchObject({ rowsDone: 5, rowsCreated: 0, rowsUpdated: 0, rowsUnchanged: 4, rowsRejected: 1 });
    expect(await participants()).toEqual(stored);
    expect(await auditEntries()).toEqual(audited);
    expect((await request(testApp.http).get(`/v1/imports/${again.id}/updates`).set(admin.auth)).body).toEqual([]);
  });

  it('updates a row whose data changed, reports it per row and in the totals, and audits the changed fields only', async () => {
    await ended((await upload(FILE)).body.id);
    const before = await participants();
    const changed = FILE.replace('CRM-2,Piet,Jansen,,,', 'CRM-2,Piet,Jansen-Smit,piet@example.nl,,').replace(
      'CRM-1,Fatima,El Amrani,fatima@example.nl,0612345678,1994-03-17',
      // An empty cell keeps what is stored; the same e-mail address in capitals is no change.
      'CRM-1,Fatima,El Amrani,FATIMA@example.nl,,',
    );
    const done = await ended((await upload(changed)).body.id);
    expect(done).toMatchObject({ rowsCreated: 0, rowsUpdated: 1, rowsUnchanged: 3, rowsRejected: 1 });
    const updates = await request(testApp.http).get(`/v1/imports/${done.id}/updates`).set(admin.auth);
    expect(updates.status).toBe(200);
    expect(updates.body).toEqual([{ row: 2, fields: ['lastName', 'email'] }]);

    const after = await participants();
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).toMatchObject({ last_name: 'Jansen-Smit', email: 'piet@example.nl', version: 2 });
    const [update] = (await auditEntries()).filter((entry) => entry.action === 'update');
    expect(update).toMatchObject({ fields: ['lastName', 'email'], request_id: `import:${done.id}:rows:1-2` });
    // Column names only: the run's reports hold no value from the file.
    const reports = JSON.stringify(await testApp.dataSource.query('SELECT * FROM import_update WHERE import_id = $1', [done.id]));
    expect(reports).not.toContain('Jansen-Smit');
    expect(reports).not.toContain('piet@');

    // The same key twice in one file: the later row meets what the earlier one wrote.
    const twice = await ended((await upload('externalReference,firstName,lastName\nCRM-9,Ali,Yilmaz\nCRM-9,Ali,Yılmaz\n')).body.id);
    expect(twice).toMatchObject({ rowsCreated: 1, rowsUpdated: 1 });
  });

  it('writes one audit statement per batch, naming each row’s participant, with the batch as request id', async () => {
    const record = jest.spyOn(testApp.app.get(AuditService), 'record');
    const done = await ended((await upload(FILE)).body.id);
    const batches = record.mock.calls.filter(([, entries]) => Array.isArray(entries) && entries[0]?.resourceType === 'participant');
    expect(batches.map(([, entries]) => (entries as unknown[]).length)).toEqual([2, 1, 1]);
    const entries = await auditEntries();
    const ids = await testApp.dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM participant WHERE organisation_id = $1 ORDER BY external_reference',
      [organisation.id],
    );
    expect(entries.map((entry) => entry.resource_id).sort()).toEqual(ids.map((row) => row.id).sort());
    expect(entries.every((entry) => entry.action === 'create')).toBe(true);
    expect([...new Set(entries.map((entry) => entry.request_id))]).toEqual([
      `import:${done.id}:rows:1-2`,
      `import:${done.id}:rows:3-4`,
      `import:${done.id}:rows:5-5`,
    ]);
  });

  it('leaves nothing of a failing batch written: the rows before it stay, the next run finishes the file', async () => {
    const service = testApp.app.get(ParticipantsService);
    const original = service.importBatch.bind(service);
    // The batch with CRM-3 is written, then the connection fails before it commits, on every attempt.
    jest.spyOn(service, 'importBatch').mockImplementation(async (actor, rows) => {
      const outcomes = await original(actor, rows);
      if (rows.some((row) => row.reference === 'CRM-3')) throw new Error('Connection terminated unexpectedly');
      return outcomes;
    });
    const failed = await ended((await upload(FILE)).body.id, 'failed');
    expect(failed).toMatchObject({ rowsDone: 2, rowsCreated: 2, rowsRejected: 0 });
    expect(failed.error).toContain('row 3');
    expect((await participants()).map((p: { external_reference: string }) => p.external_reference)).toEqual(['CRM-1', 'CRM-2']);
    expect(await auditEntries()).toHaveLength(2);
    expect(await rejectionsOf(failed.id)).toEqual([]);

    jest.restoreAllMocks();
    const again = await ended((await upload(FILE)).body.id);
    expect(again).toMatchObject({ rowsCreated: 2, rowsUnchanged: 2, rowsRejected: 1 });
  });

  it('rejects only the row the database refuses, writing the rest of its batch', async () => {
    const service = testApp.app.get(ParticipantsService);
    const original = service.importBatch.bind(service);
    jest.spyOn(service, 'importBatch').mockImplementation(async (actor, rows) => {
      if (rows.some((row) => row.reference === 'CRM-1')) throw Object.assign(new Error('check violation'), { code: '23514' });
      return original(actor, rows);
    });
    const done = await ended((await upload(FILE)).body.id);
    expect(done).toMatchObject({ rowsCreated: 3, rowsRejected: 2 });
    const rejections = await rejectionsOf(done.id);
    expect(rejections.map((r) => r.row)).toEqual([1, 4]);
    expect(rejections[0]!.reasons).toEqual([{ name: 'row', reason: 'contains a value that cannot be stored' }]);
    expect(new Set(rejections[1]!.reasons.map((reason) => reason.name))).toEqual(new Set(['lastName']));
  });

  it('refuses a header without a required column before any row is read, naming the column', async () => {
    // The row after the header is not even CSV: had it been read, the file would be refused for that.
    const response = await upload('Kenmerk;Achternaam;E-mailadres\nCRM-1;"El Amrani\n');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.invalidParams).toEqual([{ name: 'firstName', reason: 'column is required for every row' }]);
    const both = await upload('email\nanna@example.nl\n');
    expect(both.body.invalidParams.map((param: { name: string }) => param.name)).toEqual(['externalReference', 'firstName', 'lastName']);
    const [{ runs }] = await testApp.dataSource.query('SELECT count(*)::int AS runs FROM import_run WHERE organisation_id = $1', [
      organisation.id,
    ]);
    expect(runs).toBe(0);
    expect(await participants()).toEqual([]);
  });

  it('keeps each organisation’s keys apart, and finds a coach by e-mail address once per run', async () => {
    const other = await createOrganisation(testApp.dataSource, 'Ander');
    const outsider = await createUser(testApp, other.id, 'admin');
    await ended((await upload('externalReference,firstName,lastName\nCRM-1,Anders,Persoon\n', outsider)).body.id, 'completed', outsider);
    const lookups = jest.spyOn(testApp.app.get(MembershipsService), 'caseworkerByEmail');
    const csv = ['externalReference,firstName,lastName,coachEmail', ...[1, 2, 3, 4, 5].map((n) => `CRM-${n},Naam,Achter,${coach.email}`)];
    const done = await ended((await upload(csv.join('\n'))).body.id);
    // CRM-1 of the other organisation is not this organisation's CRM-1.
    expect(done).toMatchObject({ rowsCreated: 5, rowsUpdated: 0 });
    expect(lookups).toHaveBeenCalledTimes(1);
    const [{ coached }] = await testApp.dataSource.query(
      'SELECT count(*)::int AS coached FROM participant WHERE organisation_id = $1 AND coach_membership_id = $2',
      [organisation.id, coach.membershipId],
    );
    expect(coached).toBe(5);
    const theirs = await testApp.dataSource.query('SELECT first_name, last_name, version FROM participant WHERE organisation_id = $1', [
      other.id,
    ]);
    expect(theirs).toEqual([{ first_name: 'Anders', last_name: 'Persoon', version: 1 }]);
  });
});

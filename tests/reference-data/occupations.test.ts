import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createEmployer, createOrganisation, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('occupations by name (ISCO-08 unit groups and ESCO occupations)', () => {
  let testApp: TestApp;
  let employerUser: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api' });
    const organisation = await createOrganisation(testApp.dataSource);
    const employerId = await createEmployer(testApp.dataSource, organisation.id);
    employerUser = await createUser(testApp, organisation.id, 'employer_user', { employerId });
  });
  afterAll(() => testApp.close());

  const search = (query: Record<string, string>) =>
    request(testApp.http).get('/v1/reference-data/occupations').query(query).set(employerUser.auth);

  it('ships every ISCO-08 unit group and the ESCO occupations, each under its unit group', async () => {
    const [counts] = await testApp.dataSource.query(
      "SELECT count(*) FILTER (WHERE key LIKE 'isco:%')::int AS groups, count(*) FILTER (WHERE key LIKE 'esco:%')::int AS occupations FROM occupation",
    );
    expect(counts).toEqual({ groups: 436, occupations: 3039 });
    const [orphans] = await testApp.dataSource.query(
      "SELECT count(*)::int AS n FROM occupation o WHERE NOT EXISTS (SELECT 1 FROM occupation g WHERE g.key = 'isco:' || o.isco_code)",
    );
    expect(orphans.n).toBe(0);
  });

  it('finds a Dutch name by the start of a word, best match first, with the ISCO code underneath', async () => {
    const response = await search({ q: 'pakhuis' });
    expect(response.status).toBe(200);
    expect(response.body[0]).toEqual({
      key: 'esco:808becc8-5a4e-4e71-a043-c2ea32b56ae3',
      iscoCode: '9333',
      escoUri: 'http://data.europa.eu/esco/occupation/808becc8-5a4e-4e71-a043-c2ea32b56ae3',
      title: 'pakhuismedewerker',
      groupTitle: 'Laders en lossers',
    });
    // "huis" starts no word in "pakhuismedewerker": word starts only.
    const inside = await search({ q: 'huismedewerker' });
    expect(inside.body.map((row: { title: string }) => row.title)).not.toContain('pakhuismedewerker');
  });

  it('ranks an exact title above titles that only contain the words, and finds alternative titles too', async () => {
    const exact = await search({ q: 'Laders en lossers' });
    expect(exact.body[0]).toMatchObject({ key: 'isco:9333', title: 'Laders en lossers' });
    const alternative = await search({ q: 'magazijnmedewerker' });
    expect(alternative.body.map((row: { key: string }) => row.key)).toContain('esco:808becc8-5a4e-4e71-a043-c2ea32b56ae3');
  });

  it('finds English names and answers in English when asked', async () => {
    const dutchReader = await search({ q: 'materials handler' });
    expect(dutchReader.body[0]).toMatchObject({ iscoCode: '9333', title: 'pakhuismedewerker' });
    const englishReader = await search({ q: 'materials handler', locale: 'en' });
    expect(englishReader.body[0]).toMatchObject({ iscoCode: '9333', title: 'materials handler', groupTitle: 'Freight handlers' });
  });

  it('finds a unit group by its code and refuses a query that is too short, naming the field', async () => {
    const byCode = await search({ q: '9333' });
    expect(byCode.body[0]).toMatchObject({ key: 'isco:9333' });
    const tooShort = await search({ q: 'a' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(tooShort.body)).toContain('"q"');
  });
});

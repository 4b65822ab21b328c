import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { LoadPostcodeCentroids1763903200000 } from '../../migrations/1763903200000-LoadPostcodeCentroids.js';
import { runPendingMigrations } from '../../src/platform/database/migrate.js';
import { buildDataSourceOptions } from '../../src/platform/database/typeorm-options.js';
import { BASE_PROFILE, BASE_VACANCY, createCandidate, createVacancy, MODULES, staffAndEmployer } from '../matching/world.js';
import { createOrganisation, createParticipant, type TestUser } from '../support/fixtures.js';
import { createDatabase, dropDatabase } from '../support/test-database.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

/** Great-circle distance in km, to check a centroid lies where the town is. */
function kmBetween(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const h =
    Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 +
    Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const UNKNOWN = 'is not a known Dutch postcode area (1000): check the postcode, or give latitude and longitude';

describe('postcode centroids shipped with Werkbrug', () => {
  describe('on a fresh database', () => {
    const server = process.env.WERKBRUG_TEST_SERVER_URL!;
    const name = `werkbrug_test_${process.env.WERKBRUG_TEST_RUN}_postcodes_${process.env.WERKBRUG_TEST_WORKER}`;
    let dataSource: DataSource;

    // Creating, migrating and dropping a database of its own takes long on a busy machine.
    beforeAll(async () => {
      const url = await createDatabase(server, name);
      await runPendingMigrations(url);
      dataSource = await new DataSource(buildDataSourceOptions(url, 2)).initialize();
    }, 120_000);
    afterAll(async () => {
      await dataSource.destroy();
      await dropDatabase(server, name);
    }, 120_000);

    const area = async (pc4: string) =>
      (await dataSource.query('SELECT latitude, longitude, municipality FROM postcode_area WHERE pc4 = $1', [pc4]))[0];

    it('holds every Dutch 4-digit postcode area after the migrations, each where its town is', async () => {
      const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM postcode_area');
      expect(n).toBeGreaterThan(3500);
      expect(n).toBe(4064);
      const amsterdamCentrum = await area('1012');
      expect(amsterdamCentrum.municipality).toBe('Amsterdam');
      expect(kmBetween(amsterdamCentrum, { latitude: 52.373, longitude: 4.893 })).toBeLessThan(1);
      const utrechtCentrum = await area('3511');
      expect(utrechtCentrum.municipality).toBe('Utrecht');
      expect(kmBetween(utrechtCentrum, { latitude: 52.0907, longitude: 5.1214 })).toBeLessThan(1);
      const groningen = await area('9711');
      expect(kmBetween(groningen, { latitude: 53.2194, longitude: 6.5665 })).toBeLessThan(2);
      // A postcode shared by several places has one centroid: the mean of theirs (7766: Schoonebeek, Nieuw-Schoonebeek, Weiteveen).
      expect(await area('7766')).toEqual({ latitude: 52.6613, longitude: 6.9559, municipality: 'Emmen' });
    });

    it('loads again without touching areas imported since, and reverts only the rows it wrote', async () => {
      await dataSource.query("UPDATE postcode_area SET latitude = 52.1, longitude = 5.2 WHERE pc4 = '3511'");
      await dataSource.query("DELETE FROM postcode_area WHERE pc4 = '1012'");
      const migration = new LoadPostcodeCentroids1763903200000();
      const runner = dataSource.createQueryRunner();
      try {
        await migration.up(runner);
        expect(await area('3511')).toMatchObject({ latitude: 52.1, longitude: 5.2 });
        expect(await area('1012')).toMatchObject({ municipality: 'Amsterdam' });

        await migration.down(runner);
        const rows = await dataSource.query('SELECT pc4, latitude FROM postcode_area');
        expect(rows).toEqual([{ pc4: '3511', latitude: 52.1 }]);

        await migration.up(runner);
        const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM postcode_area');
        expect(n).toBe(4064);
      } finally {
        await runner.release();
      }
    });
  });

  describe('entering addresses by postcode', () => {
    let testApp: TestApp;
    let coach: TestUser;
    let employerId: string;

    beforeAll(async () => {
      testApp = await createTestApp({ role: 'api', imports: MODULES });
    });
    beforeEach(async () => {
      await resetState(testApp);
      const organisation = await createOrganisation(testApp.dataSource);
      ({ coach, employerId } = await staffAndEmployer(testApp, organisation.id));
    });
    afterAll(() => testApp.close());

    it('keeps the shipped areas when the tests reset the application tables', async () => {
      const [{ n }] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM postcode_area');
      expect(n).toBe(4064);
    });

    it('places a vacancy and a participant entered by postcode only, and matching finds the candidate by distance', async () => {
      const vacancyId = await createVacancy(testApp, coach, employerId, { postcode: '3511 AB' });
      const participantId = await createCandidate(testApp, coach, { profile: { postcode: '3701 AB', maxTravelKm: 15 } });

      const vacancy = (await request(testApp.http).get(`/v1/vacancies/${vacancyId}`).set(coach.auth)).body;
      expect(vacancy).toMatchObject({ latitude: 52.0884, longitude: 5.1175 });
      const profile = (await request(testApp.http).get(`/v1/participants/${participantId}/profile`).set(coach.auth)).body;
      expect(profile).toMatchObject({ postcode: '3701 AB', latitude: 52.0864, longitude: 5.244 });

      const response = await request(testApp.http).get(`/v1/vacancies/${vacancyId}/candidates`).set(coach.auth);
      expect(response.status).toBe(200);
      expect(response.body.map((candidate: { participantId: string }) => candidate.participantId)).toEqual([participantId]);
      const [candidate] = response.body;
      expect(candidate.failedFilters).toEqual([]);
      const distance = candidate.filters.find((filter: { filter: string }) => filter.filter === 'distance');
      expect(distance.explanation.nl).toMatch(/^Afstand 8,\d km; reisbereik 15 km$/);
      expect(JSON.stringify(response.body)).not.toContain('Afstand onbekend');
    });

    it('refuses a vacancy whose postcode area is unknown, naming the field, and stores nothing', async () => {
      const response = await request(testApp.http)
        .post('/v1/vacancies')
        .set(coach.auth)
        .send({ ...BASE_VACANCY, employerId, postcode: '1000 AA' });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.invalidParams).toEqual([{ name: 'postcode', reason: UNKNOWN }]);
      const [{ n }] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM vacancy');
      expect(n).toBe(0);

      const vacancyId = await createVacancy(testApp, coach, employerId);
      const moved = await request(testApp.http).patch(`/v1/vacancies/${vacancyId}`).set(coach.auth).send({ postcode: '1000 AA' });
      expect(moved.status).toBe(400);
      expect(moved.body.invalidParams).toEqual([{ name: 'postcode', reason: UNKNOWN }]);
    });

    it('refuses a participant profile and an employer address whose postcode area is unknown', async () => {
      const participantId = await createParticipant(testApp.dataSource, coach.organisationId, coach.membershipId);
      const profile = await request(testApp.http)
        .put(`/v1/participants/${participantId}/profile`)
        .set(coach.auth)
        .send({ ...BASE_PROFILE, postcode: '1000 AA' });
      expect(profile.status).toBe(400);
      expect(profile.body.invalidParams).toEqual([{ name: 'postcode', reason: UNKNOWN }]);

      const employer = await request(testApp.http)
        .post('/v1/employers')
        .set(coach.auth)
        .send({
          name: 'Postbus BV',
          addresses: [
            { street: 'Oudegracht', houseNumber: '1', postcode: '3511 AB', city: 'Utrecht' },
            { street: 'Postbus', houseNumber: '100', postcode: '1000 AA', city: 'Amsterdam' },
          ],
        });
      expect(employer.status).toBe(400);
      expect(employer.body.invalidParams).toEqual([{ name: 'addresses.1.postcode', reason: UNKNOWN }]);
    });

    it('accepts an unknown postcode area when the coordinates are given with it', async () => {
      const vacancyId = await createVacancy(testApp, coach, employerId, { postcode: '1000 AA', latitude: 52.375, longitude: 4.9 });
      const vacancy = (await request(testApp.http).get(`/v1/vacancies/${vacancyId}`).set(coach.auth)).body;
      expect(vacancy).toMatchObject({ postcode: '1000 AA', latitude: 52.375, longitude: 4.9 });
    });
  });
});

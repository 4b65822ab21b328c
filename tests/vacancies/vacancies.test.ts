import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createEmployer, createOrganisation, createUser, type TestOrganisation } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import { BASE_VACANCY, MODULES, staffAndEmployer, UTRECHT_3511 } from '../matching/world.js';

describe('employers and vacancies', () => {
  let testApp: TestApp;
  let organisation: TestOrganisation;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api', imports: MODULES });
  });
  beforeEach(async () => {
    await resetState(testApp);
    organisation = await createOrganisation(testApp.dataSource);
  });
  afterAll(() => testApp.close());

  describe('employer details', () => {
    it('validates the KvK number, payroll tax number and postcode, naming the field', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const response = await request(testApp.http)
        .post('/v1/employers')
        .set(coach.auth)
        .send({
          name: 'Bakkerij',
          kvkNumber: '1234567',
          payrollTaxNumber: '12345678901',
          addresses: [{ street: 'Oudegracht', houseNumber: '1', postcode: '3511AB', city: 'Utrecht' }],
        });
      expect(response.status).toBe(400);
      const names = response.body.invalidParams.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(['kvkNumber', 'payrollTaxNumber', 'addresses.0.postcode']));
    });

    it('refuses one coordinate without the other instead of dropping it', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const response = await request(testApp.http)
        .post('/v1/employers')
        .set(coach.auth)
        .send({
          name: 'Bakkerij',
          addresses: [{ street: 'Oudegracht', houseNumber: '1', postcode: '3511 AB', city: 'Utrecht', latitude: 52.09 }],
        });
      expect(response.status).toBe(400);
      expect(response.body.invalidParams).toEqual([{ name: 'addresses.0.latitude', reason: 'must be given together with longitude' }]);
      const [{ n }] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM employer WHERE organisation_id = $1', [
        organisation.id,
      ]);
      expect(n).toBe(0);
    });

    it('stores the details and fills address coordinates from the postcode area', async () => {
      const coach = await createUser(testApp, organisation.id, 'jobcoach');
      const response = await request(testApp.http)
        .post('/v1/employers')
        .set(coach.auth)
        .send({
          name: 'Bakkerij De Korenschoof',
          kvkNumber: '12345678',
          payrollTaxNumber: '123456789L01',
          sectorType: 'private',
          employeeCount: 42,
          paidHoursPerYear: 68166,
          targetGroupExperience: 'some',
          inclusiveHiringMotivation: 'Iedereen verdient een kans.',
          addresses: [{ street: 'Oudegracht', houseNumber: '1', postcode: '3511 AB', city: 'Utrecht' }],
          contactPersons: [{ name: 'Joke de Vries', role: 'Teamleider' }],
        });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        kvkNumber: '12345678',
        payrollTaxNumber: '123456789L01',
        sectorType: 'private',
        targetGroupExperience: 'some',
      });
      expect(response.body.addresses[0]).toMatchObject({ postcode: '3511 AB', ...UTRECHT_3511 });
    });
  });

  describe('vacancy validation', () => {
    it.each([
      [{ iscoCode: '12' }, 'iscoCode'],
      [{ iscoCode: '0011' }, 'iscoCode'],
      [{ postcode: '0123 AB' }, 'postcode'],
      [{ postcode: '1234 SS' }, 'postcode'],
      [{ hoursMin: 0 }, 'hoursMin'],
      [{ hoursMax: 61 }, 'hoursMax'],
      [{ hoursMin: 30, hoursMax: 20 }, 'hoursMax'],
      [{ shifts: ['morning'] }, 'shifts'],
      [{ escoUri: 'https://example.com/x' }, 'escoUri'],
    ])('refuses %j with 400 naming %s', async (change, field) => {
      const { coach, employerId } = await staffAndEmployer(testApp, organisation.id);
      const response = await request(testApp.http)
        .post('/v1/vacancies')
        .set(coach.auth)
        .send({ ...BASE_VACANCY, employerId, ...change });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.body.invalidParams.map((p: { name: string }) => p.name)).toContain(field);
    });

    it('refuses a PATCH that makes the hours range inverted', async () => {
      const { coach, employerId } = await staffAndEmployer(testApp, organisation.id);
      const created = await request(testApp.http)
        .post('/v1/vacancies')
        .set(coach.auth)
        .send({ ...BASE_VACANCY, employerId });
      const response = await request(testApp.http).patch(`/v1/vacancies/${created.body.id}`).set(coach.auth).send({ hoursMin: 32 });
      expect(response.status).toBe(400);
      expect(response.body.invalidParams).toEqual([{ name: 'hoursMax', reason: 'must be at least hoursMin' }]);
    });
  });

  describe('who sees and edits which vacancy', () => {
    it('lets an employer user create and see only their own employer’s vacancies', async () => {
      const { coach, employerId, employerUser } = await staffAndEmployer(testApp, organisation.id);
      const otherEmployer = await createEmployer(testApp.dataSource, organisation.id, 'Andere BV');
      const own = await request(testApp.http)
        .post('/v1/vacancies')
        .set(employerUser.auth)
        .send({ ...BASE_VACANCY });
      expect(own.status).toBe(201);
      expect(own.body.employerId).toBe(employerId);
      expect(own.body).toMatchObject(UTRECHT_3511);
      const foreign = await request(testApp.http)
        .post('/v1/vacancies')
        .set(coach.auth)
        .send({ ...BASE_VACANCY, employerId: otherEmployer, title: 'Anders' });
      expect(foreign.status).toBe(201);

      const list = await request(testApp.http).get('/v1/vacancies').set(employerUser.auth);
      expect(list.body.map((v: { id: string }) => v.id)).toEqual([own.body.id]);
      expect((await request(testApp.http).get(`/v1/vacancies/${foreign.body.id}`).set(employerUser.auth)).status).toBe(404);
      expect(
        (await request(testApp.http).patch(`/v1/vacancies/${foreign.body.id}`).set(employerUser.auth).send({ title: 'x' })).status,
      ).toBe(404);
      const forOther = await request(testApp.http)
        .post('/v1/vacancies')
        .set(employerUser.auth)
        .send({ ...BASE_VACANCY, employerId: otherEmployer });
      expect(forOther.status).toBe(400);
      expect(forOther.body.invalidParams[0].name).toBe('employerId');

      const coachList = await request(testApp.http).get('/v1/vacancies').set(coach.auth);
      expect(coachList.body).toHaveLength(2);
    });

    it('answers 404 for another organisation’s vacancy', async () => {
      const { coach, employerId } = await staffAndEmployer(testApp, organisation.id);
      const vacancy = await request(testApp.http)
        .post('/v1/vacancies')
        .set(coach.auth)
        .send({ ...BASE_VACANCY, employerId });
      const other = await createOrganisation(testApp.dataSource, 'Ander');
      const outsider = await createUser(testApp, other.id, 'jobcoach');
      expect((await request(testApp.http).get(`/v1/vacancies/${vacancy.body.id}`).set(outsider.auth)).status).toBe(404);
      expect((await request(testApp.http).get(`/v1/vacancies/${vacancy.body.id}/job-posting`).set(outsider.auth)).status).toBe(404);
      expect((await request(testApp.http).get(`/v1/vacancies/${vacancy.body.id}/candidates`).set(outsider.auth)).status).toBe(404);
      expect(
        (
          await request(testApp.http)
            .post('/v1/vacancies')
            .set(outsider.auth)
            .send({ ...BASE_VACANCY, employerId })
        ).status,
      ).toBe(400);
    });
  });

  it('exports a schema.org JobPosting as JSON-LD', async () => {
    const { coach, employerId } = await staffAndEmployer(testApp, organisation.id);
    const vacancy = await request(testApp.http)
      .post('/v1/vacancies')
      .set(coach.auth)
      .send({
        ...BASE_VACANCY,
        employerId,
        closingDate: '2026-12-31',
        requiredCertificates: ['HACCP'],
        tasks: [{ description: 'Inpakken', canBeCarvedOut: false }],
      });
    const response = await request(testApp.http).get(`/v1/vacancies/${vacancy.body.id}/job-posting`).set(coach.auth);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/ld\+json/);
    const body = JSON.parse(response.text);
    expect(body).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      title: 'Medewerker inpak',
      validThrough: '2026-12-31',
      employmentType: 'PART_TIME',
      occupationalCategory: 'ISCO-08 9321',
      hiringOrganization: { '@type': 'Organization', name: 'Bakkerij De Korenschoof' },
      jobLocation: {
        '@type': 'Place',
        address: { postalCode: '3511 AB', addressCountry: 'NL' },
        geo: UTRECHT_3511,
      },
    });
    expect(body.qualifications[0]).toEqual({ '@type': 'EducationalOccupationalCredential', name: 'HACCP' });
  });
});

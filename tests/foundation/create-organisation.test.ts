import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OrganisationSlugTakenProblem, OrganisationsService } from '../../src/organisations/organisations.service.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

/** What `npm run org:create` relies on: a new organisation, and a clear refusal of a slug in use. */
describe('creating an organisation', () => {
  let testApp: TestApp;
  let organisations: OrganisationsService;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api' });
    await resetState(testApp);
    organisations = testApp.app.get(OrganisationsService);
  });
  afterAll(() => testApp.close());

  it('creates it with its slug and default settings', async () => {
    const created = await organisations.create('WerkFit Utrecht', 'werkfit-utrecht');
    expect(created).toMatchObject({ name: 'WerkFit Utrecht', slug: 'werkfit-utrecht', staffMagicLinkAllowed: false });
    expect(await organisations.idBySlug('werkfit-utrecht')).toBe(created.id);
    expect(await organisations.idBySlug('unknown')).toBeNull();
  });

  it('refuses a second organisation with the same slug with one clear message, not a duplicate-key error', async () => {
    await organisations.create('WerkFit Amersfoort', 'werkfit-amersfoort');
    const error = await organisations.create('WerkFit Amersfoort', 'werkfit-amersfoort').catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(OrganisationSlugTakenProblem);
    expect((error as OrganisationSlugTakenProblem).message).toBe('An organisation with the slug "werkfit-amersfoort" already exists.');
    expect((error as OrganisationSlugTakenProblem).getStatus()).toBe(409);
    const [{ count }] = await testApp.dataSource.query("SELECT count(*)::int AS count FROM organisation WHERE slug = 'werkfit-amersfoort'");
    expect(count).toBe(1);
  });

  it('refuses the slug the same way when two creations race', async () => {
    const results = await Promise.allSettled([organisations.create('Race A', 'race'), organisations.create('Race B', 'race')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const [refused] = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(refused.reason).toBeInstanceOf(OrganisationSlugTakenProblem);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Browsers get pages, API clients get problem+json, also where no route matched. */
describe('errors outside any route', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('an unknown portal address answers with the Dutch not-found page', async () => {
    const response = await request(testApp.http).get('/portal/bestaat-niet').set('Accept-Language', 'nl');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(/<h1[^>]*>([^<]*)<\/h1>/.exec(response.text)?.[1]).toBe('Deze pagina bestaat niet');
    expect(response.text).toContain('href="/toegankelijkheid"');
  });

  it('an unknown API address still answers with problem+json', async () => {
    const response = await request(testApp.http).get('/v1/bestaat-niet');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, type: expect.stringContaining('not-found') });
  });

  it('the accessibility statement is public', async () => {
    const response = await request(testApp.http).get('/toegankelijkheid');
    expect(response.status).toBe(200);
    expect(/<h1[^>]*>([^<]*)<\/h1>/.exec(response.text)?.[1]).toBe('Toegankelijkheidsverklaring');
  });
});

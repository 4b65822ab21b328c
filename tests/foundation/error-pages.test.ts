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

  it('any other unknown address answers a browser with the Dutch page, and an API client with problem+json', async () => {
    const page = await request(testApp.http).get('/bestaat-niet').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(/<h1[^>]*>([^<]*)<\/h1>/.exec(page.text)?.[1]).toBe('Deze pagina bestaat niet');
    expect(page.text).not.toContain('Cannot GET');
    const api = await request(testApp.http).get('/bestaat-niet').set('Accept', 'application/json');
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('serves a favicon, so a browser never meets an error page for it', async () => {
    const response = await request(testApp.http).get('/favicon.ico');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/x-icon');
    expect(response.body.length).toBeGreaterThan(100);
  });

  it('the accessibility statement is public', async () => {
    const response = await request(testApp.http).get('/toegankelijkheid');
    expect(response.status).toBe(200);
    expect(/<h1[^>]*>([^<]*)<\/h1>/.exec(response.text)?.[1]).toBe('Toegankelijkheidsverklaring');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test/fixtures.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('OpenAPI document', () => {
  it('is OpenAPI 3 and lists the registry paths with their methods', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths['/api/service-points']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/service-points/{id}']).sort()).toEqual(['delete', 'get', 'patch']);
    expect(doc.paths['/api/service-points/export'].get).toBeDefined();
    expect(doc.paths['/api/places/{id}'].patch).toBeDefined();
    expect(doc.paths['/api/audit'].get).toBeDefined();
  });

  it('documents request schemas: query filters and body fields', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const list = doc.paths['/api/service-points'].get;
    const queryNames = list.parameters
      .filter((p: { in: string }) => p.in === 'query')
      .map((p: { name: string }) => p.name);
    expect(queryNames).toEqual(
      expect.arrayContaining(['bbox', 'kinds', 'municipality', 'q', 'page', 'pageSize', 'sort']),
    );
    const body = doc.paths['/api/service-points'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['kind', 'name', 'lat', 'lon']));
    expect(body.properties.kind.enum).toContain('grocery');
    expect(list.tags).toEqual(['service points']);
  });

  it('serves the browsable reference as HTML', async () => {
    let res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    // swagger-ui may redirect to its static index; follow one hop.
    if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
      const loc = String(res.headers.location);
      res = await t.app.inject({
        method: 'GET',
        url: loc.startsWith('/') ? loc : `/api/docs/${loc.replace(/^\.\//, '')}`,
      });
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/swagger/i);
  });
});

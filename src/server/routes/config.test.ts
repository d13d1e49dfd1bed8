import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meta } from '../../db/schema.js';
import { createTestApp, type TestContext } from '../../test/fixtures.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('GET /api/config', () => {
  it('answers without login; demo follows the meta flag', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/config' });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ tileUrl: null, tileAttribution: null, demo: false });
    expect(before.json().version).toMatch(/^\d+\.\d+\.\d+/);
    await t.database.db.insert(meta).values({ key: 'demo', value: { region: 'test' } });
    expect((await t.app.inject({ method: 'GET', url: '/api/config' })).json().demo).toBe(true);
  });
});

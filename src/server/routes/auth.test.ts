import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES } from '../../auth/sessions.js';
import { createTestApp, loginAs, type TestContext } from '../../test/fixtures.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('auth', () => {
  it('health answers without login', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('ok');
  });

  it('logs in with a secure cookie and returns a CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'muni2321', password: 'test-password-123' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'sot_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(res.json().user.municipalityCode).toBe('2321');
    expect(res.json().csrfToken).toMatch(/.{20,}/);
  });

  it('sets Secure when the request came over TLS', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: 'admin', password: 'test-password-123' },
    });
    expect(res.cookies.find((c) => c.name === 'sot_session')?.secure).toBe(true);
  });

  it('rejects a wrong password with a field-level error', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'nope-nope-nope' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.id).toBe('invalid_credentials');
  });

  it('validates the body and names the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.id).toBe('validation_failed');
    expect(res.json().error.details[0].field).toBe('password');
  });

  it('me requires a session; logout ends it', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const s = await loginAs(t.app, 'viewer2321');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(me.json().user.role).toBe('viewer');
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.id).toBe('csrf_token_invalid');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(401);
  });

  it('throttles per account after repeated failures, even with the right password', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: `10.0.0.${i + 1}`,
        payload: { username: 'county24', password: 'wrong-password-x' },
      });
      expect(r.statusCode).toBe(401);
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.0.1.1',
      payload: { username: 'county24', password: 'test-password-123' },
    });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.id).toBe('login_throttled');
  });

  it('throttles per address across accounts', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '192.0.2.9',
        payload: { username: `nobody${i}`, password: 'wrong-password-x' },
      });
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '192.0.2.9',
      payload: { username: 'muni2480', password: 'test-password-123' },
    });
    expect(res.statusCode).toBe(429);
  });

  it('unknown API routes answer with a JSON 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.id).toBe('not_found');
  });
});

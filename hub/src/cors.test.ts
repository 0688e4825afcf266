import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestHub, type TestHub } from '../test/hubHarness.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await openTestHub();
});
afterAll(() => hub.hub.close());

describe('cross-origin access for the web build', () => {
  it('answers a preflight without a token, allowing the protocol’s methods and headers', async () => {
    const response = await hub.hub.app.inject({
      method: 'OPTIONS',
      url: '/v1/teams/abc/uploads/def',
      headers: {
        origin: 'http://127.0.0.1:5178',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, upload-offset, content-type',
      },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-methods']).toBe('GET, POST, PATCH');
    const allowed = String(response.headers['access-control-allow-headers']).split(', ');
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'upload-offset', 'range']));
    expect(response.body).toBe('');
  });

  it('lets the page read the headers the protocol answers with, errors included', async () => {
    const health = await hub.hub.app.inject({ method: 'GET', url: '/v1/health' });
    expect(health.headers['access-control-allow-origin']).toBe('*');
    expect(String(health.headers['access-control-expose-headers'])).toContain('upload-offset');
    const refused = await hub.hub.app.inject({ method: 'GET', url: '/v1/teams/abc' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
  });

  it('never allows credentials (cookies): the token is the only way in', async () => {
    const response = await hub.hub.app.inject({ method: 'GET', url: '/v1/health' });
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, setTokenSource } from './api';

function reply(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/** The ApiError a call fails with (the test fails if it succeeds). */
async function failure(call: Promise<unknown>): Promise<ApiError> {
  const e = await call.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setTokenSource(null);
});

describe('api', () => {
  it('sends JSON to /api and parses the answer', async () => {
    const fetch = vi.fn().mockResolvedValue(reply(200, { ok: 1 }));
    vi.stubGlobal('fetch', fetch);
    expect(await api('/orders', { body: { a: 1 } })).toEqual({ ok: 1 });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/orders');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"a":1}');
    expect(init.headers.Authorization).toBeUndefined();
  });

  it("turns a 4xx problem into its detail and field errors", async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(reply(400, {
      title: 'Bad Request', detail: 'the request has invalid fields', code: 'validation_failed',
      errors: [{ field: 'password', message: 'too short' }],
    })));
    const e = await failure(api('/member/users/registration', { body: {} }));
    expect(e.status).toBe(400);
    expect(e.detail).toBe('the request has invalid fields');
    expect(e.code).toBe('validation_failed');
    expect(e.fieldErrors).toEqual([{ field: 'password', message: 'too short' }]);
    expect(e.serverTrouble).toBe(false);
  });

  it('marks a 5xx, an HTML error page and no answer as server trouble', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response('<html>bad gateway</html>', { status: 502 })));
    const e5 = await failure(api('/catalog/products/1'));
    expect(e5.serverTrouble).toBe(true);
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const e0 = await failure(api('/catalog/products/1'));
    expect(e0.status).toBe(0);
    expect(e0.serverTrouble).toBe(true);
  });

  it('renews an expired access token once and repeats the call with the new one', async () => {
    const fetch = vi.fn().mockResolvedValueOnce(reply(401, { detail: 'expired' })).mockResolvedValueOnce(reply(200, []));
    vi.stubGlobal('fetch', fetch);
    const renew = vi.fn().mockResolvedValue('new-token');
    setTokenSource({ current: () => 'old-token', renew });
    expect(await api('/orders/users/1/orders', { auth: true })).toEqual([]);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0][1].headers.Authorization).toBe('Bearer old-token');
    expect(fetch.mock.calls[1][1].headers.Authorization).toBe('Bearer new-token');
  });

  it('does not renew the token for a wrong password: the refusal is the answer', async () => {
    const fetch = vi.fn().mockResolvedValue(reply(401, { code: 'invalid_credentials', detail: 'the current password is wrong' }));
    vi.stubGlobal('fetch', fetch);
    const renew = vi.fn().mockResolvedValue('new-token');
    setTokenSource({ current: () => 'token', renew });
    const e = await failure(api('/member/users/7/modify', { method: 'PUT', body: {}, auth: true }));
    expect(e.detail).toBe('the current password is wrong');
    expect(renew).not.toHaveBeenCalled();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('gives up with the 401 when there is no session to renew', async () => {
    const fetch = vi.fn().mockResolvedValue(reply(401, { detail: 'log in' }));
    vi.stubGlobal('fetch', fetch);
    setTokenSource({ current: () => null, renew: async () => null });
    const e = await failure(api('/orders/users/1/orders', { auth: true }));
    expect(e.status).toBe(401);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

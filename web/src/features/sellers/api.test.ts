import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchSellerNames, fetchSellerNames, kMaxIdsPerLookup } from './api';

afterEach(() => vi.unstubAllGlobals());

describe('fetchSellerNames', () => {
  it('asks the public member route for the ids and maps the answer by id', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify({ sellers: [{ id: 4, userName: 'Shop Four' }] }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const names = await fetchSellerNames([4, 9]);
    expect(fetch.mock.calls[0][0]).toBe('/api/member/sellers?ids=4,9');
    expect(fetch.mock.calls[0][1].headers).not.toHaveProperty('Authorization');
    expect([...names]).toEqual([[4, 'Shop Four']]);
  });
});

describe('batchSellerNames', () => {
  it('sends the ids asked for in one moment as one lookup, each id once', async () => {
    const lookups: number[][] = [];
    const load = batchSellerNames(async (ids) => {
      lookups.push(ids);
      return new Map([[1, 'One'], [3, 'Three']]);
    });
    const names = await Promise.all([load(1), load(2), load(3), load(1)]);
    expect(names).toEqual(['One', null, 'Three', 'One']);
    expect(lookups).toEqual([[1, 2, 3]]);
    // A later moment is a new lookup.
    expect(await load(3)).toBe('Three');
    expect(lookups).toEqual([[1, 2, 3], [3]]);
  });

  it("splits more ids than the service takes at once, and a failed lookup fails only its own ids", async () => {
    const lookups: number[][] = [];
    const load = batchSellerNames(async (ids) => {
      lookups.push(ids);
      if (ids.includes(1)) throw new Error('member service down');
      return new Map(ids.map((id) => [id, `Shop ${id}`]));
    });
    const ids = Array.from({ length: kMaxIdsPerLookup + 5 }, (_, i) => i + 1);
    const results = await Promise.allSettled(ids.map((id) => load(id)));
    expect(lookups.map((l) => l.length)).toEqual([kMaxIdsPerLookup, 5]);
    expect(results[0].status).toBe('rejected');
    expect(results[kMaxIdsPerLookup - 1].status).toBe('rejected');
    expect(results[kMaxIdsPerLookup]).toEqual({ status: 'fulfilled', value: `Shop ${kMaxIdsPerLookup + 1}` });
  });
});

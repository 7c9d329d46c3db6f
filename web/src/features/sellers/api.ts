// Sellers are shown by name. The member service's public lookup (GET /member/sellers?ids=,
// services/member/README.md "Seller names") answers {id, userName} for the sellers among the ids
// and nothing else. A product list needs many names at once, so the names asked for in the same
// moment go out as one request, and the query cache keeps each name per id (SellerName.tsx).
import { api } from '../../lib/api';

export interface SellerName {
  id: number;
  userName: string;
}

/** The member service refuses a lookup of more distinct ids than this. */
export const kMaxIdsPerLookup = 100;

/** The names of the sellers among <ids>; an id that is not a seller's is missing from the map. */
export async function fetchSellerNames(ids: number[]): Promise<Map<number, string>> {
  const body = await api<{ sellers?: SellerName[] }>(`/member/sellers?ids=${ids.join(',')}`);
  return new Map((body.sellers ?? []).map((s) => [s.id, s.userName]));
}

/** The name of seller <id>, or null when the id is not a seller's (an admin's product, say). */
export type SellerNameLoader = (id: number) => Promise<string | null>;

interface Waiter {
  resolve: (name: string | null) => void;
  reject: (error: unknown) => void;
}

/**
 * A loader that gathers the ids asked for until the current task ends (every card of a list
 * mounts in one commit), then fetches them in lookups of at most kMaxIdsPerLookup ids. A lookup
 * that fails rejects the waiters of its ids only.
 */
export function batchSellerNames(fetchNames: (ids: number[]) => Promise<Map<number, string>> = fetchSellerNames): SellerNameLoader {
  let waiting = new Map<number, Waiter[]>();
  const flush = () => {
    const batch = waiting;
    waiting = new Map();
    const ids = [...batch.keys()];
    for (let start = 0; start < ids.length; start += kMaxIdsPerLookup) {
      const chunk = ids.slice(start, start + kMaxIdsPerLookup);
      fetchNames(chunk).then(
        (names) => chunk.forEach((id) => batch.get(id)!.forEach((w) => w.resolve(names.get(id) ?? null))),
        (error: unknown) => chunk.forEach((id) => batch.get(id)!.forEach((w) => w.reject(error))),
      );
    }
  };
  return (id) =>
    new Promise((resolve, reject) => {
      if (waiting.size === 0) setTimeout(flush, 0);
      const waiters = waiting.get(id) ?? [];
      waiters.push({ resolve, reject });
      waiting.set(id, waiters);
    });
}

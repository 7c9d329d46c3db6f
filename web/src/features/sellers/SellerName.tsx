import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../lib/i18n';
import { batchSellerNames } from './api';

const loadSellerName = batchSellerNames();

/** The display name of seller <id> (null: not a seller's id), fetched once per id and kept a minute. */
export function useSellerName(id: number) {
  return useQuery({
    queryKey: ['seller-name', id],
    queryFn: () => loadSellerName(id),
    enabled: Number.isInteger(id) && id > 0,
    // The member service lets the edge and the browser keep the answer as long.
    staleTime: 60_000,
  });
}

/**
 * Seller <id> by name. Until the name arrives nothing is shown (no "seller #7" flashing into a
 * name); when there is none (not a seller's id, the member service down) the id stands in.
 */
export function SellerName({ id }: { id: number }) {
  const { t } = useI18n();
  const name = useSellerName(id);
  if (name.data) return <span>{name.data}</span>;
  if (name.isPending && name.fetchStatus === 'fetching') return <span className="muted" aria-busy="true">…</span>;
  return <span>{t('product.sellerValue', { id })}</span>;
}

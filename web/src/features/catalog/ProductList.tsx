// The product cards of the home page and of search results (the search service's items).
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n';
import { SellerName } from '../sellers/SellerName';

export interface ProductSummary {
  productId: number;
  productName: string;
  productPrice: number;
  stockCount: number;
  sellerId: number;
  tags: string[];
}

export function ProductList({ items }: { items: ProductSummary[] }) {
  const { t, price } = useI18n();
  return (
    <ul className="products">
      {items.map((p) => (
        <li key={p.productId} className="card">
          <Link to={`/products/${p.productId}`}>{p.productName}</Link>
          <span className="price">{price(p.productPrice)}</span>
          <span className="seller">
            {t('product.soldBy')} <SellerName id={p.sellerId} />
          </span>
          <span className={p.stockCount > 0 ? 'stock' : 'stock out'}>
            {p.stockCount > 0 ? `${t('product.stock')} ${p.stockCount}` : t('product.soldOut')}
          </span>
          <span className="tags">
            {p.tags.map((tag) => (
              <Link key={tag} className="tag" to={`/search?tags=${encodeURIComponent(tag)}`}>
                #{tag}
              </Link>
            ))}
          </span>
        </li>
      ))}
    </ul>
  );
}

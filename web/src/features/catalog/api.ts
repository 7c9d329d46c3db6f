import { api, apiWithHeaders } from '../../lib/api';

export interface Product {
  productId: number;
  sellerId: number;
  productName: string;
  productDescription: string;
  productPrice: number;
  stockCount: number;
  tags: string[];
}

export interface NewProduct {
  sellerId: number;
  productName: string;
  productDescription: string;
  productPrice: number;
  stockCount: number;
  tags: string[];
}

export const getProduct = (id: number, signal?: AbortSignal) => api<Product>(`/catalog/products/${id}`, { signal });

export const registerProduct = (p: NewProduct) => api<Product>('/catalog/products/register', { body: p, auth: true });

export interface ProductEdit {
  productName: string;
  productDescription: string;
  productPrice: number;
  tags: string[];
}

/** Name, description, price and tags (the owner's token); stock moves through its own routes. */
export const updateProduct = (id: number, edit: ProductEdit) =>
  api<Product>(`/catalog/products/${id}`, { method: 'PUT', body: edit, auth: true });

/** Moves the stock by <delta> (decrease refuses going below zero: 409 insufficient_stock). */
export const changeStock = (id: number, delta: number) =>
  delta > 0
    ? api<Product>(`/catalog/products/${id}/increaseStockCount`, { body: { incrementStockCount: delta }, auth: true })
    : api<Product>(`/catalog/products/${id}/decreaseStockCount`, { body: { decrementStockCount: -delta }, auth: true });

export const deleteProduct = (id: number) => api<void>(`/catalog/products/${id}`, { method: 'DELETE', auth: true });

export interface ProductPage {
  products: Product[];
  /** The next page's cursor (catalog's X-Next-Cursor header); null on the last page. */
  next: string | null;
}

/** A seller's products, a page at a time (catalog pages with a cursor, not page numbers). */
export async function listSellerProducts(sellerId: number, cursor: string | null, signal?: AbortSignal): Promise<ProductPage> {
  const query = `size=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const { body, headers } = await apiWithHeaders<Product[]>(`/catalog/sellers/${sellerId}/products?${query}`, { signal });
  return { products: body, next: headers.get('X-Next-Cursor') || null };
}

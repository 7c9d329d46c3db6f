import { api } from '../../lib/api';

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

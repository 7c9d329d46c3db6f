import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { ErrorView } from '../../components/ErrorView';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../auth/session';
import { registerProduct } from '../catalog/api';
import { parseTags } from '../search/api';
import { ProductFields, type ProductForm } from './ProductFields';

export function NewProductPage() {
  const { t } = useI18n();
  const { member } = useSession();
  const [form, setForm] = useState<ProductForm>({ name: '', description: '', price: '', stock: '', tags: '' });
  const add = useMutation({
    mutationFn: () =>
      registerProduct({
        sellerId: member!.id,
        productName: form.name,
        productDescription: form.description,
        productPrice: Number(form.price),
        stockCount: Number(form.stock),
        tags: parseTags(form.tags),
      }),
  });
  if (member?.role === 'BUYER') return <p>{t('sell.sellersOnly')}</p>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <section className="narrow">
      <h1>{t('sell.title')}</h1>
      <form onSubmit={submit}>
        <ProductFields form={form} onChange={setForm} error={add.error} />
        {add.isError && <ErrorView error={add.error} />}
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('sell.submit')}
        </button>
      </form>
      {add.isSuccess && (
        <p className="ok" role="status">
          <Link to={`/products/${add.data.productId}`}>{t('sell.done', { id: add.data.productId })}</Link>
        </p>
      )}
    </section>
  );
}

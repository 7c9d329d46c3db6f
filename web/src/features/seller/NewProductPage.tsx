import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { ErrorView } from '../../components/ErrorView';
import { Field } from '../../components/Field';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../auth/session';
import { registerProduct } from '../catalog/api';
import { parseTags } from '../search/api';

export function NewProductPage() {
  const { t } = useI18n();
  const { member } = useSession();
  const [form, setForm] = useState({ name: '', description: '', price: '', stock: '', tags: '' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
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
        <Field label={t('sell.name')} value={form.name} required maxLength={200} onChange={set('name')} />
        <Field label={t('sell.description')} controlId="description">
          <textarea id="description" value={form.description} maxLength={4000} rows={4} onChange={set('description')} />
        </Field>
        <Field label={t('sell.price')} type="number" min={1} value={form.price} required onChange={set('price')} />
        <Field label={t('sell.stock')} type="number" min={0} value={form.stock} required onChange={set('stock')} />
        <Field label={t('sell.tags')} value={form.tags} onChange={set('tags')} />
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

// The fields of a product, shared by the add and edit forms. The limits are the catalog's
// (services/catalog/domain/product_rules.hpp); the catalog still decides, and what it refuses is
// shown beside the field it names.
import { Field, fieldProblem } from '../../components/Field';
import { useI18n } from '../../lib/i18n';

export interface ProductForm {
  name: string;
  description: string;
  price: string;
  stock: string;
  tags: string;
}

export function ProductFields({ form, onChange, error }: {
  form: ProductForm;
  onChange: (form: ProductForm) => void;
  /** The last refusal of the form's request, whose field errors are shown beside the fields. */
  error: unknown;
}) {
  const { t } = useI18n();
  const set = (key: keyof ProductForm) => (e: { target: { value: string } }) => onChange({ ...form, [key]: e.target.value });
  const descriptionProblem = fieldProblem(error, 'productDescription');
  return (
    <>
      <Field label={t('sell.name')} value={form.name} required maxLength={200} problem={fieldProblem(error, 'productName')}
             onChange={set('name')} />
      <Field label={t('sell.description')} controlId="description" problem={descriptionProblem}>
        <textarea id="description" value={form.description} maxLength={4000} rows={4} onChange={set('description')}
                  aria-invalid={descriptionProblem ? true : undefined}
                  aria-describedby={descriptionProblem ? 'description-problem' : undefined} />
      </Field>
      <Field label={t('sell.price')} type="number" min={1} value={form.price} required problem={fieldProblem(error, 'productPrice')}
             onChange={set('price')} />
      <Field label={t('sell.stock')} type="number" min={0} value={form.stock} required problem={fieldProblem(error, 'stockCount')}
             onChange={set('stock')} />
      <Field label={t('sell.tags')} value={form.tags} problem={fieldProblem(error, 'tags')} onChange={set('tags')} />
    </>
  );
}

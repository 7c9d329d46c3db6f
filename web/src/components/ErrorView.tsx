// How any failure is shown: a 4xx says what the server refused (its problem detail); a 5xx, a service
// that is down or no answer at all gets a friendly sentence and a retry button. Never a blank page.
import { ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';

export function errorText(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError && !error.serverTrouble) {
    const fields = error.fieldErrors.map((f) => `${f.field}: ${f.message}`);
    return [error.detail, ...fields].join(' — ');
  }
  return t('error.server');
}

export function ErrorView({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const retry = onRetry && !(error instanceof ApiError && !error.serverTrouble);
  return (
    <div className="error" role="alert">
      <p>{errorText(error, t)}</p>
      {retry && (
        <button type="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}

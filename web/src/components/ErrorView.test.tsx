import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ApiError } from '../lib/api';
import { I18nProvider } from '../lib/i18n';
import { ErrorView } from './ErrorView';

afterEach(cleanup);

describe('ErrorView', () => {
  it("shows a refusal's detail and offers no pointless retry", () => {
    const retry = vi.fn();
    render(
      <I18nProvider lang="en">
        <ErrorView error={new ApiError(422, 'product 9 does not exist', 'product_not_found')} onRetry={retry} />
      </I18nProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('product 9 does not exist');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says the shop is not answering, in the chosen language, and retries on request', () => {
    const retry = vi.fn();
    render(
      <I18nProvider lang="ko">
        <ErrorView error={new ApiError(503, 'mariadb down')} onRetry={retry} />
      </I18nProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('서비스가 응답하지 않습니다');
    expect(screen.getByRole('alert').textContent).not.toContain('mariadb');
    fireEvent.click(screen.getByRole('button', { name: '다시 시도' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });
});

import { describe, expect, it } from 'vitest';
import { formatPrice, messages, translate } from './i18n';

describe('i18n', () => {
  it('has every text in both languages', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.ko).sort());
    for (const lang of ['ko', 'en'] as const) {
      for (const [key, text] of Object.entries(messages[lang])) expect(text, `${lang} ${key}`).not.toBe('');
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'search.total', { total: 3 })).toBe('3 found');
    expect(translate('ko', 'search.page', { page: 2, pages: 5 })).toBe('2 / 5 페이지');
    expect(translate('en', 'search.page', { page: 2 })).toBe('page 2 of {pages}');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });

  it('formats won the way each language writes it', () => {
    expect(formatPrice('ko', 39000)).toBe('39,000원');
    expect(formatPrice('en', 1290000)).toBe('₩1,290,000');
  });
});

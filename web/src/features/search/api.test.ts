import { describe, expect, it } from 'vitest';
import { isSearchable, parseTags, searchPath, type SearchQuery } from './api';

const base: SearchQuery = { q: '', tags: [], mode: 'and', sort: 'relevance', page: 0, size: 12 };

describe('search query', () => {
  it('normalises tags like the search service', () => {
    expect(parseTags(' Keyboard, 무선 ,,keyboard ')).toEqual(['keyboard', '무선']);
    expect(parseTags('')).toEqual([]);
  });

  it('needs a word or a tag', () => {
    expect(isSearchable(base)).toBe(false);
    expect(isSearchable({ ...base, q: '   ' })).toBe(false);
    expect(isSearchable({ ...base, q: '노트' })).toBe(true);
    expect(isSearchable({ ...base, tags: ['food'] })).toBe(true);
    expect(isSearchable({ ...base, sort: 'newest' })).toBe(true);
  });

  it('asks for every product newest first with no word and no tag', () => {
    const params = new URL(searchPath({ ...base, sort: 'newest', size: 8 }), 'http://x').searchParams;
    expect([...params.keys()]).toEqual(['sort', 'page', 'size']);
    expect(params.get('sort')).toBe('newest');
  });

  it('builds the products query with Korean text encoded and empty parts left out', () => {
    const path = searchPath({ ...base, q: ' 노트북 ', sort: 'price_desc', page: 2 });
    const params = new URL(path, 'http://x').searchParams;
    expect(path.startsWith('/search/products?')).toBe(true);
    expect(params.get('q')).toBe('노트북');
    expect(params.has('tags')).toBe(false);
    expect(params.has('mode')).toBe(false);
    expect(params.get('sort')).toBe('price_desc');
    expect(params.get('page')).toBe('2');
    expect(params.get('size')).toBe('12');
    const tagged = new URL(searchPath({ ...base, tags: ['a', 'b'], mode: 'or' }), 'http://x').searchParams;
    expect(tagged.get('tags')).toBe('a,b');
    expect(tagged.get('mode')).toBe('or');
  });
});

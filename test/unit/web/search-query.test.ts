/** The page's person-search query strings. */
import { describe, expect, it } from 'vitest';
import { searchQuery } from '../../../src/web/search-query.js';

describe('searchQuery', () => {
  it('sends only the filters set', () => {
    expect(searchQuery({}, 50)).toBe('limit=50');
    expect(searchQuery({ idPrefix: 'p 1&', bands: ['poor', 'fair'], minScore: 400, maxScore: 600, community: 0, verified: false }, 20, 'abc')).toBe(
      'idPrefix=p+1%26&band=poor%2Cfair&minScore=400&maxScore=600&community=0&verified=false&limit=20&cursor=abc',
    );
    expect(new URLSearchParams(searchQuery({ bands: [] , idPrefix: '' }, 5)).has('band')).toBe(false);
  });
});

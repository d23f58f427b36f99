import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { withoutPassword } from '../../src/url-credentials.js';

describe('passwords in connection URLs', () => {
  it('are masked, the rest of the URL kept', () => {
    expect(withoutPassword('redis://:s3cret@cache:6379')).toBe('redis://:***@cache:6379');
    expect(withoutPassword('rediss://ops:s3cret@cache:6380/2')).toBe('rediss://ops:***@cache:6380/2');
    expect(withoutPassword('redis://cache:6379')).toBe('redis://cache:6379');
    expect(withoutPassword('not a url')).toBe('not a url');
  });

  it('never appear in a configuration error', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://:s3cret@cache:notaport' })).toThrow('REDIS_URL="redis://:***@cache:notaport" is invalid');
    expect(() => loadConfig({ REDIS_URL: 'redis://:s3cret@cache:notaport' })).not.toThrow(/s3cret/);
  });
});

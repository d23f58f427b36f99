import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, SETTINGS, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('gives defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.NEO4J_URI).toBe('bolt://127.0.0.1:7687');
    expect(config.PORT).toBe(8080);
    expect(config.NEO4J_DATABASE).toBeUndefined();
  });

  it('coerces and keeps valid values', () => {
    const config = loadConfig({ PORT: '9000', NEO4J_URI: 'neo4j+s://db.example:7687', LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ PORT: 9000, NEO4J_URI: 'neo4j+s://db.example:7687', LOG_LEVEL: 'warn' });
  });

  it('refuses a bad NEO4J_URI with one line naming the variable', () => {
    expect(() => loadConfig({ NEO4J_URI: 'nonsense' })).toThrow(ConfigError);
    try {
      loadConfig({ NEO4J_URI: 'nonsense' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^NEO4J_URI="nonsense" is invalid: must be a URL with scheme bolt/);
      expect(message).not.toContain('\n');
    }
  });

  it.each([
    ['PORT', '0'],
    ['PORT', 'http'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['LOG_LEVEL', 'loud'],
    ['QUEUE_PREFIX', 'a:b'],
    ['FAIRNESS_CUTOFFS', '300'],
    ['FAIRNESS_CUTOFFS', '600,'],
    ['FAIRNESS_CUTOFFS', '550,560,570,580,590,600,610,620,630'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name}=`));
  });
});

describe('README configuration table', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const rows = new Map(
    [...readme.matchAll(/^\| `([A-Z0-9_]+)` \|(.*)$/gm)].map((match) => [match[1], match[2]] as const),
  );

  it('documents exactly the settings of src/config.ts', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(SETTINGS).sort());
  });

  it('shows each setting with its description', () => {
    for (const [name, { description }] of Object.entries(SETTINGS)) {
      expect(rows.get(name), name).toContain(description);
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Person } from '../../../src/domain/records.js';
import { PACKAGE_ROOT } from '../../../src/package-root.js';
import { pickScoringFeatures, SCORING_FEATURE_KEYS, type ScoringFeatures } from '../../../src/score/scoring-features.js';
import { person } from './fixtures.js';

const SCORE_DIR = join(PACKAGE_ROOT, 'src', 'score');
/** The protected attributes, by name; scoring code must not mention them at all. */
const PROTECTED = /birthYear|\bsex(es)?\b/i;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('protected attributes', () => {
  it('are named nowhere in src/score', () => {
    const files = sources(SCORE_DIR);
    expect(files.length).toBeGreaterThan(5);
    const hits = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (PROTECTED.test(line) ? [`${relative(PACKAGE_ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it('would be caught by the check', () => {
    expect(PROTECTED.test('const year = person.birthYear;')).toBe(true);
    expect(PROTECTED.test("if (p.sex === 'F')")).toBe(true);
    expect(PROTECTED.test('import { SEXES } from')).toBe(true);
    expect(PROTECTED.test('essex sextant')).toBe(false);
  });

  it('are absent from the scoring view of a person, as a type and at run time', () => {
    expectTypeOf<Exclude<keyof Person, keyof ScoringFeatures>>().toEqualTypeOf<'birthYear' | 'sex'>();
    const picked = pickScoringFeatures(person({ birthYear: 1970, sex: 'M' }));
    expect(Object.keys(picked).sort()).toEqual([...SCORING_FEATURE_KEYS].sort());
    expect(picked).not.toHaveProperty('birthYear');
    expect(picked).not.toHaveProperty('sex');
  });
});

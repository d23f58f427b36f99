/** Shared helpers of the synth tests: a cached population and a plain CSV reader. */
import { readFileSync } from 'node:fs';
import { generatePopulation, type SyntheticPopulation } from '../../../src/synth/population.js';

const cache = new Map<string, SyntheticPopulation>();

/** A population generated once per test file (generation is deterministic, so sharing is safe). */
export function population(persons: number, seed: number): SyntheticPopulation {
  const key = `${persons}/${seed}`;
  let pop = cache.get(key);
  if (!pop) {
    pop = generatePopulation({ persons, seed });
    cache.set(key, pop);
  }
  return pop;
}

export interface Csv {
  header: string[];
  rows: Record<string, string>[];
}

/** Reads a header-row CSV whose values never hold commas or quotes (what synth writes). */
export function readCsv(path: string): Csv {
  const text = readFileSync(path, 'utf8');
  if (!text.endsWith('\n')) throw new Error(`${path}: no final newline`);
  const lines = text.slice(0, -1).split('\n');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((line, k) => {
    const cells = line.split(',');
    if (cells.length !== header.length) throw new Error(`${path}:${k + 2}: ${cells.length} cells, want ${header.length}`);
    return Object.fromEntries(header.map((name, c) => [name, cells[c]!]));
  });
  return { header, rows };
}

export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i]!;
    const b = y[i]!;
    sx += a;
    sy += b;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  const cov = sxy / n - (sx / n) * (sy / n);
  return cov / Math.sqrt((sxx / n - (sx / n) ** 2) * (syy / n - (sy / n) ** 2));
}

/** Correlation of x and y with the linear effect of c removed from both. */
export function partialCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, c: ArrayLike<number>): number {
  const rxy = correlation(x, y);
  const rxc = correlation(x, c);
  const ryc = correlation(y, c);
  return (rxy - rxc * ryc) / Math.sqrt((1 - rxc ** 2) * (1 - ryc ** 2));
}

export function degrees(pop: SyntheticPopulation): Int32Array {
  const deg = new Int32Array(pop.persons);
  for (let e = 0; e < pop.friendA.length; e++) {
    deg[pop.friendA[e]!]!++;
    deg[pop.friendB[e]!]!++;
  }
  return deg;
}

// Test oracles for the network engine: a dense re-statement of the math in propagate.ts
// (built from the CSR's weights and the definitions, not from the kernel's transition) and
// a small Gaussian elimination, plus fast-check arbitraries for small contact graphs.
import fc from 'fast-check';
import type { Csr } from '../../../src/graph/csr.js';
import { LinkStaging } from '../../../src/graph/link-staging.js';
import { trustArray } from '../../../src/graph/tie-strength.js';
import { trustedCsr } from '../../support/csr-fixtures.js';
import type { NetworkParams } from '../../../src/graph/network-params.js';
import { mulberry32 } from '../../../src/prng.js';

/** Solves A·x = rhs by Gaussian elimination with partial pivoting (A is n×n, row-major). */
export function solveDense(a: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const m = a.map((row, i) => [...row, rhs[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-300) throw new Error('singular');
    for (let r = col + 1; r < n; r++) {
      const factor = m[r]![col]! / p;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let c = r + 1; c < n; c++) s -= m[r]![c]! * x[c]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

export interface DenseModel {
  /** P as a dense matrix. */
  P: number[][];
  D: number[];
  r: number[];
  s: number[];
}

/** P, D, r, s straight from the definitions in propagate.ts. */
export function denseModel(csr: Csr, params: NetworkParams): DenseModel {
  const n = csr.nodeCount;
  const W = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let e = csr.offsets[i]!; e < csr.offsets[i + 1]!; e++) W[i]![csr.targets[e]!]! += csr.weights[e]!;
  }
  const D = W.map((row, i) => (csr.degree ? csr.degree[i]! : row.reduce((u, v) => u + v, 0)));
  const P = W.map((row, i) => row.map((w) => (D[i]! > 0 ? Math.min(w / D[i]!, params.perContactCap) : 0)));
  const r = P.map((row) => row.reduce((u, v) => u + v, 0));
  // k_i = (Σ_j w_ij)² / Σ_j w_ij², the effective number of contacts.
  const k = W.map((row) => {
    const sum = row.reduce((u, v) => u + v, 0);
    const squares = row.reduce((u, v) => u + v * v, 0);
    return squares > 0 ? (sum * sum) / squares : 0;
  });
  const s = D.map((d, i) => (d > 0 && k[i]! > 0 ? k[i]! / (k[i]! + params.shrinkage) : 0));
  return { P, D, r, s };
}

/** x and n by a dense solve of (I − αP)x = f (see propagate.ts). */
export function denseNetwork(
  csr: Csr,
  b: ArrayLike<number>,
  params: NetworkParams,
  mu?: number,
): { x: number[]; network: number[]; mu: number } {
  const n = csr.nodeCount;
  const { P, D, r, s } = denseModel(csr, params);
  const m = mu ?? Array.from(b).reduce((u, v) => u + v, 0) / n;
  const a = params.alpha;
  const A = P.map((row, i) => row.map((p, j) => (i === j ? 1 : 0) - a * p));
  const f = D.map((d, i) => (d > 0 ? (1 - a) * b[i]! + a * (1 - r[i]!) * m : b[i]!));
  const x = solveDense(A, f);
  const network = P.map((row, i) => {
    const px = row.reduce((acc, p, j) => acc + p * x[j]!, 0);
    return s[i]! * (px + (1 - r[i]!) * m) + (1 - s[i]!) * m;
  });
  return { x, network, mu: m };
}

export interface GraphSpec {
  n: number;
  friends: { a: number; b: number; since: number; interactions: number }[];
  paid: { from: number; to: number; count: number; amount: number; lastAt: number }[];
  verified: number[];
  ageDays: number[];
  b: number[];
}

/** Random small contact graphs (self-links and repeated pairs included on purpose). */
export function graphSpec(maxNodes = 12): fc.Arbitrary<GraphSpec> {
  return fc.integer({ min: 1, max: maxNodes }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      friends: fc.array(
        fc.record({
          a: fc.integer({ min: 0, max: n - 1 }),
          b: fc.integer({ min: 0, max: n - 1 }),
          since: fc.integer({ min: 0, max: 3000 }),
          interactions: fc.integer({ min: 0, max: 60 }),
        }),
        { maxLength: 3 * n },
      ),
      paid: fc.array(
        fc.record({
          from: fc.integer({ min: 0, max: n - 1 }),
          to: fc.integer({ min: 0, max: n - 1 }),
          count: fc.integer({ min: 1, max: 40 }),
          amount: fc.double({ min: 0, max: 5000, noNaN: true }),
          lastAt: fc.integer({ min: 0, max: 2000 }),
        }),
        { maxLength: 2 * n },
      ),
      verified: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
      ageDays: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: n, maxLength: n }),
      b: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    }),
  );
}

/** Network parameters over their whole valid range. */
export function networkParams(): fc.Arbitrary<NetworkParams> {
  return fc.record({
    alpha: fc.double({ min: 0, max: 0.95, noNaN: true }),
    shrinkage: fc.double({ min: 0, max: 5, noNaN: true }),
    perContactCap: fc.double({ min: 0.05, max: 1, noNaN: true }),
    friendWeight: fc.double({ min: 0.1, max: 3, noNaN: true }),
    paidWeight: fc.double({ min: 0.1, max: 3, noNaN: true }),
    unverifiedTrust: fc.double({ min: 0, max: 1, noNaN: true }),
    newAccountDays: fc.integer({ min: 0, max: 180 }),
    edgeHalfLifeDays: fc.integer({ min: 30, max: 1000 }),
  });
}

/** Builds the CSR of a spec one link at a time. */
export function csrOf(spec: GraphSpec, params: NetworkParams): Csr {
  const staging = new LinkStaging(spec.n, { params });
  for (const f of spec.friends) staging.addFriend(f.a, f.b, f.since, f.interactions);
  for (const p of spec.paid) staging.addPaid(p.from, p.to, p.count, p.amount, p.lastAt);
  return trustedCsr(staging, trustArray(spec.verified, spec.ageDays, params));
}

/** Largest |a_i − b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Deterministic uniform [0, 1) stream for fixtures (the engine's own mulberry32). */
export const seeded = (seed: number): (() => number) => mulberry32(seed);

/**
 * The CSR of `friendships` friendships between persons drawn uniformly by `rnd` among n, each
 * `sinceDays` old with `interactions` a year (self-pairs are dropped).
 */
export function randomFriendships(rnd: () => number, n: number, friendships: number, sinceDays: number, interactions: number): Csr {
  const staging = new LinkStaging(n);
  for (let k = 0; k < friendships; k++) staging.addFriend(Math.floor(rnd() * n), Math.floor(rnd() * n), sinceDays, interactions);
  return trustedCsr(staging);
}

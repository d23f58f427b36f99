/**
 * The seeded pseudo-random generators, in one place; none uses `Math.random`, so a seed gives
 * the same stream on every run and platform. 32-bit arithmetic only (`Math.imul`, `>>>`).
 *
 * - `Prng`: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 *   ACM TOMS 47(4), 2021), seeded through splitmix32 (murmur3's fmix32 finaliser over a Weyl
 *   sequence), with the distributions the synthetic population draws from. Independent streams
 *   are derived by hashing (seed, stream tag, index): each generation phase and each person's
 *   credit-event history has its own stream (src/synth/streams.ts).
 * - `mulberry32`: a small generator in [0, 1) (T. Ettinger, public domain) where a closure is
 *   what the caller takes: Louvain's rng, the fit's holdout draw, a seed's expansion.
 * - `xorshift32`: one step of G. Marsaglia's xorshift32 ("Xorshift RNGs", J. Stat. Softw. 8,
 *   2003), for hot loops that keep the state in a local (the bootstrap's resampling).
 *
 * Each keeps the stream it has always produced: the synthetic population, the shipped model
 * and the reports' figures were made with them.
 */

const TWO_POW_32 = 4294967296;

/** murmur3 fmix32: a bijective avalanche mix of a 32-bit word. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export class Prng {
  private readonly s = new Int32Array(4);
  private spare = 0;
  private hasSpare = false;

  /**
   * @param seed any safe integer (negative and > 2^32 allowed: both halves are mixed in)
   * @param stream a stream tag, e.g. `STREAMS.friendships`
   * @param index an index within the stream, e.g. a person seq
   * @example
   * const rng = new Prng(42, 8, 7); // seed, stream tag, index
   * rng.uniform(); // the same number on every run and platform
   */
  constructor(seed: number, stream = 0, index = 0) {
    if (!Number.isSafeInteger(seed)) throw new Error(`prng: seed must be a safe integer, got ${seed}`);
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_POW_32) >>> 0;
    // splitmix32 over a state that absorbs every input word.
    let h = mix32(lo ^ 0x9e3779b9);
    h = mix32(h ^ hi ^ 0x7f4a7c15);
    h = mix32(h ^ Math.imul(stream + 1, 0x632be5ab));
    h = mix32(h ^ Math.imul((index >>> 0) + 1, 0x85157af5));
    let weyl = h;
    for (let k = 0; k < 4; k++) {
      weyl = (weyl + 0x9e3779b9) | 0;
      this.s[k] = mix32(weyl) | 0;
    }
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1;
  }

  /**
   * A generator in a given raw state (for checking against the reference test vectors).
   *
   * @example Prng.fromState([1, 2, 3, 4]).nextU32() // 11520
   */
  static fromState(state: readonly [number, number, number, number]): Prng {
    const rng = new Prng(0);
    for (let k = 0; k < 4; k++) rng.s[k] = state[k]! | 0;
    return rng;
  }

  /** Next 32-bit output as an unsigned integer in [0, 2^32). */
  nextU32(): number {
    const s = this.s;
    const s0 = s[0]!;
    const s1 = s[1]!;
    const s2 = s[2]!;
    const s3 = s[3]!;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = (n3 << 11) | (n3 >>> 21);
    return result >>> 0;
  }

  /** Uniform in [0, 1), 32-bit resolution. */
  uniform(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /** Uniform in (0, 1): safe to take the logarithm of. */
  uniformOpen(): number {
    return (this.nextU32() + 0.5) / TWO_POW_32;
  }

  /** Uniform integer in [0, n) for 0 < n ≤ 2^32. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal (Box–Muller, both values used). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniformOpen()));
    const theta = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(theta);
    this.hasSpare = true;
    return r * Math.cos(theta);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(this.uniformOpen());
  }

  /** Pareto (type I) with scale `xMin` and tail index `alpha`: P(X > x) = (xMin/x)^alpha. */
  pareto(xMin: number, alpha: number): number {
    return xMin * Math.pow(this.uniformOpen(), -1 / alpha);
  }

  /** Log-normal with the given median and log-scale sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson with the given mean (inversion by sequential search; means here are below ~100). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    const u = this.uniform();
    while (u > cdf && k < 10_000) {
      k++;
      p *= mean / k;
      cdf += p;
      if (p === 0) break;
    }
    return k;
  }
}

/**
 * A small seeded generator in [0, 1) (mulberry32).
 *
 * @example const random = mulberry32(7); random(); // the same number on every run
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The xorshift32 state after `state` (shifts 13, 17, 5), unsigned; never 0 after a non-zero state.
 *
 * @example xorshift32(1) // 270369
 */
export function xorshift32(state: number): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0;
}

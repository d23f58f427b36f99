/**
 * Contact graph in compressed sparse row (CSR) form: the snapshot every network kernel reads.
 *
 * Math (docs/design.md, "The network dimension"). Person i's contacts j carry the weight
 *
 *     w_ij = typeWeight · strength_ij · trust_j          (trust of the *contact* j)
 *
 * summed over every FRIEND and PAID link between the pair (a friendship plus payments both
 * ways merge into one CSR entry). A FRIEND(a, b) link counts both ways; PAID(from, to) links
 * payer and payee both ways, so the sparsity pattern is symmetric while the weights are not
 * (trust is the contact's). Alongside w the builder records the *nominal* contact weight
 *
 *     D_i = Σ_j typeWeight · strength_ij                 (before trust)
 *
 * so Σ_j w_ij ≤ D_i; the gap is the trust deficit, which the propagation gives to the prior
 * (see propagate.ts: low-trust contacts cannot crowd out real ones by sheer number).
 *
 *     strength(FRIEND) = 1 − exp(−(2^(−since/h) + interactions) / friendInteractionScale)
 *     strength(PAID)   = (1 − exp(−(count/paidCountScale + amount/paidAmountScale))) · 2^(−lastAt/h)
 *     trust_j          = (verified ? 1 : unverifiedTrust) · min(1, accountAge / newAccountDays)
 *
 * h = edgeHalfLifeDays. A friendship's declaration counts as one interaction that goes stale
 * with the friendship's age; the 12-month interaction count is already recent evidence. Both
 * strengths saturate in (0, 1]. Self-edges are dropped.
 *
 * Layout: rows by person; `offsets[i]..offsets[i+1]` index `targets`/`weights` (4 + 8 bytes
 * per directed entry, Float64 weights) plus per-node `offsets` and `degree`. Build is two
 * counting passes and an in-place merge of repeated targets per row: O(n + m), no sort.
 *
 * Reference: the CSR (Yale) format — S. C. Eisenstat, M. C. Gursky, M. H. Schultz,
 * A. H. Sherman, "Yale sparse matrix package I: the symmetric codes", IJNME 18 (1982);
 * strengths follow M. Granovetter, "The strength of weak ties", AJS 78 (1973): tie strength
 * grows with interaction and fades without it.
 */
import { DEFAULT_NETWORK_PARAMS, type NetworkParams } from './network-params.js';

/** A contact graph snapshot (rows = persons, entries = contacts). */
export interface Csr {
  /** Number of persons n; node ids are 0..n−1 (a person's `seq`). */
  nodeCount: number;
  /** Row starts, length n + 1; Float64Array only when entries exceed 2^31 − 1. */
  offsets: Int32Array | Float64Array;
  /** Contact of each entry. */
  targets: Int32Array;
  /** Weight w_ij of each entry (trust-damped). */
  weights: Float32Array | Float64Array;
  /**
   * Nominal contact weight D_i (before trust), length n. When absent, D_i = Σ_j w_ij: the
   * graph is taken as given (generic weighted graphs, tests against PageRank).
   */
  degree?: Float64Array;
  /**
   * True when the pattern is symmetric: every entry i → j has an entry j → i (the weights may
   * differ). Link-built CSRs are; then row j also lists the persons that have j as a contact,
   * and a reverse walk needs no transpose (contagion.ts).
   */
  symmetric?: boolean;
}

/** Constants of the tie-strength curves; override per builder. */
export interface StrengthConstants {
  /** Interactions per year at which a friendship reaches 1 − 1/e of full strength. */
  friendInteractionScale: number;
  /** Payments at which a PAID link reaches 1 − 1/e of full strength (amount aside). */
  paidCountScale: number;
  /** Amount (currency units) at which a PAID link reaches 1 − 1/e of full strength (count aside). */
  paidAmountScale: number;
}

export const STRENGTH_DEFAULTS: Readonly<StrengthConstants> = Object.freeze({
  friendInteractionScale: 10,
  paidCountScale: 5,
  paidAmountScale: 1000,
});

const DEFAULTS = {
  /** Initial staging capacity (undirected links); grows by doubling. */
  initialCapacity: 1024,
};

// 2^(−age/h), as exp (Math.pow is several times slower in V8 and this runs once per link).
function decay(ageDays: number, halfLifeDays: number): number {
  if (!(halfLifeDays > 0)) return 1;
  return Math.exp((-Math.max(0, ageDays) * Math.LN2) / halfLifeDays);
}

/**
 * Strength in (0, 1] of a friendship declared `sinceDays` ago with `interactions` in the last
 * 12 months.
 *
 * @example friendStrength(0, 0) // ≈ 0.095: a fresh, silent friendship is weak evidence
 * @example friendStrength(400, 30) // ≈ 0.95
 */
export function friendStrength(
  sinceDays: number,
  interactions: number,
  params: Pick<NetworkParams, 'edgeHalfLifeDays'> = DEFAULT_NETWORK_PARAMS,
  constants: StrengthConstants = STRENGTH_DEFAULTS,
): number {
  const evidence = decay(sinceDays, params.edgeHalfLifeDays) + Math.max(0, interactions);
  return 1 - Math.exp(-evidence / constants.friendInteractionScale);
}

/**
 * Strength in [0, 1] of `count` payments totalling `amount`, the latest `lastAtDays` ago.
 *
 * @example paidStrength(5, 1000, 0) // ≈ 0.86
 * @example paidStrength(5, 1000, 365) // ≈ 0.43 with the default one-year half-life
 */
export function paidStrength(
  count: number,
  amount: number,
  lastAtDays: number,
  params: Pick<NetworkParams, 'edgeHalfLifeDays'> = DEFAULT_NETWORK_PARAMS,
  constants: StrengthConstants = STRENGTH_DEFAULTS,
): number {
  const intensity = Math.max(0, count) / constants.paidCountScale + Math.max(0, amount) / constants.paidAmountScale;
  return (1 - Math.exp(-intensity)) * decay(lastAtDays, params.edgeHalfLifeDays);
}

/**
 * Trust in [0, 1] of a person as somebody else's contact (Sybil damping): unverified accounts
 * get `unverifiedTrust`, accounts younger than `newAccountDays` are scaled by their age.
 *
 * @example trustOf(true, 400) // 1
 * @example trustOf(false, 45) // 0.1 · 45/90 = 0.05
 */
export function trustOf(
  verified: boolean,
  accountAgeDays: number,
  params: Pick<NetworkParams, 'unverifiedTrust' | 'newAccountDays'> = DEFAULT_NETWORK_PARAMS,
): number {
  const base = verified ? 1 : params.unverifiedTrust;
  if (!(params.newAccountDays > 0)) return base;
  return base * Math.min(1, Math.max(0, accountAgeDays) / params.newAccountDays);
}

/**
 * `trustOf` for a whole population.
 *
 * @example trustArray(pop.verified, pop.accountAgeDays) // Float64Array(n)
 */
export function trustArray(
  verified: ArrayLike<number | boolean>,
  accountAgeDays: ArrayLike<number>,
  params: Pick<NetworkParams, 'unverifiedTrust' | 'newAccountDays'> = DEFAULT_NETWORK_PARAMS,
): Float64Array {
  if (verified.length !== accountAgeDays.length) {
    throw new Error(
      `csr: verified has ${verified.length} entries but accountAgeDays has ${accountAgeDays.length}`,
    );
  }
  const out = new Float64Array(verified.length);
  for (let i = 0; i < out.length; i++) out[i] = trustOf(Boolean(verified[i]), accountAgeDays[i]!, params);
  return out;
}

/** FRIEND links in columns (one undirected link per index). */
export interface FriendBatch {
  a: ArrayLike<number>;
  b: ArrayLike<number>;
  sinceDays: ArrayLike<number>;
  interactions: ArrayLike<number>;
}

/** PAID links in columns (one ordered payer → payee pair per index). */
export interface PaidBatch {
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  count: ArrayLike<number>;
  amount: ArrayLike<number>;
  lastAtDays: ArrayLike<number>;
}

/** Undirected links in columns with their nominal weight (typeWeight · strength, before trust). */
export interface LinkColumns<I extends ArrayLike<number> = ArrayLike<number>, F extends ArrayLike<number> = ArrayLike<number>> {
  a: I;
  b: I;
  w: F;
}

export interface CsrBuilderOptions {
  /** Per-person trust in [0, 1] (see `trustArray`); default 1 for everybody. */
  trust?: ArrayLike<number>;
  /** Network parameters (type weights, half-life); default DEFAULT_NETWORK_PARAMS. */
  params?: NetworkParams;
  /** Tie-strength constants; default STRENGTH_DEFAULTS. */
  strength?: StrengthConstants;
  /** Initial staging capacity in links (a hint; staging grows as needed). */
  initialCapacity?: number;
}

/**
 * Collects contact links one by one or in column batches and builds the CSR snapshot.
 * Staging costs 16 bytes per undirected link and is released by `build()`.
 *
 * @example
 * const builder = new CsrBuilder(3, { trust: trustArray([1, 1, 0], [400, 400, 400]) });
 * builder.addFriend(0, 1, 200, 12).addPaid(0, 2, 3, 150, 10);
 * const csr = builder.build(); // csr.targets.length === 4
 */
export class CsrBuilder {
  readonly nodeCount: number;
  private readonly params: NetworkParams;
  private readonly strength: StrengthConstants;
  private readonly trust: ArrayLike<number> | undefined;
  private a: Int32Array;
  private b: Int32Array;
  /** typeWeight · strength of each staged undirected link. */
  private w: Float64Array;
  private size = 0;
  private built = false;

  constructor(nodeCount: number, options: CsrBuilderOptions = {}) {
    if (!Number.isInteger(nodeCount) || nodeCount < 0 || nodeCount > 0x7fffffff) {
      throw new Error(`csr: nodeCount must be an integer in 0..2^31−1, got ${nodeCount}`);
    }
    if (options.trust && options.trust.length !== nodeCount) {
      throw new Error(`csr: trust has ${options.trust.length} entries for ${nodeCount} persons`);
    }
    this.nodeCount = nodeCount;
    this.params = options.params ?? DEFAULT_NETWORK_PARAMS;
    this.strength = options.strength ?? STRENGTH_DEFAULTS;
    this.trust = options.trust;
    const capacity = Math.max(16, Math.floor(options.initialCapacity ?? DEFAULTS.initialCapacity));
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.w = new Float64Array(capacity);
  }

  /** Links staged so far (self-links excluded). */
  get linkCount(): number {
    return this.size;
  }

  /** Adds FRIEND(a, b): `sinceDays` = age of the friendship, `interactions` in the last 12 months. */
  addFriend(a: number, b: number, sinceDays: number, interactions: number): this {
    const s = friendStrength(sinceDays, interactions, this.params, this.strength);
    return this.addLink(a, b, this.params.friendWeight * s);
  }

  /** Adds PAID(from, to): `count` payments totalling `amount`, the latest `lastAtDays` ago. */
  addPaid(from: number, to: number, count: number, amount: number, lastAtDays: number): this {
    const s = paidStrength(count, amount, lastAtDays, this.params, this.strength);
    return this.addLink(from, to, this.params.paidWeight * s);
  }

  /** Adds a column batch of FRIEND links. */
  addFriends(batch: FriendBatch): this {
    const { a, b, sinceDays, interactions } = batch;
    const m = a.length;
    if (b.length !== m || sinceDays.length !== m || interactions.length !== m) {
      throw new Error('csr: FRIEND batch columns differ in length');
    }
    this.reserve(this.size + m);
    const weight = this.params.friendWeight;
    for (let k = 0; k < m; k++) {
      const s = friendStrength(sinceDays[k]!, interactions[k]!, this.params, this.strength);
      this.push(a[k]!, b[k]!, weight * s);
    }
    return this;
  }

  /** Adds a column batch of PAID links. */
  addPaids(batch: PaidBatch): this {
    const { from, to, count, amount, lastAtDays } = batch;
    const m = from.length;
    if (to.length !== m || count.length !== m || amount.length !== m || lastAtDays.length !== m) {
      throw new Error('csr: PAID batch columns differ in length');
    }
    this.reserve(this.size + m);
    const weight = this.params.paidWeight;
    for (let k = 0; k < m; k++) {
      const s = paidStrength(count[k]!, amount[k]!, lastAtDays[k]!, this.params, this.strength);
      this.push(from[k]!, to[k]!, weight * s);
    }
    return this;
  }

  /**
   * Adds an undirected link of nominal weight `weight` (typeWeight · strength, before trust).
   * For callers that compute strengths themselves.
   */
  addLink(a: number, b: number, weight: number): this {
    this.reserve(this.size + 1);
    this.push(a, b, weight);
    return this;
  }

  /** Adds a column batch of undirected links of nominal weight (as `addLink`). */
  addLinks(links: LinkColumns): this {
    const { a, b, w } = links;
    const m = a.length;
    if (b.length !== m || w.length !== m) throw new Error('csr: link batch columns differ in length');
    this.reserve(this.size + m);
    for (let k = 0; k < m; k++) this.push(a[k]!, b[k]!, w[k]!);
    return this;
  }

  /**
   * The links staged so far with their nominal weights (views, not copies; still valid after
   * `build()`), e.g. to keep them for a later rebuild with a few links replaced.
   */
  stagedLinks(): LinkColumns<Int32Array, Float64Array> {
    return { a: this.a.subarray(0, this.size), b: this.b.subarray(0, this.size), w: this.w.subarray(0, this.size) };
  }

  private push(a: number, b: number, weight: number): void {
    const n = this.nodeCount;
    if (!(a >= 0 && a < n && b >= 0 && b < n && Number.isInteger(a) && Number.isInteger(b))) {
      throw new Error(`csr: link (${a}, ${b}) names a person outside 0..${n - 1}`);
    }
    if (!(weight >= 0) || weight === Infinity) throw new Error(`csr: link (${a}, ${b}) has weight ${weight}`);
    if (a === b) return;
    const k = this.size++;
    this.a[k] = a;
    this.b[k] = b;
    this.w[k] = weight;
  }

  private reserve(capacity: number): void {
    if (this.built) throw new Error('csr: builder already built; create a new one');
    if (capacity <= this.a.length) return;
    let next = this.a.length * 2;
    while (next < capacity) next *= 2;
    const a = new Int32Array(next);
    a.set(this.a.subarray(0, this.size));
    const b = new Int32Array(next);
    b.set(this.b.subarray(0, this.size));
    const w = new Float64Array(next);
    w.set(this.w.subarray(0, this.size));
    this.a = a;
    this.b = b;
    this.w = w;
  }

  /** Builds the CSR and releases the staging buffers. */
  build(): Csr {
    if (this.built) throw new Error('csr: builder already built; create a new one');
    this.built = true;
    const n = this.nodeCount;
    const trust = checkedTrust(this.trust, n);
    const csr = assemble(n, this.a.subarray(0, this.size), this.b.subarray(0, this.size), this.w.subarray(0, this.size), trust);
    this.a = new Int32Array(0);
    this.b = new Int32Array(0);
    this.w = new Float64Array(0);
    this.size = 0;
    return csr;
  }
}

// Counting sort of both directions of every link into rows, then an in-place merge of repeated
// targets per row (one `slot` array per node, so no per-row sort). Hot loops read only
// const-bound typed arrays.
function assemble(n: number, la: Int32Array, lb: Int32Array, lw: Float64Array, trust: Float64Array): Csr {
  const m = la.length;
  const entries = 2 * m;
  if (entries > 0x7fffffff) throw new Error(`csr: ${entries} entries exceed 2^31 − 1`);
  const start = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    start[la[k]! + 1]!++;
    start[lb[k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const cursor = start.slice(0, n);
  const targets = new Int32Array(entries);
  const weights = new Float64Array(entries); // nominal here; trust is applied by the merge
  for (let k = 0; k < m; k++) {
    const a = la[k]!;
    const b = lb[k]!;
    const w = lw[k]!;
    const pa = cursor[a]!++;
    targets[pa] = b;
    weights[pa] = w;
    const pb = cursor[b]!++;
    targets[pb] = a;
    weights[pb] = w;
  }
  const degree = new Float64Array(n);
  // Merge repeated targets: slot[j] is where j went in the output; it points into the current
  // row exactly when slot[j] ≥ the row's output start (earlier rows lie below it).
  const slot = cursor; // reuse: n Int32 slots
  slot.fill(-1);
  const offsets = new Int32Array(n + 1);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const rowOut = out;
    offsets[i] = rowOut;
    const end = start[i + 1]!;
    let d = 0;
    for (let e = start[i]!; e < end; e++) {
      const j = targets[e]!;
      const nominal = weights[e]!;
      d += nominal;
      const w = nominal * trust[j]!;
      const at = slot[j]!;
      if (at >= rowOut) {
        weights[at]! += w;
      } else {
        slot[j] = out;
        targets[out] = j;
        weights[out] = w;
        out++;
      }
    }
    degree[i] = d;
  }
  offsets[n] = out;
  return {
    nodeCount: n,
    offsets,
    targets: out === entries ? targets : targets.slice(0, out),
    weights: out === entries ? weights : weights.slice(0, out),
    degree,
    symmetric: true,
  };
}

/**
 * The CSR of links already staged with their nominal weights (as `CsrBuilder.stagedLinks` gives
 * them), assembled straight from the columns: the same result as adding them to a builder with
 * the same trust and building, without copying every link into the builder first — e.g. to
 * rebuild a kept snapshot. The columns are not changed.
 *
 * @example
 * const csr = csrFromLinks(n, image.links, { trust });
 */
export function csrFromLinks(nodeCount: number, links: LinkColumns<Int32Array, Float64Array>, options: { trust?: ArrayLike<number> } = {}): Csr {
  const { a, b, w } = links;
  const m = a.length;
  const viaBuilder = () => new CsrBuilder(nodeCount, { ...(options.trust ? { trust: options.trust } : {}), initialCapacity: m }).addLinks(links).build();
  if (b.length !== m || w.length !== m) throw new Error('csr: link batch columns differ in length');
  if (!Number.isInteger(nodeCount) || nodeCount < 0 || nodeCount > 0x7fffffff) return viaBuilder(); // throws the builder's error
  for (let k = 0; k < m; k++) {
    const x = a[k]!;
    const y = b[k]!;
    const weight = w[k]!;
    // Anything the builder would refuse or drop (a self-link): let it do so, with its message.
    if (!(x >= 0 && x < nodeCount && y >= 0 && y < nodeCount) || x === y || !(weight >= 0) || weight === Infinity) return viaBuilder();
  }
  return assemble(nodeCount, a, b, w, checkedTrust(options.trust, nodeCount));
}

/**
 * A copy of per-person trust for n persons (1 for everybody when none is given), refused with
 * a one-line error when its length is wrong or a value lies outside [0, 1].
 *
 * @example checkedTrust([1, 0.5], 2) // Float64Array [1, 0.5]
 */
export function checkedTrust(trust: ArrayLike<number> | undefined, n: number): Float64Array {
  if (!trust) return new Float64Array(n).fill(1);
  if (trust.length !== n) throw new Error(`csr: trust has ${trust.length} entries for ${n} persons`);
  const copy = Float64Array.from(trust);
  for (let i = 0; i < n; i++) {
    const t = copy[i]!;
    if (!(t >= 0 && t <= 1)) throw new Error(`csr: trust of person ${i} is ${t}, outside [0, 1]`);
  }
  return copy;
}

/** Input of `buildCsr`: everything the snapshot needs, as typed columns. */
export interface ContactGraphInput {
  nodeCount: number;
  /** Per-person trust; or give `verified` + `accountAgeDays` and it is computed. */
  trust?: ArrayLike<number>;
  verified?: ArrayLike<number | boolean>;
  accountAgeDays?: ArrayLike<number>;
  friends?: FriendBatch;
  paid?: PaidBatch;
}

/**
 * Builds the CSR snapshot of a contact graph in one call.
 *
 * @example
 * const csr = buildCsr({
 *   nodeCount: pop.persons, verified: pop.verified, accountAgeDays: pop.accountAgeDays,
 *   friends: { a: pop.friendA, b: pop.friendB, sinceDays: pop.friendSinceDays, interactions: pop.friendInteractions },
 *   paid: { from: pop.paidFrom, to: pop.paidTo, count: pop.paidCount, amount: pop.paidAmount, lastAtDays: pop.paidLastDays },
 * });
 */
export function buildCsr(
  input: ContactGraphInput,
  params: NetworkParams = DEFAULT_NETWORK_PARAMS,
  strength: StrengthConstants = STRENGTH_DEFAULTS,
): Csr {
  let trust = input.trust;
  if (!trust && (input.verified || input.accountAgeDays)) {
    if (!input.verified || !input.accountAgeDays) {
      throw new Error('csr: give both verified and accountAgeDays, or trust');
    }
    trust = trustArray(input.verified, input.accountAgeDays, params);
  }
  const links = (input.friends?.a.length ?? 0) + (input.paid?.from.length ?? 0);
  const builder = new CsrBuilder(input.nodeCount, {
    params,
    strength,
    initialCapacity: Math.max(16, links),
    ...(trust ? { trust } : {}),
  });
  if (input.friends) builder.addFriends(input.friends);
  if (input.paid) builder.addPaids(input.paid);
  return builder.build();
}

/**
 * A CSR taken as given from directed entries (i → j, weight w_ij), repeated pairs summed and
 * no nominal `degree` (so D_i = Σ_j w_ij). For generic weighted graphs and tests.
 *
 * @example csrFromEntries(2, [0, 1], [1, 0], [1, 3]).weights // Float64Array [1, 3]
 */
export function csrFromEntries(
  nodeCount: number,
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
  weights: ArrayLike<number>,
): Csr {
  const m = sources.length;
  if (targets.length !== m || weights.length !== m) throw new Error('csr: entry columns differ in length');
  const start = new Int32Array(nodeCount + 1);
  for (let k = 0; k < m; k++) {
    const i = sources[k]!;
    const j = targets[k]!;
    if (!(i >= 0 && i < nodeCount && j >= 0 && j < nodeCount)) {
      throw new Error(`csr: entry (${i}, ${j}) names a person outside 0..${nodeCount - 1}`);
    }
    if (!(weights[k]! >= 0)) throw new Error(`csr: entry (${i}, ${j}) has weight ${weights[k]}`);
    start[i + 1]!++;
  }
  for (let i = 0; i < nodeCount; i++) start[i + 1]! += start[i]!;
  const cursor = start.slice(0, nodeCount);
  const t = new Int32Array(m);
  const w = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const p = cursor[sources[k]!]!++;
    t[p] = targets[k]!;
    w[p] = weights[k]!;
  }
  const slot = cursor.fill(-1);
  const offsets = new Int32Array(nodeCount + 1);
  let out = 0;
  for (let i = 0; i < nodeCount; i++) {
    const rowOut = out;
    offsets[i] = rowOut;
    for (let e = start[i]!; e < start[i + 1]!; e++) {
      const j = t[e]!;
      if (j === i) continue;
      const at = slot[j]!;
      if (at >= rowOut) {
        w[at]! += w[e]!;
      } else {
        slot[j] = out;
        t[out] = j;
        w[out] = w[e]!;
        out++;
      }
    }
  }
  offsets[nodeCount] = out;
  return { nodeCount, offsets, targets: t.slice(0, out), weights: w.slice(0, out) };
}

/** A transposed view: row j lists the persons i that have j as a contact, with a value per entry. */
export interface TransposedCsr {
  nodeCount: number;
  offsets: Int32Array | Float64Array;
  /** The person i of each entry (source of the original i → j entry). */
  sources: Int32Array;
  /** The value carried over from the original entry (weights, or any per-entry array). */
  values: Float64Array;
}

/**
 * Transposes a CSR, carrying `values` (aligned with `csr.targets`; default `csr.weights`)
 * along. Rows of the result are ordered by source. O(n + m) counting sort.
 *
 * @example transposeCsr(csr, transition.p) // P^T: row j holds P_ij for every i with j as contact
 */
export function transposeCsr(csr: Csr, values: ArrayLike<number> = csr.weights): TransposedCsr {
  const n = csr.nodeCount;
  const offsets = csr.offsets;
  const targets = csr.targets;
  const m = targets.length;
  if (values.length !== m) throw new Error(`csr: values have ${values.length} entries for ${m} CSR entries`);
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) start[targets[e]! + 1]!++;
  for (let j = 0; j < n; j++) start[j + 1]! += start[j]!;
  const cursor = start.slice(0, n);
  const sources = new Int32Array(m);
  const out = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1]!;
    for (let e = offsets[i]!; e < end; e++) {
      const p = cursor[targets[e]!]!++;
      sources[p] = i;
      out[p] = values[e]!;
    }
  }
  return { nodeCount: n, offsets: start, sources, values: out };
}

/** Bytes held by a CSR's arrays (for memory reports). */
export function csrBytes(csr: Csr): number {
  return csr.offsets.byteLength + csr.targets.byteLength + csr.weights.byteLength + (csr.degree?.byteLength ?? 0);
}

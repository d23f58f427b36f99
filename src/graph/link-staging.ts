/**
 * Link staging: store edge rows (FRIEND and PAID links) turned into undirected links with their
 * nominal weight typeWeight · strength (tie-strength.ts), collected in growing typed columns —
 * the input of `nominalCsr` and `replaceLinks` (nominal-csr.ts). Self-links are dropped.
 */
import type { LinkColumns } from './csr.js';
import { DEFAULT_NETWORK_PARAMS, type NetworkParams } from './network-params.js';
import { friendStrength, paidStrength, STRENGTH_DEFAULTS, type StrengthConstants } from './tie-strength.js';

const DEFAULTS = {
  /** Initial staging capacity (undirected links); grows by doubling. */
  initialCapacity: 1024,
};

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

export interface LinkStagingOptions {
  /** Network parameters (type weights, half-life); default DEFAULT_NETWORK_PARAMS. */
  params?: NetworkParams;
  /** Tie-strength constants; default STRENGTH_DEFAULTS. */
  strength?: StrengthConstants;
  /** Initial staging capacity in links (a hint; staging grows as needed). */
  initialCapacity?: number;
}

/**
 * Collects contact links one by one or in column batches with their nominal weights
 * (typeWeight · strength at the as-of date; 16 bytes per undirected link), for `nominalCsr`.
 *
 * @example
 * const staging = new LinkStaging(3).addFriend(0, 1, 200, 12).addPaid(0, 2, 3, 150, 10);
 * const csr = withTrust(nominalCsr(3, staging.links()), trustArray([1, 1, 0], [400, 400, 400]));
 */
export class LinkStaging {
  readonly nodeCount: number;
  private readonly params: NetworkParams;
  private readonly strength: StrengthConstants;
  private a: Int32Array;
  private b: Int32Array;
  /** typeWeight · strength of each staged undirected link. */
  private w: Float64Array;
  private size = 0;

  constructor(nodeCount: number, options: LinkStagingOptions = {}) {
    if (!Number.isInteger(nodeCount) || nodeCount < 0 || nodeCount > 0x7fffffff) {
      throw new Error(`csr: nodeCount must be an integer in 0..2^31−1, got ${nodeCount}`);
    }
    this.nodeCount = nodeCount;
    this.params = options.params ?? DEFAULT_NETWORK_PARAMS;
    this.strength = options.strength ?? STRENGTH_DEFAULTS;
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

  /** The links staged so far with their nominal weights (views, not copies: stage no more afterwards if you keep them). */
  links(): LinkColumns<Int32Array, Float64Array> {
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
}

/**
 * Forward push on x = f + α·P·x (propagate.ts fixes P and α): the local solver behind contagion
 * what-ifs (contagion.ts) and incremental propagation (refine-network.ts).
 *
 * The push keeps an estimate q and a residual ρ with the invariant x = q + (I − αP)^{-1} ρ. Pushing
 * j moves ρ_j into q_j and adds α·P_ij·ρ_j to ρ_i for every i with j as a contact (x_i reads x_j,
 * so the push runs along reversed edges, P^T); it accumulates (P q)_i on the way. It stops when
 * every |ρ_j| ≤ ε, or after `maxPushes`. Because every row of αP sums to at most α,
 * ‖(I − αP)^{-1} ρ‖_∞ ≤ ‖ρ‖_∞ / (1 − α): what is left moves no x_i by more than ε / (1 − α).
 * I − αP is an M-matrix, so the push (Gauss–Southwell) converges for residuals of any sign.
 *
 * Reference: R. Andersen, F. Chung, K. Lang, "Local graph partitioning using PageRank vectors",
 * FOCS 2006; R. V. Southwell, "Relaxation Methods in Engineering Science" (1940).
 */
import { transposeCsr, type Csr } from './csr.js';
import type { Transition } from './propagate.js';

export const TOUCHED = 1;
export const QUEUED = 2;
export const PUSHED = 4;

/**
 * Reusable state of pushes over one CSR and one transition: P^T and per-node buffers, allocated
 * once (≈ 34 bytes per node, plus 12 per entry when transposed) or taken over from a released
 * workspace over as many nodes (`release`).
 *
 * P^T row j lists every person i with j as a contact, with P_ij. For a CSR with a symmetric
 * pattern (every link-built one: `csr.symmetric`) that list is CSR row j itself, so the
 * workspace borrows the CSR's offsets and targets and computes a row's values the first time a
 * push walks it, keeping them for later pushes, instead of an O(n + m) transpose up front that a
 * push reaching a few thousand persons never repays. A link-built CSR knows what its weights are
 * made of (`csr.parts`), so P_ij comes from row j's own entry for i and D_i: one random read an
 * entry. It equals the transition's P_ij bit for bit but in two cases, both within a few ulps: a
 * pair whose two entries a patch summed in different orders, and a row the transition rescaled
 * because rounding put its sum a hair over 1; the push's bound (ε/(1 − α)) is untouched by that.
 * Other symmetric CSRs find P_ij in row i (O(Σ_{i∈N(j)} deg i) a row). Other CSRs are transposed
 * when the workspace is made. The rows computed so are kept with the transition (`lazyRowsOf`),
 * for every workspace over it: the runs after an incremental run that share its transition (only
 * events changed) walk rows an earlier push computed.
 */
export class PushWorkspace {
  readonly csr: Csr;
  readonly transition: Transition;
  /** Row j of P^T: `reverseSources[reverseOffsets[j] … reverseOffsets[j+1]]`, every i with j as a contact. */
  readonly reverseOffsets: Int32Array;
  readonly reverseSources: Int32Array;
  /** Row j's values, computed on its first walk (a symmetric CSR), shared by the workspaces over the same CSR and transition. */
  private readonly lazy: LazyRows | undefined;
  /** A transposed CSR's values, in the order of `reverseSources`. */
  private readonly transposedValues: Float64Array | undefined;
  /** ρ. */
  readonly residual: Float64Array;
  /** q. */
  readonly estimate: Float64Array;
  /** (P q)_i accumulated during the push. */
  readonly received: Float64Array;
  readonly flags: Uint8Array;
  /** FIFO ring; a node is queued at most once at a time, so n slots suffice. */
  readonly queue: Int32Array;
  touched: Int32Array;
  touchedCount = 0;
  /** Set by `release`: the buffers are another workspace's now. */
  released = false;

  constructor(csr: Csr, transition: Transition) {
    if (transition.p.length !== csr.targets.length) throw new Error('push: the transition was built for another CSR');
    const n = csr.nodeCount;
    this.csr = csr;
    this.transition = transition;
    if (csr.symmetric) {
      this.reverseOffsets = csr.offsets;
      this.reverseSources = csr.targets;
      this.lazy = lazyRowsOf(csr, transition);
      this.transposedValues = undefined;
    } else {
      const reverse = transposeCsr(csr, transition.p);
      this.reverseOffsets = reverse.offsets;
      this.reverseSources = reverse.sources;
      this.transposedValues = reverse.values;
      this.lazy = undefined;
    }
    const buffers = spareBuffers.get(n) ?? freshBuffers(n);
    spareBuffers.delete(n);
    this.residual = buffers.residual;
    this.estimate = buffers.estimate;
    this.received = buffers.received;
    this.flags = buffers.flags;
    this.queue = buffers.queue;
    this.touched = new Int32Array(1024);
  }

  /**
   * Hands the per-node buffers, cleared, to the next workspace made over as many nodes; this
   * one must not be used afterwards. For a caller done with it within one call (an incremental
   * run's refinement): O(n) to clear, where fresh buffers cost page faults and bring V8's next
   * collection closer (it counts fresh array memory).
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.residual.fill(0);
    this.estimate.fill(0);
    this.received.fill(0);
    this.flags.fill(0);
    this.touchedCount = 0;
    const { residual, estimate, received, flags, queue } = this;
    spareBuffers.set(this.csr.nodeCount, { residual, estimate, received, flags, queue });
  }

  /** Lazy rows (a symmetric CSR): where row j's values start in `reverseValues`, −1 before its first walk. */
  get rowAt(): Int32Array | undefined {
    return this.lazy?.rowAt;
  }

  /** P_ij of row j's entries, in order, from `reverseRow(j)` on (the array grows: read it after that call). */
  get reverseValues(): Float64Array {
    return this.lazy ? this.lazy.values : this.transposedValues!;
  }

  /** Where row j's values P_ij start in `reverseValues` (computing them on a lazy row's first walk). */
  reverseRow(j: number): number {
    const lazy = this.lazy;
    if (lazy === undefined) return this.reverseOffsets[j]!;
    const rowAt = lazy.rowAt;
    if (rowAt[j]! >= 0) return rowAt[j]!;
    const { offsets, targets } = this.csr;
    const p = this.transition.p;
    const start = offsets[j]!;
    const end = offsets[j + 1]!;
    const at = lazy.filled;
    if (at + (end - start) > lazy.values.length) {
      const grown = new Float64Array(Math.max(2 * lazy.values.length, at + (end - start)));
      grown.set(lazy.values.subarray(0, at));
      lazy.values = grown;
    }
    const values = lazy.values;
    const parts = this.csr.parts;
    if (parts) {
      // P_ij = min(w_ij / D_i, cap) as buildTransition computes it, with w_ij = nominal_ji · trust_j.
      const { nominal, trust } = parts;
      const { degree, perContactCap: cap } = this.transition;
      const trustJ = trust[j]!;
      for (let e = start; e < end; e++) {
        const d = degree[targets[e]!]!;
        values[at + e - start] = d > 0 ? Math.min(nominal[e]! * trustJ * (1 / d), cap) : 0;
      }
    } else {
      for (let e = start; e < end; e++) values[at + e - start] = p[entryOf(lazy, targets[e]!, j)]!;
    }
    lazy.filled = at + (end - start);
    rowAt[j] = at;
    return at;
  }

  /** Marks `node` touched (first time only). */
  touch(node: number): void {
    if (this.flags[node]! & TOUCHED) return;
    this.flags[node]! |= TOUCHED;
    if (this.touchedCount === this.touched.length) {
      const grown = new Int32Array(this.touched.length * 2);
      grown.set(this.touched);
      this.touched = grown;
    }
    this.touched[this.touchedCount++] = node;
  }

  /** Clears the entries the last push touched (O(touched)). */
  reset(): void {
    const { touched, residual, estimate, received, flags } = this;
    for (let k = 0; k < this.touchedCount; k++) {
      const v = touched[k]!;
      residual[v] = 0;
      estimate[v] = 0;
      received[v] = 0;
      flags[v] = 0;
    }
    this.touchedCount = 0;
  }

  /** max |ρ_j| over the touched persons (every other ρ_j is 0). */
  largestResidual(): number {
    let largest = 0;
    for (let k = 0; k < this.touchedCount; k++) largest = Math.max(largest, Math.abs(this.residual[this.touched[k]!]!));
    return largest;
  }
}

/** The per-node buffers of a workspace (29 bytes a node). */
interface PushBuffers {
  residual: Float64Array;
  estimate: Float64Array;
  received: Float64Array;
  flags: Uint8Array;
  queue: Int32Array;
}

/** Buffers of released workspaces, cleared, one set per node count (the last released). */
const spareBuffers = new Map<number, PushBuffers>();

function freshBuffers(n: number): PushBuffers {
  return { residual: new Float64Array(n), estimate: new Float64Array(n), received: new Float64Array(n), flags: new Uint8Array(n), queue: new Int32Array(Math.max(1, n)) };
}

/** The rows of P^T computed so far over one symmetric CSR and its transition. */
interface LazyRows {
  csr: Csr;
  /** Where row j's values start in `values`, −1 before its first walk. */
  rowAt: Int32Array;
  /** Grows by doubling. */
  values: Float64Array;
  filled: number;
  /** Rows of more than WIDE_ROW entries looked up so far: each entry's index by its target. */
  wideRows: Map<number, Map<number, number>>;
}

/**
 * Rows longer than this are indexed by target on their first lookup instead of scanned. A push
 * that reaches a hub's contacts looks the hub's row up once for each of them, so scans grow with
 * the hub's degree times its contacts reached: at 1M synthetic persons (rows of up to 2,647
 * entries) they walked about 120 entries per lookup, 25M per incremental run (BENCHMARKS.md,
 * session 19).
 */
const WIDE_ROW = 32;

/** The index of entry i → j in the CSR (which holds it: the pattern is symmetric and j → i is there). */
function entryOf(lazy: LazyRows, i: number, j: number): number {
  const { offsets, targets } = lazy.csr;
  const rowStart = offsets[i]!;
  const rowEnd = offsets[i + 1]!;
  if (rowEnd - rowStart <= WIDE_ROW) {
    for (let k = rowStart; k < rowEnd; k++) if (targets[k] === j) return k;
  } else {
    let index = lazy.wideRows.get(i);
    if (index === undefined) {
      index = new Map();
      for (let k = rowStart; k < rowEnd; k++) if (!index.has(targets[k]!)) index.set(targets[k]!, k);
      lazy.wideRows.set(i, index);
    }
    const k = index.get(j);
    if (k !== undefined) return k;
  }
  throw new Error(`push: the CSR says it is symmetric but ${i} → ${j} is missing`);
}

const lazyRowsByTransition = new WeakMap<Transition, LazyRows>();

/** The lazy rows kept with `transition` (built for `csr`); both are never changed, so rows once computed hold. */
function lazyRowsOf(csr: Csr, transition: Transition): LazyRows {
  let rows = lazyRowsByTransition.get(transition);
  if (rows?.csr !== csr) {
    rows = { csr, rowAt: new Int32Array(csr.nodeCount).fill(-1), values: new Float64Array(64), filled: 0, wideRows: new Map() };
    lazyRowsByTransition.set(transition, rows);
  }
  return rows;
}

export interface PushCounts {
  pushes: number;
  /** Reversed edges walked. */
  edgeVisits: number;
  /** False when `maxPushes` stopped the push with residuals above ε left. */
  complete: boolean;
}

/**
 * Pushes every residual above `eps` until none is left (the residuals are already in
 * `ws.residual`, their nodes touched; `seeds` are the nodes that may hold one above `eps`).
 * Hot loop over const-bound typed arrays; FIFO ring of queued nodes.
 */
export function pushResiduals(ws: PushWorkspace, seeds: Iterable<number>, eps: number, maxPushes: number): PushCounts {
  if (ws.released) throw new Error('push: the workspace was released');
  const { residual, estimate, received, flags, queue } = ws;
  const alpha = ws.transition.alpha;
  const n = ws.csr.nodeCount;
  const rOffsets = ws.reverseOffsets;
  const rSources = ws.reverseSources;
  let head = 0;
  let size = 0;
  for (const node of seeds) {
    if (!(flags[node]! & QUEUED) && Math.abs(residual[node]!) > eps) {
      queue[(head + size++) % n] = node;
      flags[node]! |= QUEUED;
    }
  }
  let pushes = 0;
  let edgeVisits = 0;
  while (size > 0 && pushes < maxPushes) {
    const j = queue[head]!;
    head = head + 1 === n ? 0 : head + 1;
    size--;
    flags[j]! &= ~QUEUED;
    const v = residual[j]!;
    if (!(Math.abs(v) > eps)) continue; // opposite-signed arrivals cancelled it
    residual[j] = 0;
    estimate[j]! += v;
    flags[j]! |= PUSHED;
    pushes++;
    const valuesAt = ws.reverseRow(j) - rOffsets[j]!;
    const rValues = ws.reverseValues;
    const end = rOffsets[j + 1]!;
    const start = rOffsets[j]!;
    edgeVisits += end - start;
    for (let e = start; e < end; e++) {
      const i = rSources[e]!;
      const t = rValues[valuesAt + e]! * v;
      received[i]! += t;
      const r = residual[i]! + alpha * t;
      residual[i] = r;
      const fl = flags[i]!;
      if (!(fl & TOUCHED)) ws.touch(i);
      if (!(fl & QUEUED) && Math.abs(r) > eps) {
        let tail = head + size++;
        if (tail >= n) tail -= n;
        queue[tail] = i;
        flags[i]! |= QUEUED;
      }
    }
  }
  return { pushes, edgeVisits, complete: size === 0 };
}

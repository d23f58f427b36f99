/**
 * Contact graph in compressed sparse row (CSR) form: the snapshot every network kernel reads,
 * and the one assembler every CSR is built with.
 *
 * Math (docs/design.md, "The network dimension"). Person i's contacts j carry the weight
 *
 *     w_ij = typeWeight · strength_ij · trust_j          (trust of the *contact* j)
 *
 * summed over every FRIEND and PAID link between the pair (a friendship plus payments both
 * ways merge into one CSR entry); strengths and trust are tie-strength.ts. A FRIEND(a, b) link
 * counts both ways; PAID(from, to) links payer and payee both ways, so the sparsity pattern is
 * symmetric while the weights are not (trust is the contact's). Alongside w every CSR records
 * the *nominal* contact weight
 *
 *     D_i = Σ_j typeWeight · strength_ij                 (before trust)
 *
 * so Σ_j w_ij ≤ D_i; the gap is the trust deficit, which the propagation gives to the prior
 * (see propagate.ts: low-trust contacts cannot crowd out real ones by sheer number).
 *
 * Two types tell the weights apart: a `NominalCsr` holds typeWeight · strength (what a snapshot
 * image keeps; nominal-csr.ts builds and patches it), a `Csr` holds the kernels' weights
 * (`withTrust` of a nominal one). Self-entries are dropped.
 *
 * Layout: rows by person; `offsets[i]..offsets[i+1]` index `targets`/`weights` (4 + 8 bytes
 * per directed entry, Float64 weights) plus per-node `offsets` and `degree`. Assembly is two
 * counting passes and an in-place merge of repeated targets per row: O(n + m), no sort.
 *
 * Reference: the CSR (Yale) format — S. C. Eisenstat, M. C. Gursky, M. H. Schultz,
 * A. H. Sherman, "Yale sparse matrix package I: the symmetric codes", IJNME 18 (1982).
 */

/** The arrays of a CSR over n persons, whichever its weights are. */
export interface CsrLayout {
  /** Number of persons n; node ids are 0..n−1 (a person's `seq`). */
  readonly nodeCount: number;
  /** Row starts, length n + 1. */
  readonly offsets: Int32Array;
  /** Contact of each entry. */
  readonly targets: Int32Array;
  /** Weight of each entry. */
  readonly weights: Float64Array;
  /** Nominal contact weight D_i (before trust), length n. */
  readonly degree: Float64Array;
  /**
   * True when the pattern is symmetric: every entry i → j has an entry j → i (the weights may
   * differ). Link-built CSRs are; then row j also lists the persons that have j as a contact,
   * and a reverse walk needs no transpose (contagion.ts).
   */
  readonly symmetric: boolean;
}

/**
 * The contact graph with nominal weights (typeWeight · strength, before trust), D_i their row
 * sums; link-built, hence symmetric. Built by `nominalCsr`, patched by `replaceLinks`.
 */
export interface NominalCsr extends CsrLayout {
  readonly kind: 'nominal';
  readonly symmetric: true;
}

/**
 * A contact graph snapshot as the kernels read it (rows = persons, entries = contacts):
 * weights w_ij with trust applied (`withTrust`), or a generic graph's weights taken as given.
 */
export interface Csr extends CsrLayout {
  readonly kind: 'trusted';
  /**
   * What a link-built CSR's weights are made of (`withTrust`): w_ij = nominal_ij · trust_j, with
   * `nominal` aligned with `targets` and the same both ways of a pair (up to the rounding of sums
   * in rows a patch rebuilt). A push reads P_ij for row j of Pᵀ from row j's own entries with
   * them (residual-push.ts), instead of finding entry i → j in row i.
   */
  readonly parts?: { nominal: Float64Array; trust: Float64Array };
}

/** Undirected links in columns with their nominal weight (typeWeight · strength, before trust). */
export interface LinkColumns<I extends ArrayLike<number> = ArrayLike<number>, F extends ArrayLike<number> = ArrayLike<number>> {
  a: I;
  b: I;
  w: F;
}

/**
 * The CSR arrays of weighted entries `a[k] → b[k]` (and `b[k] → a[k]` too when `bothWays`),
 * repeated pairs summed, self-entries dropped, D_i the sum of row i's weights. The one
 * assembler: `nominalCsr` (links, both ways) and generic directed graphs go through it. The
 * columns are not changed; a bad end or weight is refused with a one-line error.
 *
 * @example assembleCsr(2, { a: Int32Array.of(0), b: Int32Array.of(1), w: Float64Array.of(3) }, true).weights // [3, 3]
 */
export function assembleCsr(nodeCount: number, entries: LinkColumns, bothWays: boolean): Omit<CsrLayout, 'symmetric'> {
  const { a: la, b: lb, w: lw } = entries;
  const n = nodeCount;
  const m = la.length;
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new Error(`csr: nodeCount must be an integer in 0..2^31−1, got ${n}`);
  if (lb.length !== m || lw.length !== m) throw new Error('csr: link batch columns differ in length');
  for (let k = 0; k < m; k++) {
    const x = la[k]!;
    const y = lb[k]!;
    const weight = lw[k]!;
    if (!(x >= 0 && x < n && y >= 0 && y < n && Number.isInteger(x) && Number.isInteger(y))) {
      throw new Error(`csr: link (${x}, ${y}) names a person outside 0..${n - 1}`);
    }
    if (!(weight >= 0) || weight === Infinity) throw new Error(`csr: link (${x}, ${y}) has weight ${weight}`);
  }
  const total = bothWays ? 2 * m : m;
  if (total > 0x7fffffff) throw new Error(`csr: ${total} entries exceed 2^31 − 1`);
  return bothWays ? mergeRows(n, placeBothWays(n, la, lb, lw)) : mergeRows(n, placeOneWay(n, la, lb, lw));
}

/** Entries counting-sorted into rows: row i is `targets[start[i]..start[i+1]]`. */
interface PlacedRows {
  start: Int32Array;
  /** n Int32 of scratch (the placing cursors), reused by the merge. */
  scratch: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

/** Row starts of a counting sort (length n + 1): each entry of `rowsOf` (any number of arrays) falls in the row it names. */
function rowStarts(n: number, ...rowsOf: ArrayLike<number>[]): Int32Array {
  const start = new Int32Array(n + 1);
  for (const rows of rowsOf) {
    for (let k = 0; k < rows.length; k++) start[rows[k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  return start;
}

// Both directions of every link, in link order within a row. Hot loops read only const-bound arrays.
function placeBothWays(n: number, la: ArrayLike<number>, lb: ArrayLike<number>, lw: ArrayLike<number>): PlacedRows {
  const m = la.length;
  const start = rowStarts(n, la, lb);
  const cursor = start.slice(0, n);
  const targets = new Int32Array(2 * m);
  const weights = new Float64Array(2 * m);
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
  return { start, scratch: cursor, targets, weights };
}

function placeOneWay(n: number, from: ArrayLike<number>, to: ArrayLike<number>, lw: ArrayLike<number>): PlacedRows {
  const m = from.length;
  const start = rowStarts(n, from);
  const cursor = start.slice(0, n);
  const targets = new Int32Array(m);
  const weights = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const p = cursor[from[k]!]!++;
    targets[p] = to[k]!;
    weights[p] = lw[k]!;
  }
  return { start, scratch: cursor, targets, weights };
}

// In-place merge of repeated targets per row: slot[j] is where j went in the output; it points
// into the current row exactly when slot[j] ≥ the row's output start (earlier rows lie below it).
function mergeRows(n: number, placed: PlacedRows): Omit<CsrLayout, 'symmetric'> {
  const { start, targets, weights } = placed;
  const entries = targets.length;
  const degree = new Float64Array(n);
  const slot = placed.scratch.fill(-1);
  const offsets = new Int32Array(n + 1);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const rowOut = out;
    offsets[i] = rowOut;
    const end = start[i + 1]!;
    let d = 0;
    for (let e = start[i]!; e < end; e++) {
      const j = targets[e]!;
      if (j === i) continue;
      const w = weights[e]!;
      d += w;
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
  };
}

/** A transposed view: row j lists the persons i that have j as a contact, with a value per entry. */
export interface TransposedCsr {
  nodeCount: number;
  offsets: Int32Array;
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
  const start = rowStarts(n, targets);
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

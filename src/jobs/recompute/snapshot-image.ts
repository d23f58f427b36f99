/**
 * The snapshot image: what SNAPSHOT reads from the store — each person's own score b_i and
 * trust inputs, and every contact link with its nominal weight at the run's as-of date — kept
 * after a run so that the next incremental run patches it with the few persons that changed
 * instead of reading the whole population again (docs/design.md, "Incremental recompute").
 *
 * Pure data and pure functions: reading an image from the store is snapshot.ts, keeping images
 * between runs is snapshot-images.ts.
 */
import { replaceLinks, trustArray, withTrust, type Csr, type LinkColumns, type NominalCsr, type RowChange, type Transition } from '../../graph/index.js';
import type { Model } from '../../score/index.js';
import type { OwnParts } from './own-parts.js';

export interface SnapshotImage {
  /** The as-of date the own scores and link weights were computed at. */
  asOf: string;
  modelVersion: string;
  /** Person id by seq; `undefined` where a seq is unused (never handed out, or erased). */
  ids: (string | undefined)[];
  /** b_i by seq (0 where unused). */
  own: Float64Array;
  verified: Uint8Array;
  accountAgeDays: Float64Array;
  /**
   * The contact graph with nominal weights (typeWeight · strength summed per pair, before
   * trust) as a CSR over the seqs (graph/nominal-csr.ts): patched row by row when persons
   * change, and turned into the kernels' CSR by applying trust.
   */
  contacts: NominalCsr;
  edges: { friendships: number; transactions: number };
  /**
   * The smoothed scores x the run's propagation converged to, by seq, once it ran: the next
   * incremental run starts its sweeps there (a warm start) instead of at b.
   */
  x?: Float64Array;
  /** (P·x)_i of that run, by seq, kept with x: the next refinement sums afresh only the rows that changed. */
  px?: Float64Array;
  /**
   * The network value n_i each person's served score was computed with, by seq, once the run's
   * plan is known: the run's own value for everyone it scored, the base image's for the rest. The
   * next incremental run's plan compares against it (incremental-plan.ts).
   */
  served?: Float64Array;
  /**
   * In memory only (never encoded): how `contacts` differs from the contacts of the image this
   * one was patched from, so that the trusted weights of that image's run can be carried over
   * row by row (`snapshotOfImage`).
   */
  change?: RowChange;
  /** In memory only: the kernels' CSR (trust applied) of the run of this image. */
  trusted?: Csr;
  /**
   * In memory only: the transition P of that run (graph/propagate.ts), built from `trusted`: an
   * incremental run whose patch rebuilt no row (only events changed) propagates on the same CSR
   * and needs no new one.
   */
  transition?: Transition;
  /**
   * In memory only: every person's own part at the image's as-of date (own-parts.ts), so that an
   * incremental run patching this image in the same process scores its targets without reading
   * their records again.
   */
  ownParts?: OwnParts;
}

/**
 * The image without what only this process keeps with it (`change`, `trusted`, `transition`,
 * `ownParts`): what is encoded, or handed to another thread.
 */
export function plainImage(image: SnapshotImage): SnapshotImage {
  const { change: _change, trusted: _trusted, transition: _transition, ownParts: _ownParts, ...plain } = image;
  return plain;
}

/** What the network kernels read: the image with μ, unused seqs at μ, and the CSR (sharing the image's structure). */
export interface Snapshot {
  asOf: string;
  /** Person id by seq; `undefined` where a seq is unused. */
  ids: (string | undefined)[];
  /** b_i: own score in [0, 1] by seq; unused seqs hold the mean, so they never move μ. */
  own: Float64Array;
  /** μ: the network prior, the mean own score over the verified persons (over all when none is). */
  mu: number;
  csr: Csr;
  persons: number;
  edges: { friendships: number; transactions: number };
}

/** One person as the image holds them. */
export interface ImagePerson {
  seq: number;
  id: string;
  own: number;
  verified: boolean;
  accountAgeDays: number;
}

/** The store's current state of some persons: everything the image holds about them. */
export interface ImagePatch {
  /** The store's seq bound now (the image grows to it). */
  seqBound: number;
  /** The persons whose record, events or edges changed; their entries are replaced. */
  dirty: readonly number[];
  /**
   * The dirty persons whose links are replaced by `links` (default: all): those whose edges or
   * trust may have changed. The others' links stand.
   */
  linkSeqs?: readonly number[];
  /** The dirty persons that still exist (an erased one is absent). */
  persons: readonly ImagePerson[];
  /** Every link touching a person of `linkSeqs`, once, with its nominal weight. */
  links: LinkColumns<ArrayLike<number>, ArrayLike<number>>;
  edges: { friendships: number; transactions: number };
}

/**
 * Builds the kernels' snapshot from an image: μ over the verified persons, unused seqs at μ, trust from
 * verification and account age applied to the contacts — only to the rebuilt rows when `base`
 * is the image this one was patched from and still holds its run's CSR. The image is not changed.
 *
 * @example
 * const snapshot = snapshotOfImage(image, model);
 * snapshot.csr.nodeCount === image.ids.length;
 */
export function snapshotOfImage(image: SnapshotImage, model: Model, base?: SnapshotImage): Snapshot {
  const n = image.ids.length;
  const { own, mu, persons } = ownWithPrior(image, image.own);
  if (image.contacts.nodeCount !== n) throw new Error(`snapshot-image: the contacts cover ${image.contacts.nodeCount} seqs, the ids ${n}`);
  const carried = image.change && base?.trusted && image.change.from === base.contacts ? { trusted: base.trusted, change: image.change } : undefined;
  const csr = withTrust(image.contacts, () => trustArray(image.verified, image.accountAgeDays, model.network), carried);
  return { asOf: image.asOf, ids: image.ids, own, mu, csr, persons, edges: image.edges };
}

/**
 * The prior μ of own scores `scores` (by seq) over the image's persons, and a copy of the
 * scores with every unused seq at μ (so unused seqs never move it). Also used by `model fit`,
 * which tries other weights, hence other own scores, on the same image.
 */
export function ownWithPrior(image: Pick<SnapshotImage, 'ids' | 'verified'>, scores: ArrayLike<number>): { own: Float64Array; mu: number; persons: number } {
  const n = image.ids.length;
  const own = Float64Array.from(scores);
  let persons = 0;
  let total = 0;
  let verifiedPersons = 0;
  let verifiedTotal = 0;
  for (let seq = 0; seq < n; seq++) {
    if (image.ids[seq] === undefined) continue;
    persons++;
    total += own[seq]!;
    if (image.verified[seq]) {
      verifiedPersons++;
      verifiedTotal += own[seq]!;
    }
  }
  // The prior counts verified persons only, so a farm of unverified accounts cannot move it;
  // a population where nobody is verified has no better prior than its own mean.
  const mu = verifiedPersons > 0 ? verifiedTotal / verifiedPersons : persons > 0 ? total / persons : 0;
  for (let seq = 0; seq < n; seq++) if (image.ids[seq] === undefined) own[seq] = mu;
  return { own, mu, persons };
}

/** Where an incremental run's propagation starts (graph/refine-network.ts). */
export interface WarmStart {
  /** The base run's x, with seqs it did not know at their own score. */
  x: Float64Array;
  /** The base run's P·x and the rows of P rebuilt since, when the base image kept P·x. */
  products?: { px: Float64Array; changedRows: Int32Array };
}

/**
 * Where the propagation of a run on `snapshot`, whose image `patched` was patched from `base`,
 * starts: undefined when the base image has no x.
 */
export function warmStartOf(base: SnapshotImage, patched: SnapshotImage, snapshot: Snapshot): WarmStart | undefined {
  if (!base.x) return undefined;
  const n = snapshot.csr.nodeCount;
  const x = new Float64Array(n);
  x.set(base.x.length <= n ? base.x : base.x.subarray(0, n));
  for (let seq = base.x.length; seq < n; seq++) x[seq] = snapshot.own[seq]!;
  const change = patched.change;
  const carried = base.px && base.px.length <= n && change && change.from === base.contacts;
  return carried ? { x, products: { px: base.px!, changedRows: change.rows } } : { x };
}

/**
 * The image with the dirty persons' entries and links replaced by the patch's: their old links
 * are dropped (so removed edges go), the patch's links added; only the rows of the dirty
 * persons and their contacts whose entries or trusted weights changed are rebuilt (none, when
 * only events changed: the contacts are then the input image's own). Arrays grow to the new seq
 * bound. The input image is not changed.
 *
 * @example
 * const next = patchImage(image, { seqBound, dirty: [4], persons: [p4], links, edges });
 */
export function patchImage(image: SnapshotImage, patch: ImagePatch): SnapshotImage {
  const n = Math.max(image.ids.length, patch.seqBound);
  const oldN = image.ids.length;
  const dirty = [...new Set(patch.dirty)].filter((seq) => seq >= 0 && seq < n);
  const fresh = new Map<number, ImagePerson>();
  for (const person of patch.persons) fresh.set(person.seq, person);
  const isDirty = new Set(dirty);
  for (const seq of fresh.keys()) if (!isDirty.has(seq)) throw new Error(`snapshot-image: person seq ${seq} is in the patch but not dirty`);
  // Trust is verification and account age alone (trustArray): whoever keeps both keeps the
  // trusted weights of the rows linking them. A dirty person without a fresh entry was erased.
  const trustChanged = dirty.filter((seq) => {
    const person = fresh.get(seq);
    return seq >= oldN || (person?.verified ?? false) !== (image.verified[seq] === 1) || (person?.accountAgeDays ?? 0) !== image.accountAgeDays[seq];
  });
  // What no dirty person changed is the input's own array, not a copy: the ids when no seq changed
  // hands (which also spares the image's encoding its largest part: snapshot-image-codec.ts caches
  // the ids' JSON by array), the trust inputs when nobody's trust changed.
  const idsMoved = n !== oldN || dirty.some((seq) => fresh.get(seq)?.id !== image.ids[seq]);
  const ids = idsMoved ? image.ids.slice() : image.ids;
  ids.length = n;
  const own = grown(Float64Array, image.own, n);
  const verified = trustChanged.length > 0 ? grown(Uint8Array, image.verified, n) : image.verified;
  const accountAgeDays = trustChanged.length > 0 ? grown(Float64Array, image.accountAgeDays, n) : image.accountAgeDays;
  for (const seq of dirty) {
    const person = fresh.get(seq);
    if (idsMoved) ids[seq] = person?.id;
    own[seq] = person?.own ?? 0;
    if (trustChanged.length > 0) {
      verified[seq] = person?.verified ? 1 : 0;
      accountAgeDays[seq] = person?.accountAgeDays ?? 0;
    }
  }
  const relinked = patch.linkSeqs ? [...new Set(patch.linkSeqs)].filter((seq) => isDirty.has(seq)) : dirty;
  const isRelinked = new Set(relinked);
  for (const seq of trustChanged) if (!isRelinked.has(seq)) throw new Error(`snapshot-image: person seq ${seq} changed trust but their links were not read again`);
  const { contacts, change } = replaceLinks(image.contacts, relinked, patch.links, { nodeCount: n, trustChanged });
  return { asOf: image.asOf, modelVersion: image.modelVersion, ids, own, verified, accountAgeDays, contacts, change, edges: patch.edges };
}

type TypedArrayOf<T> = { new (length: number): T };

function grown<T extends Float64Array | Uint8Array>(Kind: TypedArrayOf<T>, values: T, n: number): T {
  const out = new Kind(n);
  out.set(values);
  return out;
}

/**
 * SNAPSHOT: reads the population from the store into a snapshot image (snapshot-image.ts) —
 * every person's own score b_i (the four per-person dimensions), trust inputs and contact links
 * with their nominal weights — in batches, so the memory it needs is the image itself; or
 * refreshes a kept image by re-reading only the persons that changed.
 */
import type { CreditEvent } from '../../domain/records.js';
import { LinkStaging, nominalCsr, type LinkColumns } from '../../graph/index.js';
import { dayNumber, ownPartOf, scoreOwnDimensions, type Model, type OwnDimensions } from '../../score/index.js';
import { edgeColumns } from '../../store/edge-columns.js';
import type { DirtySeqs, FriendshipColumns, PersonWithEvents, StoredPerson, TransactionColumns } from '../../store/store.js';
import type { SnapshotPorts } from './recompute-ports.js';
import { OwnPartsTable } from './own-parts.js';
import { patchImage, type ImagePerson, type SnapshotImage } from './snapshot-image.js';

export type { Snapshot } from './snapshot-image.js';

/** Person batches read ahead of the one being scored (two: the database's two cores, measured at 1M). */
const PERSON_READS_AHEAD = 2;

export interface SnapshotOptions {
  /** Persons read per store call (and edges per batch). Default 10,000. */
  batchSize?: number;
  /** Called after every batch; units are persons + friendships + transactions read. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Reads the whole population into an image (`snapshotOfImage` turns it into the kernels'
 * snapshot). Persons (with their events), friendships and
 * transactions are read in three lanes at once, so the database and the scoring of the last
 * batch overlap; each lane keeps its own order, so the image is the same on every read.
 */
export async function readSnapshotImage(store: SnapshotPorts, model: Model, asOf: string, options: SnapshotOptions = {}): Promise<SnapshotImage> {
  return (await readPopulation(store, model, asOf, options, false)).image;
}

/**
 * `readSnapshotImage`, and every person's own part (dimensions and own reason codes) by seq, so
 * that SCORE merges them with the network values without reading the records again.
 */
export async function readSnapshotImageWithParts(
  store: SnapshotPorts,
  model: Model,
  asOf: string,
  options: SnapshotOptions = {},
): Promise<{ image: SnapshotImage; ownParts: OwnPartsTable }> {
  const { image, ownParts } = await readPopulation(store, model, asOf, options, true);
  return { image, ownParts: ownParts! };
}

async function readPopulation(
  store: SnapshotPorts,
  model: Model,
  asOf: string,
  options: SnapshotOptions,
  withParts: boolean,
): Promise<{ image: SnapshotImage; ownParts?: OwnPartsTable }> {
  const batchSize = options.batchSize ?? 10_000;
  const asOfDay = dayNumber(asOf);
  const [n, counts] = await Promise.all([store.seqBound(), store.counts()]);
  const totalUnits = n + counts.friendships + counts.transactions;
  let done = 0;
  const progress = (units: number) => options.onProgress?.((done += units), totalUnits);
  progress(0); // the bar shows (and its clock starts) while the first batch is read
  const ids: (string | undefined)[] = new Array(n).fill(undefined);
  const own = new Float64Array(n);
  const verified = new Uint8Array(n);
  const accountAgeDays = new Float64Array(n);
  const ownParts = withParts ? OwnPartsTable.empty(model, n) : undefined;

  const readPersons = async () => {
    const fetchBatch = (from: number) => store.personsWithEventsInSeqRange(from, Math.min(n, from + batchSize));
    // PERSON_READS_AHEAD batches are read while one is scored: the database then works on two
    // cores once the edge lanes are done, instead of one.
    const ahead: Promise<PersonWithEvents[]>[] = [];
    let nextFrom = 0;
    const fill = () => {
      for (; ahead.length < PERSON_READS_AHEAD && nextFrom < n; nextFrom += batchSize) ahead.push(fetchBatch(nextFrom));
    };
    fill();
    for (let from = 0; ahead.length > 0; from += batchSize) {
      const batch = await ahead.shift()!;
      fill();
      for (const { person, events } of batch) {
        const { entry, dimensions } = imagePerson(person, events, asOf, asOfDay, model);
        ownParts?.set(entry.seq, ownPartOf(dimensions, model));
        ids[entry.seq] = entry.id;
        own[entry.seq] = entry.own;
        verified[entry.seq] = entry.verified ? 1 : 0;
        accountAgeDays[entry.seq] = entry.accountAgeDays;
      }
      progress(Math.min(n, from + batchSize) - from);
    }
  };
  const friends = new LinkCollector(n, model, asOfDay, counts.friendships);
  const paid = new LinkCollector(n, model, asOfDay, counts.transactions);
  const edges = { friendships: 0, transactions: 0 };
  const readFriendships = async () => {
    for await (const batch of store.friendshipBatches(batchSize)) {
      friends.addFriendships(batch);
      edges.friendships += batch.a.length;
      progress(batch.a.length);
    }
  };
  const readTransactions = async () => {
    for await (const batch of store.transactionBatches(batchSize)) {
      paid.addTransactions(batch);
      edges.transactions += batch.from.length;
      progress(batch.from.length);
    }
  };
  await Promise.all([readPersons(), readFriendships(), readTransactions()]);
  const image = { asOf, modelVersion: model.version, ids, own, verified, accountAgeDays, contacts: nominalCsr(n, concatLinks(friends.links(), paid.links())), edges };
  return ownParts ? { image, ownParts } : { image };
}

function concatLinks(...parts: LinkColumns<Int32Array, Float64Array>[]): LinkColumns<Int32Array, Float64Array> {
  const size = parts.reduce((sum, part) => sum + part.a.length, 0);
  const joined = { a: new Int32Array(size), b: new Int32Array(size), w: new Float64Array(size) };
  let at = 0;
  for (const part of parts) {
    joined.a.set(part.a, at);
    joined.b.set(part.b, at);
    joined.w.set(part.w, at);
    at += part.a.length;
  }
  return joined;
}

/**
 * The image brought up to date: the dirty persons (whose record, events or edges changed since
 * the image was read) are read again with their events, and those whose links may have changed
 * (`linkSeqs`) with every edge touching them; the rest of the image stands. Equal to
 * `readSnapshotImage` at the image's as-of date, up to link order.
 * When the image holds everyone's own parts (in memory), so does the refreshed one, with the
 * dirty persons' scored afresh.
 */
export async function refreshSnapshotImage(store: SnapshotPorts, model: Model, image: SnapshotImage, dirtySet: DirtySeqs): Promise<SnapshotImage> {
  if (image.modelVersion !== model.version) {
    throw new Error(`snapshot: the image was computed with model ${image.modelVersion}, not ${model.version}`);
  }
  const asOfDay = dayNumber(image.asOf);
  const { seqs: dirty, linkSeqs } = dirtySet;
  // The edges of the persons whose links may have changed; the others' events alone changed.
  const [seqBound, counts, records, friendships, transactions] = await Promise.all([
    store.seqBound(),
    store.counts(),
    store.personsWithEventsAtSeqs(dirty),
    linkSeqs.length > 0 ? store.friendshipsTouchingSeqs(linkSeqs) : [],
    linkSeqs.length > 0 ? store.transactionsTouchingSeqs(linkSeqs) : [],
  ]);
  const links = new LinkCollector(seqBound, model, asOfDay, friendships.length + transactions.length);
  links.addFriendships(edgeColumns.friendships(friendships));
  links.addTransactions(edgeColumns.transactions(transactions));
  const refreshed = records.map(({ person, events }) => imagePerson(person, events, image.asOf, asOfDay, model));
  const patched = patchImage(image, {
    seqBound,
    dirty,
    linkSeqs,
    persons: refreshed.map((person) => person.entry),
    links: links.links(),
    edges: { friendships: counts.friendships, transactions: counts.transactions },
  });
  if (!image.ownParts) return patched;
  const ownParts = image.ownParts.patched(patched.ids.length, dirty);
  for (const { entry, dimensions } of refreshed) ownParts.set(entry.seq, ownPartOf(dimensions, model));
  return { ...patched, ownParts };
}

function imagePerson(
  person: StoredPerson,
  events: readonly CreditEvent[] | undefined,
  asOf: string,
  asOfDay: number,
  model: Model,
): { entry: ImagePerson; dimensions: OwnDimensions } {
  const dimensions = scoreOwnDimensions({ person, events: events ?? NO_EVENTS, asOf, model });
  return {
    entry: {
      seq: person.seq,
      id: person.id,
      own: dimensions.own,
      // Trust must be earned: an unknown identity check counts as not verified (the Sybil bound
      // holds for such contacts); an unknown opening date is not taken for a new account, so
      // the account-age damping applies only to accounts known to be new.
      verified: person.verified === true,
      accountAgeDays: person.accountCreated === undefined ? model.network.newAccountDays : asOfDay - dayNumber(person.accountCreated),
    },
    dimensions,
  };
}

/** Store edge columns → links with nominal weights at the as-of date (graph's link staging). */
class LinkCollector {
  private readonly staging: LinkStaging;

  constructor(
    nodeCount: number,
    model: Model,
    private readonly asOfDay: number,
    capacity: number,
  ) {
    this.staging = new LinkStaging(nodeCount, { params: model.network, initialCapacity: capacity });
  }

  addFriendships(columns: FriendshipColumns): void {
    this.staging.addFriends({ a: columns.a, b: columns.b, sinceDays: this.daysBefore(columns.sinceDay), interactions: columns.interactions });
  }

  addTransactions(columns: TransactionColumns): void {
    const { from, to, count, amount } = columns;
    this.staging.addPaids({ from, to, count, amount, lastAtDays: this.daysBefore(columns.lastAtDay) });
  }

  private daysBefore(days: Int32Array): Float64Array {
    const before = new Float64Array(days.length);
    for (let k = 0; k < days.length; k++) before[k] = this.asOfDay - days[k]!;
    return before;
  }

  links(): LinkColumns<Int32Array, Float64Array> {
    return this.staging.links();
  }
}

const NO_EVENTS: readonly CreditEvent[] = Object.freeze([]);

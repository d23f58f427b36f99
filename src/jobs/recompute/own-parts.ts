/**
 * The own parts of a run's persons by seq (src/score/own-part.ts), computed by SNAPSHOT and read
 * by SCORE instead of reading and scoring every person's records a second time. Fixed-size
 * little-endian records, so a chunk job on another worker reads exactly its seq range from Redis
 * (GETRANGE), as it reads its network values:
 *
 *     [0, 32)   history, behaviour, capacity, identity   float64 × 4 (history NaN: no person)
 *     [32, 64)  costs of the own reason codes            float64 × 4
 *     [64, 72)  their features, as indexes into the model's features, + 0x8000 when the value
 *               was unknown (the "No information on …" reason); 0xffff: none          uint16 × 4
 *
 * 72 bytes a person: 7.2 MB for 100k persons, 72 MB for 1M. An incremental run in the same
 * process patches them without a copy (`PatchedOwnParts`).
 */
import { MAX_REASON_CODES, missingReasonOf, PERSONAL_DIMENSIONS, SCORE_SPAN, type Model, type OwnPart, type PersonalDimension, type ReasonCode } from '../../score/index.js';

export const OWN_PART_BYTES = 72;
const NONE = 0xffff;
const MISSING = 0x8000;

interface FeatureEntry {
  code: string;
  reason: string;
  missingReason: string;
  dimension: PersonalDimension;
}

/** The model's features in one list (dimensions in order), and each code's index in it. */
function featureIndex(model: Model): { entries: FeatureEntry[]; byCode: Map<string, number> } {
  const entries = PERSONAL_DIMENSIONS.flatMap((dimension) =>
    model.features[dimension].map((f) => ({ code: f.code, reason: f.reason, missingReason: missingReasonOf(f), dimension })),
  );
  if (entries.length >= MISSING) throw new Error('own-parts: the model has too many features');
  return { entries, byCode: new Map(entries.map((entry, k) => [entry.code, k])) };
}

export class OwnPartsTable {
  private readonly features: ReturnType<typeof featureIndex>;

  /**
   * @param bytes records of seqs [fromSeq, fromSeq + bytes.length / 72)
   * @example
   * const table = OwnPartsTable.empty(model, n); table.set(seq, part); table.get(seq); // part
   */
  constructor(
    private readonly model: Model,
    readonly bytes: Buffer,
    readonly fromSeq = 0,
  ) {
    if (bytes.length % OWN_PART_BYTES !== 0) throw new Error(`own-parts: ${bytes.length} bytes are not whole records`);
    this.features = featureIndex(model);
  }

  /** A table of n seqs with nobody in it. */
  static empty(model: Model, n: number): OwnPartsTable {
    const table = new OwnPartsTable(model, Buffer.alloc(n * OWN_PART_BYTES));
    for (let seq = 0; seq < n; seq++) table.bytes.writeDoubleLE(NaN, seq * OWN_PART_BYTES);
    return table;
  }

  /**
   * This whole table (fromSeq 0) grown to `n` seqs, with nobody at the seqs `emptied`, as the
   * base of a patched image's own parts (`PatchedOwnParts`): nothing is copied, and this table
   * must not change afterwards.
   */
  patched(n: number, emptied: readonly number[]): PatchedOwnParts {
    if (this.fromSeq !== 0) throw new Error('own-parts: only a whole table is patched');
    return new PatchedOwnParts(this, Math.max(n, this.toSeq), new Map(emptied.map((seq) => [seq, undefined])));
  }

  /** Seqs covered: [fromSeq, toSeq). */
  get toSeq(): number {
    return this.fromSeq + this.bytes.length / OWN_PART_BYTES;
  }

  set(seq: number, part: OwnPart): void {
    const at = this.offset(seq);
    if (at === undefined) throw new RangeError(`own-parts: seq ${seq} is outside [${this.fromSeq}, ${this.toSeq})`);
    const bytes = this.bytes;
    PERSONAL_DIMENSIONS.forEach((dimension, k) => bytes.writeDoubleLE(part.dimensions[dimension], at + 8 * k));
    for (let k = 0; k < MAX_REASON_CODES; k++) {
      const reason = part.reasons[k];
      const feature = reason === undefined ? NONE : this.features.byCode.get(reason.code);
      if (feature === undefined) throw new Error(`own-parts: ${reason!.code} is not a feature of model ${this.model.version}`);
      const entry = this.features.entries[feature];
      const missing = entry !== undefined && reason!.reason !== entry.reason && reason!.reason === entry.missingReason;
      bytes.writeDoubleLE(reason?.cost ?? 0, at + 32 + 8 * k);
      bytes.writeUInt16LE(missing ? feature | MISSING : feature, at + 64 + 2 * k);
    }
  }

  /** The own part of `seq`; undefined when the table does not cover it or holds nobody there. */
  get(seq: number): OwnPart | undefined {
    const at = this.offset(seq);
    if (at === undefined) return undefined;
    const bytes = this.bytes;
    const history = bytes.readDoubleLE(at);
    if (Number.isNaN(history)) return undefined;
    const reasons: ReasonCode[] = [];
    for (let k = 0; k < MAX_REASON_CODES; k++) {
      const stored = bytes.readUInt16LE(at + 64 + 2 * k);
      if (stored === NONE) break;
      const entry = this.features.entries[stored & ~MISSING]!;
      const cost = bytes.readDoubleLE(at + 32 + 8 * k);
      const reason = stored & MISSING ? entry.missingReason : entry.reason;
      reasons.push({ code: entry.code, reason, dimension: entry.dimension, cost, pointsLost: SCORE_SPAN * cost });
    }
    return {
      dimensions: { history, behaviour: bytes.readDoubleLE(at + 8), capacity: bytes.readDoubleLE(at + 16), identity: bytes.readDoubleLE(at + 24) },
      reasons,
    };
  }

  private offset(seq: number): number | undefined {
    if (!(seq >= this.fromSeq && seq < this.toSeq)) return undefined;
    return (seq - this.fromSeq) * OWN_PART_BYTES;
  }
}

/** Everyone's own parts as a run holds them: a whole table, or one patched by incremental runs. */
export type OwnParts = OwnPartsTable | PatchedOwnParts;

/**
 * A whole table with the own parts of the persons patched since on top, kept as they are: an
 * incremental run patches its base run's own parts in O(changed persons), where a copy of the
 * table took 0.27 s at 1M (72 MB into fresh memory, profiled). Patched again along a lineage, the
 * parts on top pile up (at most `maxLineage` runs' dirty persons); the table below is shared by
 * every run of the lineage and never changed.
 */
export class PatchedOwnParts {
  /** @param over the parts set since the table was read, by seq; undefined: nobody there. */
  constructor(
    private readonly table: OwnPartsTable,
    readonly toSeq: number,
    private readonly over: Map<number, OwnPart | undefined>,
  ) {}

  /** Persons patched on top of the table so far. */
  get patchedPersons(): number {
    return this.over.size;
  }

  get(seq: number): OwnPart | undefined {
    if (this.over.has(seq)) return this.over.get(seq);
    return seq < this.toSeq ? this.table.get(seq) : undefined;
  }

  set(seq: number, part: OwnPart): void {
    if (!(Number.isInteger(seq) && seq >= 0 && seq < this.toSeq)) throw new RangeError(`own-parts: seq ${seq} is outside [0, ${this.toSeq})`);
    this.over.set(seq, part);
  }

  /** These parts grown to `n` seqs with nobody at `emptied`; this object is not changed. */
  patched(n: number, emptied: readonly number[]): PatchedOwnParts {
    const over = new Map(this.over);
    for (const seq of emptied) over.set(seq, undefined);
    return new PatchedOwnParts(this.table, Math.max(n, this.toSeq), over);
  }
}

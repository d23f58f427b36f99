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
 * 72 bytes a person: 7.2 MB for 100k persons, 72 MB for 1M.
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
   * A copy of a whole table (fromSeq 0) grown to `n` seqs, with nobody at the seqs `emptied`:
   * a patched image's table before its refreshed persons are set.
   */
  patchedCopy(n: number, emptied: readonly number[]): OwnPartsTable {
    if (this.fromSeq !== 0) throw new Error('own-parts: only a whole table is patched');
    const table = new OwnPartsTable(this.model, Buffer.allocUnsafe(Math.max(n, this.toSeq) * OWN_PART_BYTES));
    this.bytes.copy(table.bytes);
    for (let seq = this.toSeq; seq < table.toSeq; seq++) table.bytes.writeDoubleLE(NaN, seq * OWN_PART_BYTES);
    for (const seq of emptied) if (seq >= 0 && seq < table.toSeq) table.bytes.writeDoubleLE(NaN, seq * OWN_PART_BYTES);
    return table;
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

/**
 * The store ports each recompute step uses (docs/design.md, "The batch pipeline"): a step's
 * type says what it reads and writes, and the runners need only the union, not the whole
 * `Store` (no privacy, safeguard or report records).
 */
import type { EdgePort, EventPort, PersonPort, RunPort, ScorePort } from '../../store/store.js';

/** SNAPSHOT: persons with their events, the contacts, the seq bound and the dirty set. */
export type SnapshotPorts = PersonPort & EventPort & EdgePort;

/** SCORE: a chunk's persons and events, read by seq, and the scores written. */
export type ScoreChunkPorts = PersonPort & EventPort & ScorePort;

/** The run record through the steps: created, completed, published or failed, old runs pruned. */
export type RunRecordPorts = RunPort;

/** Everything a recompute runner hands its steps. */
export type RecomputePorts = SnapshotPorts & ScoreChunkPorts & RunRecordPorts;

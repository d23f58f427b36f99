/**
 * Run artifacts in Redis: the network values a run's PROPAGATE step computed and the own parts
 * and person ids its SNAPSHOT read, read back slice by slice by the SCORE chunk jobs on any
 * worker. Values are stored as fixed-size little-endian records so a chunk reads exactly its
 * range (GETRANGE), ids as one hash field per block of seqs; all are kept for a week so a
 * resumed run finds them.
 */
import type { Redis } from 'ioredis';
import { OWN_PART_BYTES, OwnPartsTable } from '../recompute/own-parts.js';
import type { SnapshotIds } from '../recompute/score-chunk.js';
import type { Model } from '../../score/index.js';
import { piecewiseCommand } from './piecewise-command.js';

const TTL_SECONDS = 7 * 24 * 3600;

export interface NetworkArtifact {
  /** The network dimension by seq. */
  network: Float64Array;
  /** The dimension of a person without contacts (NetworkResult.prior). */
  prior: number;
}

const key = (prefix: string, runId: string, name: string) => `${prefix}:artifact:${runId}:${name}`;

export async function saveNetworkArtifact(redis: Redis, prefix: string, runId: string, artifact: NetworkArtifact): Promise<void> {
  const bytes = Buffer.from(artifact.network.buffer, artifact.network.byteOffset, artifact.network.byteLength);
  await redis
    .multi()
    .set(key(prefix, runId, 'network'), bytes, 'EX', TTL_SECONDS)
    .set(key(prefix, runId, 'meta'), JSON.stringify({ prior: artifact.prior, persons: artifact.network.length }), 'EX', TTL_SECONDS)
    .exec();
}

/** The network values of seqs [fromSeq, toSeq), or undefined when the artifact is gone. */
export async function loadNetworkSlice(
  redis: Redis,
  prefix: string,
  runId: string,
  fromSeq: number,
  toSeq: number,
): Promise<{ values: Float64Array; prior: number } | undefined> {
  const meta = await redis.get(key(prefix, runId, 'meta'));
  if (meta === null) return undefined;
  const { prior, persons } = JSON.parse(meta) as { prior?: number; persons: number };
  if (typeof prior !== 'number') return undefined; // written by an older version: redo the run's network
  const to = Math.min(toSeq, persons);
  if (to <= fromSeq) return { values: new Float64Array(0), prior };
  const bytes = await redis.getrangeBuffer(key(prefix, runId, 'network'), fromSeq * 8, to * 8 - 1);
  if (bytes.length !== (to - fromSeq) * 8) return undefined;
  const values = new Float64Array(to - fromSeq);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readDoubleLE(i * 8);
  return { values, prior };
}

/**
 * A full run's own parts by seq (own-parts.ts), for its chunks: 72 MB at 1M persons, sent from
 * the table's own buffer (piecewise-command.ts) rather than copied into a command first.
 */
export async function saveOwnParts(redis: Redis, prefix: string, runId: string, table: OwnPartsTable): Promise<void> {
  await redis.sendCommand(piecewiseCommand('set', [key(prefix, runId, 'own-parts'), [table.bytes], 'EX', TTL_SECONDS]));
}

/** The own parts of seqs [fromSeq, toSeq) as far as the artifact covers them; undefined when it is gone. */
export async function loadOwnPartsSlice(redis: Redis, prefix: string, runId: string, model: Model, fromSeq: number, toSeq: number): Promise<OwnPartsTable | undefined> {
  if (toSeq <= fromSeq) return undefined;
  const bytes = await redis.getrangeBuffer(key(prefix, runId, 'own-parts'), fromSeq * OWN_PART_BYTES, toSeq * OWN_PART_BYTES - 1);
  // Empty when the key is gone (or the range lies past its end); short at the population's end.
  if (bytes.length === 0 || bytes.length % OWN_PART_BYTES !== 0) return undefined;
  return new OwnPartsTable(model, bytes, fromSeq);
}

/**
 * A full run's person ids by seq as its SNAPSHOT read them: one hash field per block of
 * `blockSize` seqs (the run's chunk size, so a chunk reads one field), the ids joined by newlines
 * (an unused seq is an empty line; an id is never empty and holds no control character, so no
 * line break: row-schemas.ts, `externalId`), and the number of seqs covered.
 */
export async function saveSnapshotIds(redis: Redis, prefix: string, runId: string, ids: readonly (string | undefined)[], blockSize: number): Promise<void> {
  const fields: Record<string, string> = { seqs: String(ids.length), blockSize: String(blockSize) };
  const line = (id: string | undefined) => {
    if (id === '' || id?.includes('\n')) throw new Error(`snapshot ids: the id ${JSON.stringify(id)} cannot be stored one per line`);
    return id ?? '';
  };
  for (let from = 0; from < ids.length; from += blockSize) fields[`b${from / blockSize}`] = ids.slice(from, from + blockSize).map(line).join('\n');
  await redis.multi().hset(key(prefix, runId, 'ids'), fields).expire(key(prefix, runId, 'ids'), TTL_SECONDS).exec();
}

/** The snapshot's ids of seqs [fromSeq, toSeq) as far as it covers them; undefined when the artifact is gone. */
export async function loadSnapshotIdsSlice(redis: Redis, prefix: string, runId: string, fromSeq: number, toSeq: number): Promise<SnapshotIds | undefined> {
  const [seqs, size] = (await redis.hmget(key(prefix, runId, 'ids'), 'seqs', 'blockSize')).map(Number);
  if (!(seqs! >= 0 && size! > 0)) return undefined;
  const to = Math.min(toSeq, seqs!);
  const ids = new Map<number, string>();
  const blocks: number[] = [];
  for (let block = Math.floor(fromSeq / size!); block * size! < to; block++) blocks.push(block);
  const texts = blocks.length > 0 ? await redis.hmget(key(prefix, runId, 'ids'), ...blocks.map((block) => `b${block}`)) : [];
  for (const [k, text] of texts.entries()) {
    if (text === null) return undefined;
    text.split('\n').forEach((id, offset) => {
      const seq = blocks[k]! * size! + offset;
      if (id !== '' && seq >= fromSeq && seq < to) ids.set(seq, id);
    });
  }
  return { toSeq: Math.max(fromSeq, to), get: (seq) => ids.get(seq) };
}

export async function hasNetworkArtifact(redis: Redis, prefix: string, runId: string): Promise<boolean> {
  return (await redis.exists(key(prefix, runId, 'meta'), key(prefix, runId, 'network'))) === 2;
}

/** The seqs an incremental run rescores (ascending), for its SCORE step. */
export async function saveTargets(redis: Redis, prefix: string, runId: string, targets: readonly number[]): Promise<void> {
  const bytes = Buffer.from(Int32Array.from(targets).buffer);
  await redis.set(key(prefix, runId, 'targets'), bytes, 'EX', TTL_SECONDS);
}

export async function loadTargets(redis: Redis, prefix: string, runId: string): Promise<number[] | undefined> {
  const bytes = await redis.getBuffer(key(prefix, runId, 'targets'));
  if (bytes === null) return undefined;
  const targets: number[] = [];
  for (let offset = 0; offset < bytes.length; offset += 4) targets.push(bytes.readInt32LE(offset));
  return targets;
}

export async function deleteArtifacts(redis: Redis, prefix: string, runId: string): Promise<void> {
  await redis.del(...['network', 'meta', 'targets', 'own-parts', 'ids'].map((name) => key(prefix, runId, name)));
}

/**
 * Run artifacts in Redis: the network values a run's PROPAGATE step computed, read back slice by
 * slice by the SCORE chunk jobs on any worker. Stored as little-endian float64 so a chunk reads
 * exactly its range (GETRANGE), and kept for a week so a resumed run finds them.
 */
import type { Redis } from 'ioredis';

const TTL_SECONDS = 7 * 24 * 3600;

export interface NetworkArtifact {
  /** n_i by seq. */
  network: Float64Array;
  mu: number;
}

const key = (prefix: string, runId: string, name: string) => `${prefix}:artifact:${runId}:${name}`;

export async function saveNetworkArtifact(redis: Redis, prefix: string, runId: string, artifact: NetworkArtifact): Promise<void> {
  const bytes = Buffer.from(artifact.network.buffer, artifact.network.byteOffset, artifact.network.byteLength);
  await redis
    .multi()
    .set(key(prefix, runId, 'network'), bytes, 'EX', TTL_SECONDS)
    .set(key(prefix, runId, 'meta'), JSON.stringify({ mu: artifact.mu, persons: artifact.network.length }), 'EX', TTL_SECONDS)
    .exec();
}

/** The network values of seqs [fromSeq, toSeq), or undefined when the artifact is gone. */
export async function loadNetworkSlice(
  redis: Redis,
  prefix: string,
  runId: string,
  fromSeq: number,
  toSeq: number,
): Promise<{ values: Float64Array; mu: number } | undefined> {
  const meta = await redis.get(key(prefix, runId, 'meta'));
  if (meta === null) return undefined;
  const { mu, persons } = JSON.parse(meta) as { mu: number; persons: number };
  const to = Math.min(toSeq, persons);
  if (to <= fromSeq) return { values: new Float64Array(0), mu };
  const bytes = await redis.getrangeBuffer(key(prefix, runId, 'network'), fromSeq * 8, to * 8 - 1);
  if (bytes.length !== (to - fromSeq) * 8) return undefined;
  const values = new Float64Array(to - fromSeq);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readDoubleLE(i * 8);
  return { values, mu };
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
  await redis.del(key(prefix, runId, 'network'), key(prefix, runId, 'meta'), key(prefix, runId, 'targets'));
}

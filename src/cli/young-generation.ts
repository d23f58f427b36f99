/**
 * The young generation a worker should run with, and whether this process was started with it.
 * Most of what a SCORE chunk allocates is still alive at the next scavenge (its entries wait for
 * their transaction), and V8's default semispaces of 16 MB copy it again at every one: a full
 * run's SCORE at 1M persons took 16.8 s with 64 MB against 22.1 s (BENCHMARKS.md, "A young
 * generation of 64 MB for the workers"). Node reads the flag only at start, so the worker can
 * only say so; the API is better off without it (its p99 rose).
 */
export const WORKER_SEMI_SPACE_MB = 64;

/** The hint a worker logs when it was started without the flag; undefined when it has one. */
export function youngGenerationHint(execArgv: readonly string[], nodeOptions: string | undefined): string | undefined {
  const flags = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  if (flags.some((flag) => /^--max[-_]semi[-_]space[-_]size(=|$)/.test(flag))) return undefined;
  return `V8's young generation is at its default; start workers with NODE_OPTIONS=--max-semi-space-size=${WORKER_SEMI_SPACE_MB} for a faster SCORE (README, "Production with Docker Compose")`;
}

/** Shared by the HTTP benchmarks: latency samples summarised. */

/** Requests per second and latency percentiles (ms) of one measurement. */
export interface Measured {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
}

export function roundTo(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

/** Summarises the latencies (ms) of the requests answered during `seconds` (sorts them in place). */
export function measured(latencies: number[], seconds: number): Measured {
  const sorted = latencies.sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { requestsPerSecond: roundTo(sorted.length / seconds, 1), p50: roundTo(at(0.5), 2), p95: roundTo(at(0.95), 2), p99: roundTo(at(0.99), 2), requests: sorted.length };
}


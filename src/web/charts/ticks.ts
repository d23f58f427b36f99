/**
 * "Nice" axis ticks (pure, unit-tested): steps of 1, 2 or 5 times a power of ten, so a count
 * axis reads 0, 100, 200, … rather than 0 and 719.
 */

/**
 * The tick values from 0 (or the nice value at or below `from`) up to the first nice value at
 * or above `max`, about `count` of them, at least `minStep` apart (1 for counts of persons).
 *
 * @example
 * niceTicks(719, 5); // [0, 200, 400, 600, 800]
 */
export function niceTicks(max: number, count = 5, from = 0, minStep = 0): number[] {
  const span = Math.max(max - from, 1);
  const rough = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(minStep, [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power);
  const ticks: number[] = [];
  const start = Math.floor(from / step) * step;
  for (let value = start; value < max + step; value += step) {
    ticks.push(Number(value.toPrecision(12)));
    if (value >= max) break;
  }
  return ticks;
}

/** Numbers leave the service rounded for people: no float noise in CLI output (issue 17). */
import { describe, expect, it } from 'vitest';
import { displayReasonCodes, jsonForPeople, roundPoints, roundShare, withoutFloatNoise } from '../../../src/domain/display-numbers.js';
import { startCli } from '../../support/cli-process.js';

const FLOAT_NOISE = /\d\.\d*?(?:0{6,}|9{6,})\d/;

describe('numbers for people', () => {
  it('rounds points to 0.1 and shares to 3 places, without −0', () => {
    expect(roundPoints(64.80000000000001)).toBe(64.8);
    expect(roundPoints(0.1 + 0.2)).toBe(0.3);
    expect(Object.is(roundPoints(-0.04), 0)).toBe(true);
    expect(roundShare(0.49372)).toBe(0.494);
    expect(displayReasonCodes([{ code: 'B_BILLS', reason: 'r', pointsLost: 64.80000000000001, cost: 0.108 } as never])).toEqual([{ code: 'B_BILLS', reason: 'r', pointsLost: 64.8 }]);
  });

  it('strips binary noise from JSON and keeps every meaningful digit', () => {
    expect(jsonForPeople({ a: 0.1 + 0.2, b: 64.80000000000001, c: 0.123456789, d: 7, e: 'x' })).toBe('{"a":0.3,"b":64.8,"c":0.123456789,"d":7,"e":"x"}');
    expect(withoutFloatNoise('', Infinity)).toBe(Infinity);
  });

  it('tiescore demo prints no float noise, as text or as JSON', async () => {
    for (const args of [['demo', '--no-serve', '--persons', '300', '--json'], ['demo', '--no-serve', '--persons', '300'], ['model', 'show', '--json']]) {
      const run = startCli(args);
      expect(await run.exited, args.join(' ')).toBe(0);
      expect(run.stdout().length).toBeGreaterThan(100);
      expect(run.stdout().match(FLOAT_NOISE)?.[0] ?? null, args.join(' ')).toBeNull();
    }
  }, 60_000);
});

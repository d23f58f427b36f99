import { describe, expect, it } from 'vitest';
import { historyMeasures, scoreHistory } from '../../../../src/score/dimensions/history.js';
import { AS_OF, daysBefore, defaultModel, event } from '../fixtures.js';

const model = defaultModel;
const measures = (events: Parameters<typeof historyMeasures>[0], m = model) => historyMeasures(events, AS_OF, m).values;

describe('history measures', () => {
  it('are all 0 without events (a thin file)', () => {
    expect(measures([])).toEqual({ decayedDefaults: 0, lateShare: 0, onTimeMonths: 0, activeBlacklist: 0 });
  });

  it('decay an event by 0.5^(age in months / 24)', () => {
    // 730 days = 23.984 months of 30.4375 days
    expect(measures([event('p1', 'defaulted', daysBefore(730))]).decayedDefaults).toBeCloseTo(0.5 ** (730 / 30.4375 / 24), 12);
    expect(measures([event('p1', 'defaulted', daysBefore(730))]).decayedDefaults).toBeCloseTo(0.5, 3);
    expect(measures([event('p1', 'defaulted', AS_OF)]).decayedDefaults).toBe(1);
  });

  it('weigh late repayments against on-time ones after decay', () => {
    const values = measures([
      event('p1', 'repaid_late', AS_OF), // weight 1
      event('p1', 'repaid_on_time', AS_OF), // weight 1
      event('p1', 'repaid_on_time', daysBefore(1461)), // 48 months: weight 1/4
    ]);
    expect(values.lateShare).toBeCloseTo(1 / 2.25, 12);
    expect(values.onTimeMonths).toBe(48);
  });

  it('ignore events older than the retention window (7 years = 2556.75 days)', () => {
    expect(measures([event('p1', 'defaulted', daysBefore(2556))]).decayedDefaults).toBeGreaterThan(0);
    expect(measures([event('p1', 'defaulted', daysBefore(2557))]).decayedDefaults).toBe(0);
  });

  it('ignore events after the scoring date', () => {
    expect(measures([event('p1', 'defaulted', daysBefore(-1))]).decayedDefaults).toBe(0);
  });

  it('ignore removed events; leave out disputed ones under "exclude", count them under "flag"', () => {
    const removed = event('p1', 'defaulted', AS_OF, { status: 'removed' });
    const disputed = event('p1', 'defaulted', AS_OF, { status: 'disputed' });
    expect(measures([removed, disputed]).decayedDefaults).toBe(0);
    const flag = { ...model, disputedEvents: 'flag' as const };
    expect(measures([removed, disputed], flag).decayedDefaults).toBe(1);
    expect(scoreHistory([removed, disputed], AS_OF, flag).disputed).toEqual({ policy: 'flag', eventIds: [disputed.id] });
    expect(scoreHistory([removed, disputed], AS_OF, model).disputed).toEqual({ policy: 'exclude', eventIds: [disputed.id] });
  });

  it('see a court listing as active from its start until (not including) its end', () => {
    const listed = (at: string, until?: string) => measures([event('p1', 'blacklisted', at, { until })]).activeBlacklist;
    expect(listed(daysBefore(100))).toBe(1);
    expect(listed(AS_OF)).toBe(1);
    expect(listed(daysBefore(100), daysBefore(-1))).toBe(1);
    expect(listed(daysBefore(100), AS_OF)).toBe(0);
    expect(listed(daysBefore(-5))).toBe(0);
  });
});

describe('scoreHistory', () => {
  it('gives a spotless long record full marks', () => {
    // 2450 days = 80.5 months of on-time record → bin > 78 → 100 of 100; nothing else costs points
    const result = scoreHistory([event('p1', 'repaid_on_time', daysBefore(2450))], AS_OF, model);
    expect(result.value).toBe(1);
  });

  it('scores a recent default, a late payment and an active listing (5 of 320 points)', () => {
    const result = scoreHistory(
      [
        event('p1', 'defaulted', daysBefore(365)), // 0.707 → bin (0.5, 1] → 5
        event('p1', 'repaid_late', daysBefore(200)), // late share 1 → 0
        event('p1', 'blacklisted', daysBefore(30)), // active → 0
      ],
      AS_OF,
      model,
    );
    expect(result.features.map((f) => [f.code, f.points])).toEqual([
      ['H_DEFAULTS', 5],
      ['H_LATE_SHARE', 0],
      ['H_TRACK_RECORD', 0],
      ['H_BLACKLIST', 0],
    ]);
    expect(result.value).toBe(5 / 320);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NETWORK_PARAMS } from '../../../src/graph/network-params.js';
import { MEASURES, PERSONAL_DIMENSIONS, measuresOf } from '../../../src/score/measures.js';
import { labelOf, loadModel, maxPointsOf, minPointsOf, missingPointsOf, ModelError, parseModel, referencePointsOf } from '../../../src/score/model.js';
import { tempDirs } from '../../support/temp-dirs.js';
import { defaultModelJson } from './fixtures.js';

const scratchDir = tempDirs('tiescore-model-');

/** The message parseModel throws for the default model changed by `edit`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits reach into arbitrary JSON
function errorOf(edit: (json: any) => void): string {
  const json = defaultModelJson();
  edit(json);
  try {
    parseModel(json);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return (error as ModelError).message;
  }
  throw new Error('the model was accepted');
}

describe('loadModel', () => {
  it('reads models/default.json when no path is given', async () => {
    const model = await loadModel();
    expect(model.version).toBe('default-2026.12a');
    expect(model.weights).toEqual({ history: 0.315, behaviour: 0.225, capacity: 0.18, identity: 0.135, network: 0.145 });
    expect(model.history).toEqual({ halfLifeMonths: 24, retentionYears: 7 });
    expect(model.disputedEvents).toBe('exclude');
    expect(model.networkReason.code).toBe('N_NETWORK');
  });

  it('has a network section equal to the graph kernels\u2019 defaults but for α (0.2 since 2026.11c: see the model card)', async () => {
    expect((await loadModel()).network).toEqual({ ...DEFAULT_NETWORK_PARAMS, alpha: 0.2 });
  });

  it('scores every measure in the default model, address changes with 0 points', async () => {
    const model = await loadModel();
    for (const dimension of PERSONAL_DIMENSIONS) {
      expect(model.features[dimension].map((f) => f.measure)).toEqual(measuresOf(dimension));
    }
    const address = model.features.identity.find((f) => f.measure === 'addressChanges');
    expect(address?.code).toBe('I_ADDRESS_CHANGES');
    expect(address && maxPointsOf(address)).toBe(0);
    expect(Object.keys(MEASURES)).toHaveLength(11);
  });

  it('names the file and the field of an invalid model', async () => {
    const dir = scratchDir();
    const file = join(dir, 'bad.json');
    const json = defaultModelJson() as { history: { halfLifeMonths: number } };
    json.history.halfLifeMonths = -3;
    writeFileSync(file, JSON.stringify(json));
    await expect(loadModel(file)).rejects.toThrow(`${file}: history.halfLifeMonths: Too small: expected number to be >0`);
  });

  it('reports a missing file and bad JSON in one line', async () => {
    const dir = scratchDir();
    await expect(loadModel(join(dir, 'none.json'))).rejects.toThrow(/none\.json: cannot read the model file \(ENOENT\)$/);
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "version": ');
    await expect(loadModel(file)).rejects.toThrow(new RegExp(`^${file}: not valid JSON \\(`));
    await expect(loadModel(file)).rejects.toBeInstanceOf(ModelError);
  });
});

describe('parseModel', () => {
  it('accepts JSON text as well as a parsed value', () => {
    expect(parseModel(JSON.stringify(defaultModelJson())).version).toBe('default-2026.12a');
  });

  it('defaults notes, the disputed-events policy and the network reason', () => {
    const json = defaultModelJson();
    delete json.notes;
    delete json.disputedEvents;
    delete json.networkReason;
    const model = parseModel(json);
    expect(model.notes).toBe('');
    expect(model.disputedEvents).toBe('exclude');
    expect(model.networkReason.code).toBe('N_NETWORK');
  });

  it('names the field of a value of the wrong type', () => {
    expect(errorOf((m) => (m.weights.history = '0.35'))).toBe('weights.history: expected number, received string');
  });

  it('rejects weights that do not sum to 1', () => {
    expect(errorOf((m) => (m.weights.history = 0.365))).toBe('weights: must sum to 1 (they sum to 1.05)');
  });

  it('accepts weights that sum to 1 within 1e-9', () => {
    const json = defaultModelJson() as { weights: { history: number } };
    json.weights.history += 5e-10;
    expect(() => parseModel(json)).not.toThrow();
  });

  it('rejects a network weight of 1', () => {
    expect(
      errorOf((m) => (m.weights = { history: 0, behaviour: 0, capacity: 0, identity: 0, network: 1 })),
    ).toBe('weights.network: must be below 1: the person\'s own records need some weight');
  });

  it('rejects a negative half-life and retention window', () => {
    expect(errorOf((m) => (m.history.halfLifeMonths = -24))).toBe('history.halfLifeMonths: Too small: expected number to be >0');
    expect(errorOf((m) => (m.history.retentionYears = 0))).toMatch(/^history\.retentionYears: /);
  });

  it('rejects an unknown key, so a typo does not silently fall back to a default', () => {
    expect(errorOf((m) => (m.weigths = m.weights))).toBe('model: Unrecognized key: "weigths"');
    expect(errorOf((m) => (m.network.alpah = 0.5))).toBe('network: Unrecognized key: "alpah"');
  });

  it('rejects network parameters outside their ranges', () => {
    expect(errorOf((m) => (m.network.alpha = 1))).toBe('network.alpha: Too big: expected number to be <1');
    expect(errorOf((m) => delete m.network.shrinkage)).toBe('network.shrinkage: expected number, received undefined');
  });

  it('rejects bins that give fewer points for a better value', () => {
    expect(errorOf((m) => (m.features.behaviour[0].bins[2].points = 5))).toBe(
      "features.behaviour[0].bins[2].points: must not be below the previous bin's points: a higher billsOnTimeRatio is better",
    );
    expect(errorOf((m) => (m.features.history[0].bins[1].points = 200))).toBe(
      "features.history[0].bins[1].points: must not exceed the previous bin's points: a lower decayedDefaults is better",
    );
  });

  it('rejects bins out of order, a missing upTo and an upTo on the last bin', () => {
    expect(errorOf((m) => (m.features.capacity[0].bins[2].upTo = 0.05))).toBe(
      "features.capacity[0].bins[2].upTo: must be greater than the previous bin's upTo",
    );
    expect(errorOf((m) => delete m.features.capacity[0].bins[1].upTo)).toBe(
      'features.capacity[0].bins[1].upTo: required on every bin but the last',
    );
    expect(errorOf((m) => (m.features.identity[0].bins[1].upTo = 1))).toBe(
      'features.identity[0].bins[1].upTo: the last bin takes every larger value, so it has no upTo',
    );
  });

  it('rejects a measure of another dimension, or scored twice', () => {
    expect(errorOf((m) => (m.features.identity[0].measure = 'debtToIncome'))).toMatch(
      /^features\.identity\[0\]\.measure: Invalid option: expected one of "verified"\|"accountAgeMonths"\|"addressChanges"/,
    );
    expect(errorOf((m) => (m.features.behaviour[1].measure = 'billsOnTimeRatio'))).toBe(
      'features.behaviour[1].measure: billsOnTimeRatio is scored twice',
    );
  });

  it('rejects a dimension that can earn no points', () => {
    expect(
      errorOf((m) => (m.features.identity = [m.features.identity[2]])),
    ).toBe('features.identity: the features must be able to earn some points (all bins are 0)');
  });

  it('keeps a model without a card, labels, typical or missing points loading (the 2026.11 shape)', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits reach into arbitrary JSON
    const json = defaultModelJson() as any;
    delete json.card;
    json.notes = 'a model file written before model cards';
    for (const dimension of PERSONAL_DIMENSIONS) {
      for (const feature of json.features[dimension]) {
        delete feature.typical;
        delete feature.missing;
      }
    }
    const model = parseModel(json);
    expect(model.card).toBeUndefined();
    expect(model.notes).toBe('a model file written before model cards');
    const bills = model.features.behaviour[0]!;
    expect([referencePointsOf(bills), missingPointsOf(bills), labelOf(bills)]).toEqual([160, 0, 'Bills paid on time']);
  });

  it('takes typical and missing points between the worst and the best bin, and a label', () => {
    const model = parseModel(defaultModelJson());
    const bills = model.features.behaviour[0]!;
    expect([referencePointsOf(bills), missingPointsOf(bills), minPointsOf(bills)]).toEqual([62.4, 62, 0]);
    expect(labelOf(parseModel({ ...defaultModelJson(), features: { ...model.features, behaviour: [{ ...bills, label: 'Bills on time' }, model.features.behaviour[1]] } }).features.behaviour[0]!)).toBe('Bills on time');
    expect(errorOf((json) => (json.features.behaviour[0].missing = { points: 161 }))).toBe('features.behaviour[0].missing.points: must lie between the worst and the best bin (0 to 160)');
    expect(errorOf((json) => (json.features.history[0].typical = -1))).toMatch(/^features\.history\[0\]\.typical: /);
    expect(errorOf((json) => (json.features.history[0].typical = 81))).toBe('features.history[0].typical: must lie between the worst and the best bin (0 to 80)');
    expect(errorOf((json) => (json.card = ''))).toBe('card: must name the model card file, e.g. "default.md"');
  });

  it('rejects a duplicate or malformed reason code', () => {
    expect(errorOf((m) => (m.features.capacity[1].code = 'H_DEFAULTS'))).toBe(
      'features.capacity[1].code: H_DEFAULTS is used twice; reason codes must be unique',
    );
    expect(errorOf((m) => (m.features.capacity[1].code = 'assets'))).toBe(
      'features.capacity[1].code: must be UPPER_SNAKE_CASE, e.g. "H_DEFAULTS"',
    );
  });

  it('lists every problem and says how many more there are', () => {
    const json = defaultModelJson() as { weights: Record<string, unknown>; history: Record<string, unknown> };
    json.weights.history = 'x';
    json.history.halfLifeMonths = -1;
    try {
      parseModel(json);
      expect.unreachable();
    } catch (error) {
      const e = error as ModelError;
      expect(e.message).toBe('weights.history: expected number, received string (and 1 more)');
      expect(e.problems).toEqual([
        'weights.history: expected number, received string',
        'history.halfLifeMonths: Too small: expected number to be >0',
      ]);
    }
  });
});

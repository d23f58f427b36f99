/** `tiescore model show`: weights, the network's largest effect in points, the model card's path. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeModel, summariseModel } from '../../../src/cli/model-show.js';
import { DEFAULT_MODEL_PATH, loadModel } from '../../../src/score/index.js';
import { startCli } from '../../support/cli-process.js';

const root = mkdtempSync(join(tmpdir(), 'tiescore-model-show-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('tiescore model show', () => {
  it('summarises the default model: weights, 600 · w_network points, the card next to the file', async () => {
    const model = await loadModel();
    const summary = summariseModel(model, DEFAULT_MODEL_PATH);
    expect(summary.weights).toEqual(model.weights);
    expect(summary.networkMaxEffect).toBe(Math.round(600 * model.weights.network * 10) / 10);
    expect(summary.card).toBe(DEFAULT_MODEL_PATH.replace(/default\.json$/, 'default.md'));
    expect(summary.cardExists).toBe(true);
    expect(summary.actionable.map((a) => `${a.code}:${a.direction}:${a.by}:${a.months}`)).toEqual([
      'B_BILLS:higher:0.1:6',
      'B_REGULARITY:higher:0.25:6',
      'C_DEBT_TO_INCOME:lower:0.1:6',
      'C_ASSETS:higher:3:6',
      'I_VERIFIED:higher:null:1',
    ]);
    const text = describeModel(summary);
    expect(text).toContain(`the network dimension's largest possible effect: ${summary.networkMaxEffect.toFixed(1)} points (600 × ${model.weights.network})`);
    expect(text).toContain(`model card: ${summary.card}`);
    expect(text).toContain('network band: none');
  });

  it('names a model\'s network band', async () => {
    const model = await loadModel();
    const banded = { ...model, network: { ...model.network, bandHalfWidth: 0.06 } };
    const summary = summariseModel(banded, 'banded.json');
    expect(summary.networkBandHalfWidth).toBe(0.06);
    expect(describeModel(summary)).toContain('network band: h = 0.06 (the dimension is ½ + clamp((n − μ)/2h, ±½)');
  });

  it('the card is a model card: the sections the issue asks for, and the README links it', () => {
    const card = readFileSync(DEFAULT_MODEL_PATH.replace(/default\.json$/, 'default.md'), 'utf8');
    for (const heading of ['## Intended use', '## Uses it must not have', '## Data it was calibrated on', '## Dimensions and weights', '## Performance', '## Fairness', '## Limits', '## How to refit', '## Version history']) {
      expect(card).toContain(heading);
    }
    const model = JSON.parse(readFileSync(DEFAULT_MODEL_PATH, 'utf8')) as { version: string; notes?: string };
    expect(model.notes).toBeUndefined();
    expect(card).toContain(model.version);
    expect(readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')).toContain('[`models/default.md`](models/default.md)');
  });

  it('runs as a command: --json, --model FILE with no card, and a bad file in one line', async () => {
    const shown = startCli(['model', 'show', '--json']);
    expect(await shown.exited).toBe(0);
    const json = JSON.parse(shown.stdout()) as { version: string; networkMaxEffect: number; card: string };
    expect(json.networkMaxEffect).toBe(87);
    expect(existsSync(json.card)).toBe(true);

    const { card: _card, ...withoutCard } = JSON.parse(readFileSync(DEFAULT_MODEL_PATH, 'utf8')) as Record<string, unknown>;
    const file = join(root, 'mine.json');
    writeFileSync(file, JSON.stringify({ ...withoutCard, version: 'mine-1', weights: { history: 0.3, behaviour: 0.2, capacity: 0.2, identity: 0.1, network: 0.2 } }));
    const mine = startCli(['model', 'show', '--model', file]);
    expect(await mine.exited).toBe(0);
    expect(mine.stdout()).toContain('model mine-1');
    expect(mine.stdout()).toContain("the network dimension's largest possible effect: 120.0 points (600 × 0.2)");
    expect(mine.stdout()).toContain('model card: none (the model names no card)');

    const bad = startCli(['model', 'show', '--model', join(root, 'absent.json')]);
    expect(await bad.exited).toBe(1);
    expect(bad.stderr().trim()).toBe(`tiescore: ${join(root, 'absent.json')}: cannot read the model file (ENOENT)`);
  });
});

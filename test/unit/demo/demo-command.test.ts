// `tiescore demo --no-serve --json` runs end to end with no services at all (Neo4j and Redis
// are pointed at closed ports) and prints one JSON summary whose numbers add up.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../../src/demo/run-demo.js';

const run = promisify(execFile);

describe('tiescore demo', () => {
  it('scores a synthetic population in memory and prints one JSON line', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo', '--no-serve', '--json', '--persons', '800', '--seed', '4'], {
      env: { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:1', REDIS_URL: 'redis://127.0.0.1:1' },
    });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!) as DemoSummary;
    expect(summary.persons).toBe(800);
    expect(Object.values(summary.bands).reduce((x, y) => x + y, 0)).toBe(800);
    expect(Object.keys(summary.run.timingsMs)).toEqual(['SNAPSHOT', 'PROPAGATE', 'SCORE', 'PUBLISH']);
    expect(summary.mostInfluential).toHaveLength(5);
    const points = summary.mostInfluential.map((p) => p.pointsIfOwnScoreZero);
    expect(points).toEqual([...points].sort((x, y) => y - x));
    expect(summary.contagionExample?.personId).toBe(summary.mostInfluential[0]!.personId);
    expect(summary.contagionExample!.ownScoreChange).toBeLessThan(0);
    expect(summary.friendships).toBeGreaterThan(3000);
  });
});

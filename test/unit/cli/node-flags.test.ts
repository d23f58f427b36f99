// bin/tiescore.js run as a program starts Node with the flags on its first line (the young
// generation a worker's SCORE needs, bin/tiescore.js): `env -S` must split them on this system.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../../bin/tiescore.js', import.meta.url));

describe('the tiescore executable', () => {
  it('runs with a 64 MB young generation', () => {
    const probe = join(mkdtempSync(join(tmpdir(), 'tiescore-flags-')), 'probe.cjs');
    writeFileSync(probe, "process.stderr.write('execArgv ' + JSON.stringify(process.execArgv) + '\\n');\n");
    const result = spawnSync(bin, ['--version'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--require ${probe}` } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('execArgv ["--max-semi-space-size=64"]');
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

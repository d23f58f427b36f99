import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../../src/cli/cli-error.js';
import { parseSynthOptions, register } from '../../../src/cli/commands/synth.js';

const root = mkdtempSync(join(tmpdir(), 'tiescore-synth-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const ok = { persons: '1000', seed: '7', out: '/tmp/x', asOf: '2026-06-30' };

function program(): Command {
  const p = new Command('tiescore').exitOverride();
  register(p);
  return p;
}

describe('tiescore synth: options', () => {
  it('accepts whole numbers and a calendar date', () => {
    expect(parseSynthOptions(ok)).toEqual({ persons: 1000, seed: 7, out: '/tmp/x', asOf: '2026-06-30' });
    expect(parseSynthOptions({ ...ok, seed: '-3' }).seed).toBe(-3);
  });

  it.each([
    [{ persons: 'ten' }, /^--persons must be a whole number from 1 to/],
    [{ persons: '0' }, /--persons/],
    [{ persons: '1.5' }, /--persons/],
    [{ persons: '1e6' }, /--persons/],
    [{ persons: '999999999' }, /--persons/],
    [{ seed: 'abc' }, /^--seed must be a whole number/],
    [{ seed: '99999999999999999999' }, /--seed/],
    [{ asOf: '2026-02-30' }, /^--as-of must be a calendar date YYYY-MM-DD/],
    [{ asOf: '30/06/2026' }, /--as-of/],
    [{ asOf: '1950-01-01' }, /^--as-of must be between 1990-01-01 and 2190-12-31/],
    [{ out: ' ' }, /^--out must name a directory/],
  ])('rejects %o with one line', (bad, message) => {
    let error: unknown;
    try {
      parseSynthOptions({ ...ok, ...bad });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('tiescore synth: run', () => {
  it('writes the five files, reports progress on stderr and a summary on stdout', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = join(root, 'pop');
    await program().parseAsync(['synth', '--persons', '800', '--seed', '3', '--out', out, '--as-of', '2025-12-31'], {
      from: 'user',
    });
    for (const name of ['persons.csv', 'friendships.csv', 'transactions.csv', 'events.csv', 'outcomes.csv']) {
      expect(existsSync(join(out, name)), name).toBe(true);
    }
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]![0])).toMatch(
      /^synth: 800 persons, \d+ friendships, \d+ transactions, \d+ events in \d+\.\d s → /,
    );
    const stderr = err.mock.calls.map((c) => String(c[0])).join('');
    expect(stderr).toContain('synth: generating: 100%');
    expect(stderr).toContain('synth: writing: 100% | outcomes.csv');
  });

  it('refuses an --out that is a file', async () => {
    const file = join(root, 'not-a-dir');
    writeFileSync(file, 'x');
    await expect(
      program().parseAsync(['synth', '--persons', '10', '--seed', '1', '--out', file], { from: 'user' }),
    ).rejects.toThrow(/--out .* exists and is not a directory/);
  });

  it('turns bad input into a CliError before doing any work', async () => {
    await expect(
      program().parseAsync(['synth', '--persons', '-5', '--seed', '1', '--out', root], { from: 'user' }),
    ).rejects.toBeInstanceOf(CliError);
  });
});

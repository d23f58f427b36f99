/** A reader that closes the pipe early (`tiescore --help | head -1`) ends the command quietly. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('tiescore with its output closed early', () => {
  it('exits 0 without an error when the reader has closed the pipe', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head` done before the command writes: its first write finds the pipe closed.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 30_000);
});

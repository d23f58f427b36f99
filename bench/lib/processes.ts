/** Child processes of the benchmarks: a compiled server, a free port, waiting for it, memory from /proc. */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Compiles `root`'s sources with its tsconfig.build.json into a temporary package folder (links
 * to its package.json, cypher/, models/ and node_modules/), for `node dist/cli/main.js serve`:
 * the server as installed, without tsx's source maps. The caller removes the folder.
 */
export function compileServer(root: string): string {
  const target = mkdtempSync(join(tmpdir(), 'tiescore-bench-server-'));
  for (const name of ['package.json', 'cypher', 'models', 'node_modules']) symlinkSync(join(root, name), join(target, name));
  const tsc = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(target, 'dist'), '--sourceMap', 'false', '--noEmitOnError', 'false'],
    { encoding: 'utf8' },
  );
  if (!existsSync(join(target, 'dist/cli/main.js'))) throw new Error(`compiling ${root} failed:\n${tsc.stdout}${tsc.stderr}`);
  if (tsc.status !== 0) console.error(`tsc reported type errors in ${root} (JavaScript emitted anyway)`);
  return target;
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once `url` answers 2xx; throws when `child` exits first or after `timeoutMs`. */
export async function waitUntilUp(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** Resident set size of a process in MiB (VmRSS, Linux); undefined when unreadable. */
export function rssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Math.round(Number(line.split(/\s+/)[1]) / 102.4) / 10 : undefined;
  } catch {
    return undefined;
  }
}

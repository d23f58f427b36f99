/**
 * View parts (view-parts.ts) computed in a worker thread, so an API process keeps answering while
 * a large view is built: the seconds of CPU at 1M persons never block its event loop
 * (BENCHMARKS.md, "The first network question after a publish"). One short-lived thread per
 * build; its answer's buffers are transferred, not copied.
 *
 * Run from TypeScript sources (tsx in development, Vitest), the thread loads its entry through
 * tsx's loader; compiled, it is plain JavaScript.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SnapshotImage } from '../../jobs/recompute/snapshot-image.js';
import type { Model } from '../../score/index.js';
import type { ViewParts } from './view-parts.js';

/** An image as Redis keeps it (snapshot-image-codec.ts; its buffer is handed over), or as an object (copied). */
export type ViewPartsRequest = ({ encoded: Uint8Array } | { image: SnapshotImage }) & { model: Model };
export type ViewPartsReply = { parts: ViewParts } | { error: string };

/** The bytes' buffer when they are all of it (never a pool shared with other Buffers): it can be handed over. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer[] {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? [buffer] : [];
}

const ENTRY = new URL(`./view-parts-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** A thread script that registers tsx's loader (found from here, whatever the working directory) and loads the entry. */
function tsxBootstrap(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as { exports: Record<string, { import: { default: string } }> };
  const tsxApi = pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(ENTRY.href)}))`;
}

/**
 * Computes the parts in a new worker thread; rejects with the thread's error.
 *
 * @example
 * const parts = await viewPartsInThread({ encoded: bytes, model });
 */
export function viewPartsInThread(request: ViewPartsRequest): Promise<ViewParts> {
  const worker = ENTRY.pathname.endsWith('.ts') ? new Worker(tsxBootstrap(), { eval: true }) : new Worker(ENTRY);
  return new Promise<ViewParts>((resolve, reject) => {
    worker.once('message', (reply: ViewPartsReply) => ('parts' in reply ? resolve(reply.parts) : reject(new Error(reply.error))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the view's worker thread exited with code ${code} before answering`)));
    worker.postMessage(request, 'encoded' in request ? ownBuffer(request.encoded) : []);
  }).finally(() => void worker.terminate());
}

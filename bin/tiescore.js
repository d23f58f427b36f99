#!/usr/bin/env -S node --max-semi-space-size=64
// The `tiescore` command: runs the compiled CLI (npm install/ci builds dist/ through `prepare`).
// The young generation may grow to 64 MB semispaces (V8's default is 16 MB): most of what a
// worker's SCORE chunk allocates is still alive at the next scavenge (its entries wait for
// their transaction), and each scavenge copies it again. At 1M persons SCORE took 16.6–17.3 s
// with it against 20.8–22.7 s without (BENCHMARKS.md, "A young generation of 64 MB for the
// workers"). Node sets it only at start, so it is here: `node bin/tiescore.js …` runs without it.
import('../dist/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    console.error('tiescore: not built yet; run `npm run build` (or `npm ci`) first');
    process.exit(1);
  }
  throw error;
});

#!/usr/bin/env node
// The `tiescore` command: runs the compiled CLI (npm install/ci builds dist/ through `prepare`).
import('../dist/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    console.error('tiescore: not built yet; run `npm run build` (or `npm ci`) first');
    process.exit(1);
  }
  throw error;
});

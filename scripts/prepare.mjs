#!/usr/bin/env node
// npm's `prepare` lifecycle: build dist/ on `npm ci` / `npm install` (tsc + the analyst page).
//
// Why not plain `npm run build`: `npx tiescore` in the project folder finds the project's own
// `bin` and installs the folder into npx's cache to link that bin, which runs `prepare` again
// (with npm_command=exec) — a silent 45-second rebuild on the first `npx tiescore` of every
// fresh clone. npx only needs the bin linked, and the build `npm ci` made is already in dist/,
// so under `npm exec` a present build is kept. `npm run build` always rebuilds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (process.env.npm_command === 'exec' && existsSync(join(root, 'dist', 'cli', 'main.js'))) process.exit(0);
const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
const build = spawnSync(npm[0], [...npm[1], 'run', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(build.status ?? 1);

/**
 * The package's root folder (where package.json, cypher/ and models/ live), found from this
 * file's own location so it is right both from `src/` (tsx, vitest) and from `dist/` (built).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

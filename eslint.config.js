// ESLint flat config: typescript-eslint's recommended rules over src, test and bench.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// src/graph and src/score are used through their barrels (graph/index.ts and graph/graphology.ts,
// score/index.ts) by the rest of src/; inside a folder, files import each other directly. Tests,
// benchmarks and scripts may import the modules themselves (they test and measure them).
const deepGraph = { regex: '^(\\.\\./)+graph/(?!index\\.js$|graphology\\.js$)', message: 'import src/graph through graph/index.js (or graph/graphology.js for the graphology adapters)' };
const deepScore = { regex: '^(\\.\\./)+score/(?!index\\.js$)', message: 'import src/score through score/index.js' };
const barrelsOnly = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'dev/neo4j/target/', 'src/web/dist/', 'coverage/', '.services/', 'src/web/api/openapi.gen.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['src/**/*.ts'], ignores: ['src/graph/**', 'src/score/**'], rules: barrelsOnly(deepGraph, deepScore) },
  // Small files with one job, short functions where the pipeline and its maths live (issue 21).
  { files: ['src/**/*.ts'], rules: { 'max-lines': ['error', { max: 400 }] } },
  { files: ['src/jobs/**/*.ts', 'src/graph/**/*.ts', 'src/store/**/*.ts'], rules: { 'max-lines-per-function': ['error', { max: 80 }] } },
  { files: ['src/graph/**/*.ts'], rules: barrelsOnly(deepScore) },
  { files: ['src/score/**/*.ts'], rules: barrelsOnly(deepGraph) },
);

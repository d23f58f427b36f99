/**
 * docs/design.md stays true to the code (issue 21):
 * - every row of its "Checked figures" table equals what it names — a field of
 *   models/default.json, a figure the code derives from that model, or a code default — and every
 *   parameter of the model's weights, history and network sections has a row;
 * - no decimal of those sections (nor the model version) appears anywhere else in the text, so
 *   a model figure is quoted in the checked table or not at all;
 * - its "may import" table is exactly the set of imports between the parts of src/;
 * - no link of the README or of docs/ leaves the repository, and each one resolves (file and
 *   heading); every `design.md, "Section"` reference in src/ and test/ names a heading of it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIT_DEFAULTS } from '../../../src/fit/fit-model.js';
import { STRENGTH_DEFAULTS } from '../../../src/graph/tie-strength.js';
import { largestContactShare } from '../../../src/graph/propagate.js';
import { MAX_ATTESTATION_SECONDS } from '../../../src/api/attestation/attestations.js';
import { DEFAULT_CHUNK_SIZE } from '../../../src/jobs/bullmq/enqueue.js';
import { REAPER_DEFAULTS } from '../../../src/jobs/bullmq/run-reaper.js';
import { INCREMENTAL_DEFAULTS } from '../../../src/jobs/recompute/incremental-plan.js';
import { OWN_PART_BYTES } from '../../../src/jobs/recompute/own-parts.js';
import { EVALUATION_DEFAULTS } from '../../../src/reports/evaluation.js';
import { FAIRNESS_DEFAULTS } from '../../../src/reports/fairness.js';
import { MAX_REASON_CODES, parseModel, pointsPerUnit } from '../../../src/score/index.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const DOC_PATH = join(ROOT, 'docs', 'design.md');
const doc = readFileSync(DOC_PATH, 'utf8');
const modelJson = JSON.parse(readFileSync(join(ROOT, 'models', 'default.json'), 'utf8')) as Record<string, unknown>;
const model = parseModel(modelJson);

/** The model sections whose every parameter the checked table must quote. */
const MODEL_SECTIONS = ['weights', 'history', 'network'] as const;

/** Figures the code derives from the default model. */
const DERIVED: Record<string, () => unknown> = {
  networkReachPoints: () => pointsPerUnit(model).network,
  ownPointsPerUnit: () => pointsPerUnit(model).own,
  largestContactShare: () => largestContactShare(model.network),
};

/** Code defaults the document may quote, by the name it quotes them with. */
const CODE: Record<string, unknown> = {
  STRENGTH_DEFAULTS,
  MAX_REASON_CODES,
  OWN_PART_BYTES,
  DEFAULT_CHUNK_SIZE,
  INCREMENTAL_DEFAULTS,
  REAPER_DEFAULTS,
  MAX_ATTESTATION_SECONDS,
  EVALUATION_DEFAULTS,
  FAIRNESS_DEFAULTS,
  FIT_DEFAULTS,
};

/** The text between `<!-- name -->` and `<!-- /name -->`, and the document without it. */
function block(text: string, name: string): { inside: string; outside: string } {
  const open = `<!-- ${name} -->`;
  const close = `<!-- /${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`design.md has no ${open} … ${close} block`);
  return { inside: text.slice(start + open.length, end), outside: text.slice(0, start) + text.slice(end + close.length) };
}

/** Table rows of a block as cells (header and separator rows dropped). */
function rows(tableText: string): string[][] {
  return tableText
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.slice(1, -1).split('|').map((cell) => cell.trim()))
    .filter((cells) => !/^-+$/.test(cells[0]!) && cells[0] !== 'name' && cells[0] !== 'part');
}

const unquote = (cell: string): string => {
  const match = /^`([^`]+)`$/.exec(cell);
  if (!match) throw new Error(`expected a \`name\` cell, got "${cell}"`);
  return match[1]!;
};

function at(value: unknown, path: string[]): unknown {
  let here = value;
  for (const key of path) {
    if (here === null || typeof here !== 'object' || !(key in here)) return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

/** The value a checked row names, or undefined when the name means nothing. */
function valueOf(name: string): unknown {
  if (name in DERIVED) return DERIVED[name]!();
  const [head, ...rest] = name.split('.');
  if (head! in CODE) return at(CODE[head!], rest);
  return at(modelJson, name.split('.'));
}

function sameValue(cell: string, actual: unknown): boolean {
  if (Array.isArray(actual)) {
    const parts = cell.split(',').map((part) => part.trim());
    return parts.length === actual.length && parts.every((part, k) => sameValue(part, actual[k]));
  }
  if (typeof actual === 'number') {
    const quoted = Number(cell);
    return cell !== '' && Number.isFinite(quoted) && Math.abs(quoted - actual) <= 1e-9 * Math.max(1, Math.abs(actual));
  }
  return cell === String(actual);
}

/** Every numeric or string leaf of an object, by dotted path. */
function leaves(value: unknown, prefix: string): [string, unknown][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, inner]) => leaves(inner, `${prefix}.${key}`));
  }
  return [[prefix, value]];
}

const checked = rows(block(doc, 'checked').inside).map(([name, value]) => ({ name: unquote(name!), value: value! }));

describe('docs/design.md: checked figures', () => {
  it('has a row for the version and every weight, history and network parameter of the default model', () => {
    const names = new Set(checked.map((row) => row.name));
    const wanted = ['version', 'disputedEvents', ...MODEL_SECTIONS.flatMap((section) => leaves(modelJson[section], section).map(([path]) => path))];
    expect(wanted.length).toBeGreaterThan(10); // the model was read
    expect(wanted.filter((path) => !names.has(path))).toEqual([]);
  });

  it('quotes every figure as the model file and the code have it', () => {
    expect(checked.length).toBeGreaterThan(30);
    const wrong = checked.flatMap(({ name, value }) => {
      const actual = valueOf(name);
      if (actual === undefined) return [`${name}: names nothing in models/default.json or the code`];
      const source = name in DERIVED ? 'code derives from the model' : name.split('.')[0]! in CODE ? 'code has' : 'model has';
      return sameValue(value, actual) ? [] : [`${name}: the document says ${value}, the ${source} ${JSON.stringify(actual)}`];
    });
    expect(wrong).toEqual([]);
  });

  it('quotes no decimal of the model and not its version outside the checked table', () => {
    const { outside } = block(doc, 'checked');
    const decimals = new Set(
      MODEL_SECTIONS.flatMap((section) => leaves(modelJson[section], section))
        .map(([, value]) => String(value))
        .filter((text) => text.includes('.')),
    );
    expect(decimals.size).toBeGreaterThan(3);
    const found = [...outside.matchAll(/(?<![\d.])\d+\.\d+(?![\d%])/g)].map((m) => m[0]).filter((text) => decimals.has(text));
    expect(found).toEqual([]);
    expect(outside).not.toContain(String(modelJson.version));
  });
});

// ---- the parts of src/ and their imports -----------------------------------------------------

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The part of src/ a path belongs to: its folder, or the file's name for a file at the top. */
function partOf(path: string): string {
  const parts = relative(join(ROOT, 'src'), path).split(sep);
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.(ts|js)$/, '');
}

const IMPORT_PATTERNS = [/\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g, /\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g, /\bimport\s+['"](\.{1,2}\/[^'"]+)['"]/g];

/** `from → to` for every relative import that crosses from one part of src/ to another. */
function importsBetweenParts(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of IMPORT_PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        const target = resolve(dirname(file), match[1]!);
        if (relative(join(ROOT, 'src'), target).startsWith('..')) continue;
        const from = partOf(file);
        const to = partOf(target);
        if (from === to) continue;
        const edge = `${from} → ${to}`;
        edges.set(edge, [...(edges.get(edge) ?? []), relative(ROOT, file)]);
      }
    }
  }
  return edges;
}

describe('docs/design.md: which part may import which', () => {
  const table = rows(block(doc, 'layers').inside).map(([part, , imports]) => ({
    part: unquote(part!),
    imports: imports === '—' ? [] : imports!.split(',').map((name) => unquote(name.trim())),
  }));
  const allowed = new Set(table.flatMap(({ part, imports }) => imports.map((to) => `${part} → ${to}`)));

  it('has a row for every part of src/', () => {
    const parts = new Set(sourceFiles(join(ROOT, 'src')).map(partOf));
    expect(parts.size).toBeGreaterThan(10);
    expect([...parts].filter((part) => !table.some((row) => row.part === part)).sort()).toEqual([]);
  });

  it('allows every import between parts that src/ makes, and no other', () => {
    const actual = importsBetweenParts();
    expect(actual.size).toBeGreaterThan(20); // the walk found the imports
    const undeclared = [...actual].filter(([edge]) => !allowed.has(edge)).map(([edge, files]) => `${edge} (${files[0]})`);
    expect(undeclared).toEqual([]);
    const unused = [...allowed].filter((edge) => !actual.has(edge));
    expect(unused).toEqual([]);
  });
});

// ---- links -------------------------------------------------------------------------------------

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const headingsOf = (markdown: string): string[] =>
  withoutCode(markdown)
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => line.replace(/^#+ /, '').trim());

/** Markdown with fenced blocks and inline code spans blanked (their text is not a link). */
function withoutCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '``');
}

function linkProblems(file: string): string[] {
  const text = withoutCode(readFileSync(file, 'utf8'));
  const name = relative(ROOT, file);
  const problems: string[] = [];
  const targets = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  targets.push(...[...text.matchAll(/<((?:https?|ftp|mailto):[^>\s]+)>/gi)].map((m) => m[1]!));
  for (const target of targets) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) {
      problems.push(`${name}: ${target} leaves the repository`);
      continue;
    }
    const [path, anchor] = target.split('#') as [string, string | undefined];
    const resolved = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    if (relative(ROOT, resolved).startsWith('..')) {
      problems.push(`${name}: ${target} leaves the repository`);
      continue;
    }
    if (!existsSync(resolved)) {
      problems.push(`${name}: ${target} does not exist`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md')) {
      const anchors = headingsOf(readFileSync(resolved, 'utf8')).map(anchorOf);
      if (!anchors.includes(anchor)) problems.push(`${name}: ${target} names no heading of ${relative(ROOT, resolved)}`);
    }
  }
  return problems;
}

describe('links', () => {
  const markdown = [join(ROOT, 'README.md'), ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'docs', f))];

  it('README.md and docs/ link only to files and headings inside the repository', () => {
    expect(markdown).toContain(DOC_PATH);
    expect(markdown.flatMap(linkProblems)).toEqual([]);
  });

  it('README.md links the design document', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('](docs/design.md)');
  });

  it('every `design.md, "Section"` reference in src/ and test/ names a section of docs/design.md', () => {
    const headings = new Set(headingsOf(doc));
    const references = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'test'))].filter((file) => file !== import.meta.filename).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/design\.md((?:,? (?:and )?"[^"]+")+)/gi)].flatMap((m) =>
        [...m[1]!.matchAll(/"([^"]+)"/g)].map((q) => ({ file: relative(ROOT, file), section: q[1]! })),
      ),
    );
    expect(references.length).toBeGreaterThan(10);
    expect(references.filter((ref) => !headings.has(ref.section)).map((ref) => `${ref.file}: "${ref.section}"`)).toEqual([]);
  });
});

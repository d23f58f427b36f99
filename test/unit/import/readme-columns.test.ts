// The README's "Data files" tables must list exactly the columns the row schemas accept.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_KINDS, DATA_FILES } from '../../../src/import/row-schemas.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

function documentedColumns(kind: string): { all: string[]; required: string[] } {
  const section = readme.split(`**${kind}**`)[1]?.split(/\n\*\*|\n## /)[0] ?? '';
  const rows = [...section.matchAll(/^\| ((?:`[a-z_]+`(?:, )?)+) \| [^|]+ \| (yes|no[^|]*) \|/gm)];
  const all: string[] = [];
  const required: string[] = [];
  for (const [, names, req] of rows) {
    const columns = [...names!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
    all.push(...columns);
    if (req === 'yes') required.push(...columns);
  }
  return { all, required };
}

describe('README data-file columns', () => {
  it.each(DATA_FILE_KINDS)('%s: the table lists every column and which are required', (kind) => {
    const documented = documentedColumns(kind);
    expect(documented.all.sort()).toEqual([...DATA_FILES[kind].columns].sort());
    expect(documented.required.sort()).toEqual([...DATA_FILES[kind].required].sort());
  });
});

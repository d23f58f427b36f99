/**
 * The ids file of `tiescore score --ids FILE`: one person id a line; blank lines and lines
 * starting with `#` are skipped. Each id follows the import files' rule (1–128 characters, no
 * control characters); a bad one is reported as `FILE:LINE: reason`, like a bad import row.
 */
import { readFile } from 'node:fs/promises';
import { externalId } from '../import/row-schemas.js';
import { CliError } from './cli-error.js';

export interface IdsFile {
  /** The good ids in file order, each with its line. */
  ids: { id: string; line: number }[];
  /** `FILE:LINE: reason` for every bad line. */
  problems: string[];
}

export async function readIdsFile(file: string): Promise<IdsFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseIdsText(text, file);
}

/** @example parseIdsText('p1\n# note\n\np2\n', 'ids.txt').ids // [{ id: 'p1', line: 1 }, { id: 'p2', line: 4 }] */
export function parseIdsText(text: string, file: string): IdsFile {
  const result: IdsFile = { ids: [], problems: [] };
  text.split(/\r?\n/).forEach((raw, k) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const parsed = externalId.safeParse(trimmed);
    if (parsed.success) result.ids.push({ id: parsed.data, line: k + 1 });
    else result.problems.push(`${file}:${k + 1}: id ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
  });
  return result;
}

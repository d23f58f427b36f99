/**
 * A person's access log as they read it: the stored entries of reads of their data, plus one
 * entry for each bulk score export that included them (kind `score-export`, naming the export
 * and its purpose). Exports are recorded once each, with the seq range they covered, rather than
 * as an entry per person (src/domain/score-exports.ts); this is where they become entries.
 */
import type { AccessLogEntry } from '../domain/safeguards.js';
import type { ScoreExportRecord } from '../domain/score-exports.js';
import type { Store } from '../store/store.js';

/** The entry a score export adds to an included person's log. */
export function exportEntry(personId: string, record: ScoreExportRecord): AccessLogEntry {
  return { personId, at: record.startedAt, kind: 'score-export', actor: record.actor, role: record.role, exportId: record.id, purpose: record.purpose };
}

/**
 * Newest first, at most `limit` entries.
 *
 * @example
 * const entries = await accessLogWithExports(store, 'p42', 100);
 * entries.find((e) => e.kind === 'score-export')?.exportId; // 'exp-20261202T020000Z-1a2b3c'
 */
export async function accessLogWithExports(store: Pick<Store, 'accessLogOf' | 'scoreExportsIncluding'>, personId: string, limit: number): Promise<AccessLogEntry[]> {
  const [reads, exports] = await Promise.all([store.accessLogOf(personId, limit), store.scoreExportsIncluding(personId, limit)]);
  return withExportEntries(personId, reads, exports).slice(0, limit);
}

/** Stored entries (newest first) and the exports that included the person, merged newest first. */
export function withExportEntries(personId: string, reads: readonly AccessLogEntry[], exports: readonly ScoreExportRecord[]): AccessLogEntry[] {
  return [...reads, ...exports.map((record) => exportEntry(personId, record))].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
}

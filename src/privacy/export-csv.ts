/**
 * The person export as CSV files in a zip (`?format=csv`): one file per part, with the import
 * files' snake_case column names where the part is an import file (person.csv, events.csv), a
 * header row always (an empty part is a header alone), RFC 4180 quoting. Pure; the zip is built
 * in memory with fflate (an export is one person's data: kilobytes).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { PersonExport } from './person-export.js';

type Cell = string | number | boolean | undefined | null;

/**
 * One CSV field: quoted when it holds a comma, quote or line break. Text that a spreadsheet
 * would run as a formula (starting with =, +, -, @, tab or CR) gets a leading `'`, so opening an
 * export never executes what someone typed into a dispute reason.
 */
export function csvField(value: Cell): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(header: readonly string[], rows: readonly Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const REASON_SLOTS = 4;

/** The export's CSV files by name. */
export function exportCsvFiles(doc: PersonExport): Record<string, string> {
  const p = doc.person;
  return {
    'person.csv': csv(
      ['id', 'verified', 'account_created', 'income_monthly', 'debt_monthly', 'assets', 'bills_on_time_ratio', 'activity_regularity', 'address_changes', 'birth_year', 'sex'],
      [[p.id, p.verified, p.accountCreated, p.incomeMonthly, p.debtMonthly, p.assets, p.billsOnTimeRatio, p.activityRegularity, p.addressChanges, p.birthYear, p.sex]],
    ),
    'events.csv': csv(
      ['id', 'person_id', 'kind', 'at', 'amount', 'source', 'until', 'status', 'dispute_ids'],
      doc.events.map((e) => [e.id, e.personId, e.kind, e.at, e.amount, e.source, e.until, e.status, e.disputeIds.join(';')]),
    ),
    'contacts.csv': csv(
      ['contacts', 'friendships', 'payees', 'payments_made', 'amount_paid', 'payers', 'payments_received', 'amount_received'],
      [[doc.contacts.contacts, doc.contacts.friendships, doc.contacts.payees, doc.contacts.paymentsMade, doc.contacts.amountPaid, doc.contacts.payers, doc.contacts.paymentsReceived, doc.contacts.amountReceived]],
    ),
    'scores.csv': csv(
      [
        'run_id', 'run_kind', 'as_of', 'published', 'published_at', 'score', 'band', 'history', 'behaviour', 'capacity', 'identity', 'network', 'model_version',
        ...Array.from({ length: REASON_SLOTS }, (_, k) => [`reason_code_${k + 1}`, `reason_${k + 1}`]).flat(),
      ],
      doc.scores.map((s) => [
        s.runId, s.runKind, s.asOf, s.published, s.publishedAt, s.score, s.band,
        s.dimensions.history, s.dimensions.behaviour, s.dimensions.capacity, s.dimensions.identity, s.dimensions.network, s.modelVersion,
        ...Array.from({ length: REASON_SLOTS }, (_, k) => [s.reasonCodes[k]?.code, s.reasonCodes[k]?.reason]).flat(),
      ]),
    ),
    'consents.csv': csv(
      ['id', 'consumer', 'purpose', 'granted_at', 'expires_at', 'revoked_at'],
      doc.consents.map((c) => [c.id, c.consumer, c.purpose, c.grantedAt, c.expiresAt, c.revokedAt]),
    ),
    'disputes.csv': csv(
      ['id', 'event_id', 'reason', 'status', 'opened_at', 'resolved_at', 'resolved_by', 'note'],
      doc.disputes.map((d) => [d.id, d.eventId, d.reason, d.status, d.openedAt, d.resolvedAt, d.resolvedBy, d.note]),
    ),
    'access_log.csv': csv(
      ['at', 'kind', 'role', 'key_id', 'consent_id', 'export_id', 'purpose'],
      doc.accessLog.map((a) => [a.at, a.kind, a.role, a.actor, a.consentId, a.exportId, a.purpose]),
    ),
  };
}

/**
 * The CSV files in one zip archive (deflated, entries dated `doc.exportedAt`).
 *
 * @example
 * const zip = exportZip(doc); // Uint8Array, send as application/zip
 */
export function exportZip(doc: PersonExport): Uint8Array {
  const mtime = new Date(doc.exportedAt);
  const entries: Zippable = {};
  for (const [name, text] of Object.entries(exportCsvFiles(doc))) entries[name] = [strToU8(text), { mtime }];
  return zipSync(entries, { level: 6 });
}

/** Run ids: sortable by start time, safe as BullMQ job ids (no ':'), e.g. `run-20261126T020000Z-3f9a`. */
import { randomBytes } from 'node:crypto';

export function newRunId(at: Date = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `run-${stamp}-${randomBytes(2).toString('hex')}`;
}

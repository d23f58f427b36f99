/**
 * The confirmation step of a subject's own erasure: a first `DELETE /v1/persons/{id}` answers
 * with a token, and only the same request repeated with `?confirm=TOKEN` within ten minutes
 * erases — an accidental or replayed click cannot. The token is stateless: an HMAC, keyed from
 * the erasure salt (shared by every API process on the database), over the person, the key that
 * asked and the expiry, so it is good for that person, that key and that window only.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a confirmation token is good for. */
export const CONFIRMATION_TTL_MS = 10 * 60_000;

/** `<expiry in ms, base 36>.<43 base64url characters>`. */
export const CONFIRMATION_TOKEN = /^[0-9a-z]{1,12}\.[A-Za-z0-9_-]{43}$/;

export type ConfirmationCheck = 'ok' | 'invalid' | 'expired';

function mac(salt: string, personId: string, keyId: string, expiresMs: number): Buffer {
  // A key of its own, so a token never equals an erasure hash made with the same salt.
  const key = createHmac('sha256', salt).update('tiescore erasure confirmation').digest();
  return createHmac('sha256', key).update(`${personId}\u0000${keyId}\u0000${expiresMs}`).digest();
}

/**
 * @example
 * const { token, expiresAt } = issueConfirmation(salt, 'p42', 'key-id', new Date());
 */
export function issueConfirmation(salt: string, personId: string, keyId: string, now: Date): { token: string; expiresAt: string } {
  const expiresMs = now.getTime() + CONFIRMATION_TTL_MS;
  return { token: `${expiresMs.toString(36)}.${mac(salt, personId, keyId, expiresMs).toString('base64url')}`, expiresAt: new Date(expiresMs).toISOString() };
}

/**
 * @example
 * checkConfirmation(salt, token, 'p42', 'key-id', new Date()); // 'ok'
 */
export function checkConfirmation(salt: string, token: string, personId: string, keyId: string, now: Date): ConfirmationCheck {
  if (!CONFIRMATION_TOKEN.test(token)) return 'invalid';
  const [expiry, signature] = token.split('.') as [string, string];
  const expiresMs = parseInt(expiry, 36);
  // Compared as text: decoding would accept a last character whose unused low bits differ.
  const given = Buffer.from(signature, 'ascii');
  const expected = Buffer.from(mac(salt, personId, keyId, expiresMs).toString('base64url'), 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return now.getTime() <= expiresMs ? 'ok' : 'expired';
}

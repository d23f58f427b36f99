/**
 * The Ed25519 keys that sign score attestations, and the JWKS that publishes their public
 * halves at `/.well-known/jwks.json`.
 *
 * A keys file (ATTESTATION_KEYS_FILE) is a JSON Web Key Set of private OKP/Ed25519 keys:
 * the first key signs, every key is published. Rotation: put a new key first and keep the old
 * ones in the file until the tokens they signed have expired (ATTESTATION_TTL_SECONDS, at most
 * 15 minutes), then drop them. `tiescore keys signing-key --out FILE` writes or rotates such a
 * file. Without a file the server generates a key at start: its attestations stop verifying
 * when the process restarts, so the server logs a warning.
 *
 * Key ids are RFC 7638 thumbprints, so the same key always has the same `kid`.
 */
import { readFile } from 'node:fs/promises';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { z } from 'zod';

export const ATTESTATION_ALG = 'EdDSA';

/** One signing key: the private key and its public JWK (with `kid`). */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

const privateJwk = z.looseObject({
  kty: z.literal('OKP', { error: 'kty must be "OKP"' }),
  crv: z.literal('Ed25519', { error: 'crv must be "Ed25519"' }),
  x: z.string().min(1),
  d: z.string().min(1, 'd (the private part) is required'),
  kid: z.string().min(1).optional(),
});
const privateJwks = z.strictObject({ keys: z.array(privateJwk).min(1, 'needs at least one key') });

/** A keys file or value that cannot be used; the message is one line. */
export class SigningKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

async function signingKeyFrom(jwk: JWK): Promise<SigningKey> {
  const publicJwk: JWK = { kty: 'OKP', crv: 'Ed25519', x: jwk.x! };
  const kid = jwk.kid ?? (await calculateJwkThumbprint(publicJwk));
  const privateKey = (await importJWK({ ...jwk, alg: ATTESTATION_ALG }, ATTESTATION_ALG)) as CryptoKey;
  return { kid, privateKey, publicJwk: { ...publicJwk, kid, alg: ATTESTATION_ALG, use: 'sig' } };
}

/** A fresh private Ed25519 JWK with its thumbprint as `kid` (what a keys file holds). */
export async function generatePrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ATTESTATION_ALG, { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x! });
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: jwk.d!, kid };
}

export class AttestationKeys {
  private constructor(
    /** Every key, the signing one first. */
    readonly keys: readonly SigningKey[],
    /** True when the keys were generated at start rather than loaded. */
    readonly ephemeral: boolean,
  ) {}

  /** The key new attestations are signed with. */
  get active(): SigningKey {
    return this.keys[0]!;
  }

  /** The public JWKS: every key, so tokens signed before a rotation still verify. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => ({ ...key.publicJwk })) };
  }

  /** A key generated now (embedded mode, tests); it lives as long as the process. */
  static async generate(): Promise<AttestationKeys> {
    return new AttestationKeys([await signingKeyFrom(await generatePrivateJwk())], true);
  }

  /** Keys from a parsed private JWKS (`{ keys: [...] }`), the first one signing. */
  static async fromJwks(value: unknown, source = 'signing keys'): Promise<AttestationKeys> {
    const parsed = privateJwks.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SigningKeyError(`${source}: ${issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'not a private JWKS'}`);
    }
    try {
      const keys = await Promise.all(parsed.data.keys.map((jwk) => signingKeyFrom(jwk as JWK)));
      const kids = new Set(keys.map((key) => key.kid));
      if (kids.size !== keys.length) throw new SigningKeyError(`${source}: two keys share a kid`);
      return new AttestationKeys(keys, false);
    } catch (error) {
      if (error instanceof SigningKeyError) throw error;
      throw new SigningKeyError(`${source}: not a usable Ed25519 key (${(error as Error).message})`);
    }
  }

  /** Keys from a JSON file (ATTESTATION_KEYS_FILE). */
  static async load(file: string): Promise<AttestationKeys> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new SigningKeyError(`ATTESTATION_KEYS_FILE ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SigningKeyError(`ATTESTATION_KEYS_FILE ${file}: not valid JSON`);
    }
    return AttestationKeys.fromJwks(json, `ATTESTATION_KEYS_FILE ${file}`);
  }
}

/**
 * Signed score attestations (DESIGN.md, "Unforgeable"): a compact JWS (EdDSA over Ed25519)
 * whose claims state one person's published score, band, model version and run, valid for at
 * most 15 minutes. Anyone verifies it offline with the public keys from
 * `/.well-known/jwks.json`, e.g. with jose:
 *
 *     const jwks = createLocalJWKSet(await (await fetch(`${base}/.well-known/jwks.json`)).json());
 *     const { payload } = await jwtVerify(token, jwks, { issuer: 'tiescore', algorithms: ['EdDSA'] });
 */
import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { ATTESTATION_ALG, type AttestationKeys } from './signing-keys.js';

export const ATTESTATION_ISSUER = 'tiescore';
export const ATTESTATION_TYPE = 'tiescore-attestation+jwt';
/** The longest an attestation may live. */
export const MAX_ATTESTATION_SECONDS = 15 * 60;

/** What an attestation states (the JWT claims besides iss/sub/iat/exp/jti). */
export interface AttestedScore {
  personId: string;
  score: number;
  band: string;
  modelVersion: string;
  runId: string;
}

export const attestationClaims = z.looseObject({
  iss: z.literal(ATTESTATION_ISSUER),
  sub: z.string().min(1),
  score: z.number().int(),
  band: z.string().min(1),
  modelVersion: z.string().min(1),
  runId: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().optional(),
});
export type AttestationClaims = z.infer<typeof attestationClaims>;

/**
 * Signs an attestation with the active key.
 *
 * @example
 * const { token, expiresAt } = await signAttestation(keys, score, { now: new Date(), ttlSeconds: 900 });
 */
export async function signAttestation(
  keys: AttestationKeys,
  attested: AttestedScore,
  { now, ttlSeconds }: { now: Date; ttlSeconds: number },
): Promise<{ token: string; kid: string; issuedAt: string; expiresAt: string }> {
  if (!(Number.isInteger(ttlSeconds) && ttlSeconds >= 1 && ttlSeconds <= MAX_ATTESTATION_SECONDS)) {
    throw new RangeError(`attestation: ttlSeconds must be 1–${MAX_ATTESTATION_SECONDS}, got ${ttlSeconds}`);
  }
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + ttlSeconds;
  const { kid, privateKey } = keys.active;
  const token = await new SignJWT({
    score: attested.score,
    band: attested.band,
    modelVersion: attested.modelVersion,
    runId: attested.runId,
  })
    .setProtectedHeader({ alg: ATTESTATION_ALG, kid, typ: ATTESTATION_TYPE })
    .setIssuer(ATTESTATION_ISSUER)
    .setSubject(attested.personId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(privateKey);
  return { token, kid, issuedAt: new Date(iat * 1000).toISOString(), expiresAt: new Date(exp * 1000).toISOString() };
}

export type VerifyOutcome =
  | { valid: true; kid: string; claims: AttestationClaims }
  | { valid: false; reason: string };

/**
 * Verifies an attestation against the published keys: signature, algorithm, issuer, type,
 * expiry and the claim shapes. Never throws for a bad token; says why it is not valid.
 */
export async function verifyAttestation(keys: AttestationKeys, token: string, now: Date): Promise<VerifyOutcome> {
  const jwks = createLocalJWKSet(keys.jwks());
  try {
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      algorithms: [ATTESTATION_ALG],
      issuer: ATTESTATION_ISSUER,
      typ: ATTESTATION_TYPE,
      currentDate: now,
      requiredClaims: ['iat', 'exp', 'sub'],
    });
    const claims = attestationClaims.safeParse(payload);
    if (!claims.success) return { valid: false, reason: `the claims are not an attestation (${claims.error.issues[0]?.path.join('.')})` };
    if (claims.data.exp - claims.data.iat > MAX_ATTESTATION_SECONDS) {
      return { valid: false, reason: 'the token claims a lifetime longer than 15 minutes' };
    }
    return { valid: true, kid: protectedHeader.kid ?? '', claims: claims.data };
  } catch (error) {
    return { valid: false, reason: reasonOf(error) };
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'signed by an unknown key';
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'the key id is ambiguous';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the algorithm is not EdDSA';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim} is not valid (${error.reason})`;
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) return 'not a well-formed compact JWS';
  if (error instanceof errors.JOSEError) return `not valid (${error.code})`;
  return 'not a well-formed compact JWS';
}

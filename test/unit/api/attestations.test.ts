/**
 * Attestations verify offline with jose and the published JWKS alone; a changed byte, an
 * expired token and a token signed by an unknown key all fail, here and at /verify.
 */
import { createLocalJWKSet, jwtVerify, SignJWT, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttestationKeys } from '../../../src/api/attestation/signing-keys.js';
import { startHarness, SUBJECT, type Harness } from './harness.js';

interface Attestation {
  token: string;
  kid: string;
  issuedAt: string;
  expiresAt: string;
}

describe('signed attestations', () => {
  let h: Harness;
  let jwks: JSONWebKeySet;
  let attestation: Attestation;

  beforeAll(async () => {
    h = await startHarness();
    jwks = (await (await h.call('GET', '/.well-known/jwks.json')).json()) as JSONWebKeySet;
    const response = await h.call('POST', `/v1/persons/${SUBJECT}/attestations`, { key: h.keys.subject });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    attestation = (await response.json()) as Attestation;
  });
  afterAll(() => h.close());

  const verifyAt = (token: string) => h.call('POST', '/v1/attestations/verify', { body: { token } }).then((r) => r.json() as Promise<{ valid: boolean; reason?: string }>);

  it('publishes Ed25519 public keys with a kid and no private part', () => {
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: attestation.kid });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('verifies offline with jose and the JWKS alone, stating the published score', async () => {
    const { payload, protectedHeader } = await jwtVerify(attestation.token, createLocalJWKSet(jwks), { issuer: 'tiescore', algorithms: ['EdDSA'] });
    const run = (await h.store.publishedRun())!;
    const score = (await h.store.scoreIn(run, SUBJECT))!;
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: attestation.kid, typ: 'tiescore-attestation+jwt' });
    expect(payload).toMatchObject({ sub: SUBJECT, score: score.score, band: score.band, modelVersion: score.modelVersion, runId: run.id });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(await verifyAt(attestation.token)).toMatchObject({ valid: true, claims: { sub: SUBJECT, score: score.score } });
  });

  it('fails when any byte changes', async () => {
    const [header, payload, signature] = attestation.token.split('.') as [string, string, string];
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const tampered = [
      `${header}.${flip(payload, 10)}.${signature}`,
      `${header}.${payload}.${flip(signature, 5)}`,
      `${flip(header, 3)}.${payload}.${signature}`,
    ];
    // A higher score, re-encoded, with the original signature.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { score: number };
    tampered.push(`${header}.${Buffer.from(JSON.stringify({ ...claims, score: 950 })).toString('base64url')}.${signature}`);
    for (const token of tampered) {
      await expect(jwtVerify(token, createLocalJWKSet(jwks), { issuer: 'tiescore' })).rejects.toThrow();
      const verdict = await verifyAt(token);
      expect(verdict.valid, token).toBe(false);
    }
    expect((await verifyAt(tampered[3]!)).reason).toBe('the signature does not verify');
  });

  it('fails once expired', async () => {
    const short = (await (await h.call('POST', `/v1/persons/${SUBJECT}/attestations`, { key: h.keys.subject, body: { ttlSeconds: 60 } })).json()) as Attestation;
    expect(Date.parse(short.expiresAt) - Date.parse(short.issuedAt)).toBe(60_000);
    const later = new Date(Date.parse(short.expiresAt) + 1000);
    await expect(jwtVerify(short.token, createLocalJWKSet(jwks), { currentDate: later })).rejects.toThrow(/exp/);
    h.advance(61_000);
    try {
      expect(await verifyAt(short.token)).toEqual({ valid: false, reason: 'expired' });
    } finally {
      h.advance(-61_000);
    }
  });

  it('fails when signed by a key the JWKS does not hold', async () => {
    const rogue = await AttestationKeys.generate();
    const forged = await new SignJWT({ score: 950, band: 'excellent', modelVersion: 'x', runId: 'y' })
      .setProtectedHeader({ alg: 'EdDSA', kid: rogue.active.kid, typ: 'tiescore-attestation+jwt' })
      .setIssuer('tiescore')
      .setSubject(SUBJECT)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(rogue.active.privateKey);
    await expect(jwtVerify(forged, createLocalJWKSet(jwks))).rejects.toThrow();
    expect(await verifyAt(forged)).toEqual({ valid: false, reason: 'signed by an unknown key' });
    // Same rogue key, but claiming the real kid: the signature fails.
    const impostor = await new SignJWT({ score: 950, band: 'excellent', modelVersion: 'x', runId: 'y' })
      .setProtectedHeader({ alg: 'EdDSA', kid: attestation.kid, typ: 'tiescore-attestation+jwt' })
      .setIssuer('tiescore')
      .setSubject(SUBJECT)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(rogue.active.privateKey);
    expect(decodeProtectedHeader(impostor).kid).toBe(attestation.kid);
    expect(await verifyAt(impostor)).toEqual({ valid: false, reason: 'the signature does not verify' });
  });

  it('refuses lifetimes above 15 minutes and garbage tokens', async () => {
    const long = await h.call('POST', `/v1/persons/${SUBJECT}/attestations`, { key: h.keys.subject, body: { ttlSeconds: 901 } });
    expect(long.status).toBe(400);
    expect(await verifyAt('not-a-jws')).toEqual({ valid: false, reason: 'not a well-formed compact JWS' });
  });

  it('keeps verifying tokens of a retired key while it stays in the JWKS (rotation)', async () => {
    const { generatePrivateJwk } = await import('../../../src/api/attestation/signing-keys.js');
    const { signAttestation, verifyAttestation } = await import('../../../src/api/attestation/attestations.js');
    const oldJwk = await generatePrivateJwk();
    const newJwk = await generatePrivateJwk();
    const before = await AttestationKeys.fromJwks({ keys: [oldJwk] });
    const rotated = await AttestationKeys.fromJwks({ keys: [newJwk, oldJwk] });
    const now = new Date();
    const old = await signAttestation(before, { personId: 'p', score: 700, band: 'excellent', modelVersion: 'm', runId: 'r' }, { now, ttlSeconds: 900 });
    expect(rotated.active.kid).toBe(newJwk.kid);
    expect(await verifyAttestation(rotated, old.token, now)).toMatchObject({ valid: true, kid: oldJwk.kid });
    const dropped = await AttestationKeys.fromJwks({ keys: [newJwk] });
    expect(await verifyAttestation(dropped, old.token, now)).toEqual({ valid: false, reason: 'signed by an unknown key' });
  });

  it('never writes a token to the log', () => {
    const logs = h.logs();
    expect(logs).toContain('/v1/attestations/verify');
    expect(logs).not.toContain(attestation.token);
    expect(logs).not.toContain(attestation.token.split('.')[2]);
  });

  it('logs an attestation as a read of the score', async () => {
    const log = await h.store.accessLogOf(SUBJECT, 1);
    expect(log[0]).toMatchObject({ kind: 'score', role: 'subject' });
  });
});

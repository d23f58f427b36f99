/** `tiescore keys`: create prints the key once and stores only its hash; list; revoke; signing keys. */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttestationKeys } from '../../../src/api/attestation/signing-keys.js';
import { hashSecret, parseApiKey, verifyApiKey } from '../../../src/api/auth/api-keys.js';
import { CliError } from '../../../src/cli/cli-error.js';
import { register, type StoreRunner } from '../../../src/cli/commands/keys.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { person } from '../../contract/store-contract.js';

describe('tiescore keys', () => {
  let store: MemoryStore;
  let out: string[];
  let err: string[];
  let dir: string;
  const run = async (...args: string[]) => {
    out = [];
    err = [];
    const program = new Command('tiescore').exitOverride();
    const runner: StoreRunner = (work) => work(store);
    register(program, runner, { out: (line) => out.push(line), err: (line) => err.push(line) });
    await program.parseAsync(['node', 'tiescore', 'keys', ...args]);
  };

  beforeEach(async () => {
    store = new MemoryStore();
    await store.upsertPersons([person('p1')]);
    dir = await mkdtemp(join(tmpdir(), 'tiescore-keys-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('create prints a tsk_ key once; the store keeps only the SHA-256 of its secret', async () => {
    await run('create', '--role', 'subject', '--person', 'p1', '--name', 'Ada');
    expect(out).toHaveLength(1);
    const key = out[0]!;
    const parsed = parseApiKey(key)!;
    expect(parsed).toBeDefined();
    const [record] = await store.listApiKeys();
    expect(record).toMatchObject({ id: parsed.id, role: 'subject', personId: 'p1', name: 'Ada', secretHash: hashSecret(parsed.secret) });
    expect(JSON.stringify(record)).not.toContain(parsed.secret);
    expect(err[0]).toContain(`created subject key ${parsed.id}`);
    expect(await verifyApiKey(store, key)).toMatchObject({ ok: true, principal: { role: 'subject', personId: 'p1' } });
    // One changed character of the secret is refused.
    const wrong = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect(await verifyApiKey(store, wrong)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('refuses bad combinations in one line', async () => {
    await expect(run('create', '--role', 'root')).rejects.toThrow(new CliError('--role must be one of admin, analyst, consumer, subject, batch, got "root"'));
    await expect(run('create', '--role', 'subject')).rejects.toThrow(/needs --person/);
    await expect(run('create', '--role', 'subject', '--person', 'ghost')).rejects.toThrow('no person with id "ghost"');
    await expect(run('create', '--role', 'analyst', '--person', 'p1')).rejects.toThrow(/only a subject key/);
    expect(await store.listApiKeys()).toEqual([]);
  });

  it('list shows no secrets; revoke ends a key at once', async () => {
    await run('create', '--role', 'analyst');
    const key = out[0]!;
    const id = parseApiKey(key)!.id;
    await run('list', '--json');
    const listed = JSON.parse(out[0]!) as Record<string, unknown>[];
    expect(listed).toEqual([expect.objectContaining({ id, role: 'analyst' })]);
    expect(listed[0]).not.toHaveProperty('secretHash');
    await run('revoke', id);
    expect(out).toEqual([`revoked ${id}`]);
    expect(await verifyApiKey(store, key)).toEqual({ ok: false, reason: 'revoked' });
    await expect(run('revoke', 'nope')).rejects.toThrow('no API key "nope"');
  });

  it('signing-key writes a private JWKS (mode 0600) and --rotate keeps the old key published', async () => {
    const file = join(dir, 'signing.json');
    await run('signing-key', '--out', file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const first = await AttestationKeys.load(file);
    await expect(run('signing-key', '--out', file)).rejects.toThrow(/exists; use --rotate/);
    await run('signing-key', '--out', file, '--rotate');
    const rotated = await AttestationKeys.load(file);
    expect(rotated.keys).toHaveLength(2);
    expect(rotated.keys[1]!.kid).toBe(first.active.kid);
    expect(rotated.active.kid).not.toBe(first.active.kid);
    expect(rotated.jwks().keys.map((k) => k.kid)).toEqual([rotated.active.kid, first.active.kid]);
    expect(JSON.stringify(rotated.jwks())).not.toContain('"d"');
    expect(JSON.parse(await readFile(file, 'utf8')).keys[0]).toHaveProperty('d');
  });

  it('a bad key file is one clear error', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB', d: 'y' }] }));
    await expect(AttestationKeys.load(file)).rejects.toThrow(`ATTESTATION_KEYS_FILE ${file}: keys.0.kty: kty must be "OKP"`);
    await expect(AttestationKeys.load(join(dir, 'missing.json'))).rejects.toThrow(/cannot read it \(ENOENT\)/);
  });
});

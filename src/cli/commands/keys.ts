/**
 * `tiescore keys`: API keys and attestation signing keys.
 * - `keys create --role R [--person ID] [--name N]` prints a new API key once (only its hash is
 *   kept); `keys list` shows them without secrets; `keys revoke ID` ends one at once.
 * - `keys signing-key --out FILE [--rotate]` writes an Ed25519 signing-key file for
 *   ATTESTATION_KEYS_FILE; `--rotate` puts a new key first and keeps the old ones (published
 *   until removed — wait at least ATTESTATION_TTL_SECONDS before removing a retired key).
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { API_ROLES, type ApiRole } from '../../domain/safeguards.js';
import type { Store } from '../../store/store.js';
import { CliError } from '../cli-error.js';
import { jsonForPeople } from '../../domain/display-numbers.js';

/** Runs work against a store; the CLI opens Neo4j, tests pass a memory store. */
export type StoreRunner = <T>(work: (store: Store) => Promise<T>) => Promise<T>;

const neo4jRunner: StoreRunner = async (work) => {
  const [{ loadConfig }, { withCliStore }] = await Promise.all([import('../../config.js'), import('../open-store.js')]);
  return withCliStore(loadConfig(), work);
};

interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}
const consoleOutput: Output = { out: (line) => console.log(line), err: (line) => console.error(line) };

export function register(program: Command, runStore: StoreRunner = neo4jRunner, output: Output = consoleOutput): void {
  const keys = program.command('keys').description('Create, list and revoke API keys; write attestation signing keys');
  keys
    .command('create')
    .description('Create an API key and print it once (only a hash of its secret is stored)')
    .requiredOption('--role <role>', `one of ${API_ROLES.join(', ')}`)
    .option('--person <id>', 'for a subject key: the person it speaks for')
    .option('--name <name>', 'a label; for a consumer, the name subjects grant consent to (unique, never reused)')
    .action(async (options: { role: string; person?: string; name?: string }) => {
      if (!(API_ROLES as readonly string[]).includes(options.role)) throw new CliError(`--role must be one of ${API_ROLES.join(', ')}, got "${options.role}"`);
      const { ApiKeyError, issueApiKey } = await import('../../api/auth/api-keys.js');
      const { key, record } = await runStore(async (store) => {
        try {
          return await issueApiKey(store, { role: options.role as ApiRole, personId: options.person, name: options.name });
        } catch (error) {
          throw error instanceof ApiKeyError ? new CliError(error.message) : error;
        }
      });
      output.err(`created ${record.role} key ${record.id} (${record.name}${record.personId ? `, person ${record.personId}` : ''}); it is shown once:`);
      output.out(key);
    });
  keys
    .command('list')
    .description('List API keys (ids, roles, names; never secrets)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const records = await runStore((store) => store.listApiKeys());
      const shown = records.map(({ secretHash: _secretHash, ...rest }) => rest);
      if (options.json) return output.out(jsonForPeople(shown));
      if (shown.length === 0) return output.out('no API keys yet (make one with `tiescore keys create --role admin`)');
      for (const key of shown) {
        output.out(
          `${key.id}  ${key.role.padEnd(8)} ${key.name}${key.personId ? `  person ${key.personId}` : ''}  created ${key.createdAt}` +
            `${key.revokedAt ? `  REVOKED ${key.revokedAt}` : ''}`,
        );
      }
    });
  keys
    .command('revoke')
    .description('Revoke an API key at once')
    .argument('<id>', 'key id (the part after tsk_, before the second _)')
    .action(async (id: string) => {
      const { NotFoundError } = await import('../../store/errors.js');
      await runStore(async (store) => {
        try {
          await store.revokeApiKey(id, new Date().toISOString());
        } catch (error) {
          throw error instanceof NotFoundError ? new CliError(`no API key "${id}"`) : error;
        }
      });
      output.out(`revoked ${id}`);
    });
  keys
    .command('signing-key')
    .description('Write an Ed25519 attestation signing-key file (for ATTESTATION_KEYS_FILE)')
    .requiredOption('--out <file>', 'the key file to write (created with mode 0600)')
    .option('--rotate', 'put a new key first in an existing file and keep the old ones')
    .action(async (options: { out: string; rotate?: boolean }) => {
      const { AttestationKeys, generatePrivateJwk, SigningKeyError } = await import('../../api/attestation/signing-keys.js');
      let existing: unknown[] = [];
      if (options.rotate) {
        let text: string;
        try {
          text = await readFile(options.out, 'utf8');
        } catch (error) {
          throw new CliError(`--rotate: cannot read ${options.out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        }
        try {
          await AttestationKeys.fromJwks(JSON.parse(text), options.out);
          existing = (JSON.parse(text) as { keys: unknown[] }).keys;
        } catch (error) {
          throw new CliError(error instanceof SigningKeyError ? error.message : `${options.out}: not valid JSON`);
        }
      }
      const jwk = await generatePrivateJwk();
      try {
        await writeFile(options.out, `${JSON.stringify({ keys: [jwk, ...existing] }, null, 2)}\n`, { mode: 0o600, flag: options.rotate ? 'w' : 'wx' });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new CliError(code === 'EEXIST' ? `${options.out} exists; use --rotate to add a key to it` : `cannot write ${options.out}: ${code ?? (error as Error).message}`);
      }
      output.out(`${options.rotate ? 'rotated' : 'wrote'} ${options.out}: signing key ${jwk.kid}${existing.length ? `, ${existing.length} older key(s) still published` : ''}`);
    });
}

/**
 * Every setting tiescore reads from the environment, validated once with zod.
 *
 * `SETTINGS` is the single source: the README's configuration table is checked against it by
 * a unit test, and `loadConfig` turns a bad value into one `ConfigError` line that names the
 * variable and says what is wrong.
 */
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { withoutPassword } from './url-credentials.js';

const port = z.coerce.number().int().min(1).max(65535);
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `must be a URL with scheme ${protocols.join(', ')}` },
  );

/** One environment variable: its schema (with default) and a line for the README. */
interface Setting<T extends z.ZodType> {
  schema: T;
  description: string;
}
const setting = <T extends z.ZodType>(schema: T, description: string): Setting<T> => ({ schema, description });

export const SETTINGS = {
  NEO4J_URI: setting(
    url(['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc']).default('bolt://127.0.0.1:7687'),
    'Bolt URI of the Neo4j 5.26 database.',
  ),
  NEO4J_USER: setting(z.string().min(1).default('neo4j'), 'Neo4j user name.'),
  NEO4J_PASSWORD: setting(
    z.string().default('tiescore-dev'),
    'Neo4j password (the dev server under dev/neo4j has auth off and ignores it).',
  ),
  NEO4J_DATABASE: setting(z.string().min(1).optional(), 'Neo4j database name; the server default when unset.'),
  REDIS_URL: setting(url(['redis', 'rediss']).default('redis://127.0.0.1:6379'), 'Redis URL used by BullMQ.'),
  QUEUE_PREFIX: setting(
    z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" only').default('tiescore'),
    'Prefix of the BullMQ keys in Redis.',
  ),
  JOB_LOCK_MS: setting(
    z.coerce.number().int().min(1000).max(600_000).default(30_000),
    'BullMQ job lock duration in ms: a worker that dies loses its job to another after about this long.',
  ),
  NIGHTLY_CRON: setting(
    z.string().min(1).default('0 2 * * *'),
    'Cron pattern of the nightly recompute a worker schedules on start (unless --no-schedule).',
  ),
  NIGHTLY_TZ: setting(z.string().min(1).default('UTC'), 'Time zone of NIGHTLY_CRON.'),
  RUNS_KEPT: setting(
    z.coerce.number().int().min(2).max(1000).default(30),
    'Score runs kept; older ones (never the published one or the runs it is served from) are deleted by a `prune-runs` job after each publish.',
  ),
  HOST: setting(z.string().min(1).default('127.0.0.1'), 'Address the API listens on.'),
  PORT: setting(port.default(8080), 'Port the API listens on.'),
  LOG_LEVEL: setting(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    'pino log level.',
  ),
  API_BODY_LIMIT: setting(
    z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
    'Largest JSON request body the API accepts, in bytes (larger: 413).',
  ),
  API_SCORE_CACHE: setting(
    z.coerce.number().int().min(0).max(10_000_000).default(100_000),
    'Persons whose served score each API process keeps in memory for their next score read (about 0.8 KB each); 0 keeps none.',
  ),
  RATE_LIMIT_PER_MINUTE: setting(
    z.coerce.number().int().min(0).max(1_000_000).default(600),
    'API requests per minute per key (per address without a key); 0 turns rate limiting off.',
  ),
  CORS_ORIGINS: setting(
    z
      .string()
      .refine(
        (value) =>
          value.split(',').every((origin) => {
            try {
              const url = new URL(origin.trim());
              return ['http:', 'https:'].includes(url.protocol) && url.origin === origin.trim();
            } catch {
              return false;
            }
          }),
        { message: 'must be a comma-separated list of origins like https://app.example' },
      )
      .optional(),
    'Comma-separated origins allowed to call the API from a browser; unset: no cross-origin access.',
  ),
  TRUST_PROXY: setting(
    z
      .string()
      .regex(/^(\d{1,2}|[0-9a-fA-F.:/,a-z ]+)$/, 'must be a number of proxy hops or a comma-separated list of addresses, subnets or loopback/linklocal/uniquelocal')
      .optional(),
    'Proxies in front of the API whose X-Forwarded-For is believed (hops or addresses, as Express "trust proxy"); unset: none.',
  ),
  ATTESTATION_KEYS_FILE: setting(
    z.string().min(1).optional(),
    'JSON Web Key Set of Ed25519 private keys that sign attestations (first signs, all are published); unset: a key is generated at start.',
  ),
  ATTESTATION_TTL_SECONDS: setting(
    z.coerce.number().int().min(60).max(900).default(900),
    'Lifetime of a score attestation in seconds (at most 900).',
  ),
  ERASURE_SALT: setting(
    z.string().min(16, 'must be at least 16 characters').optional(),
    'Salt (at least 16 characters) of the hashed ids that erasure records keep; unset: a random salt stored in the database on first use. Do not change it once persons were erased.',
  ),
  ACCESS_LOG_RETENTION_DAYS: setting(
    z.coerce.number().int().min(1).max(36_500).default(730),
    'Days access-log entries are kept; the retention job (run with the nightly recompute) removes older ones.',
  ),
  FAIRNESS_CUTOFFS: setting(
    z
      .string()
      .regex(/^\s*\d{3}\s*(,\s*\d{3}\s*){0,7}$/, 'must be 1 to 8 comma-separated scores, e.g. 550,600,650,700')
      .transform((value) => [...new Set(value.split(',').map(Number))].sort((a, b) => a - b))
      .refine((cutoffs) => cutoffs.every((c) => c >= 350 && c <= 950), { message: 'every cut-off must be a score from 350 to 950' })
      .default([550, 600, 650, 700]),
    'Cut-offs (scores, comma-separated, at most 8) at which `GET /v1/reports/fairness` answers; any other is refused, so the report cannot be swept into per-group score histograms.',
  ),
  TIESCORE_MODEL: setting(
    z.string().min(1).optional(),
    'Path of the scorecard model file; models/default.json when unset.',
  ),
} as const;

type Settings = typeof SETTINGS;
export type Config = { [K in keyof Settings]: z.output<Settings[K]['schema']> };

export { ConfigError };

/**
 * Reads and validates every setting.
 *
 * @example
 * const config = loadConfig({ NEO4J_URI: 'bolt://db:7687' });
 * config.PORT; // 8080
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config: Record<string, unknown> = {};
  for (const [name, { schema }] of Object.entries(SETTINGS)) {
    const raw = env[name];
    const result = schema.safeParse(raw === '' ? undefined : raw);
    if (!result.success) {
      const reason = result.error.issues[0]?.message ?? 'invalid value';
      throw new ConfigError(`${name}=${JSON.stringify(raw === undefined ? raw : withoutPassword(raw))} is invalid: ${reason}`);
    }
    config[name] = result.data;
  }
  return config as Config;
}

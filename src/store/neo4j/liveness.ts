/**
 * A watchdog for store calls that must not wait on a hung Neo4j (the API's). A stopped Neo4j
 * refuses connections and the driver fails at once; a hung one accepts them and never answers,
 * and the driver would wait forever on its open connections. Telling hung from merely slow
 * needs a second opinion, so:
 *
 * - a call still pending after `probeAfterMs` asks a probe (bolt-probe.ts: a fresh Bolt
 *   handshake) whether the server answers at all; if not, the call fails at once with
 *   `StoreUnavailableError` (its driver work is left to finish, or fail, on its own); if so, it
 *   keeps waiting and asks again after another `probeAfterMs` — a slow report read is never cut;
 * - once a probe said "no answer", later calls probe *before* starting (at most one probe runs at
 *   a time, and its verdict stands for `probeTimeoutMs`), so they fail within a probe instead of
 *   piling up on stuck connections, and go through again as soon as the server answers.
 *
 * A write that was given up on may still commit when the server resumes: the caller was told
 * "unavailable", not "not done" — as with any timeout.
 */
import { StoreUnavailableError } from '../errors.js';

export interface LivenessOptions {
  /** A call pending this long makes the watchdog probe the server, ms. */
  probeAfterMs: number;
  /** A probe without an answer for this long means "hung", ms; also how long a "hung" verdict stands. */
  probeTimeoutMs: number;
}

/** True when the server answers; never rejects (e.g. `boltAnswers`). */
export type LivenessProbe = (timeoutMs: number) => Promise<boolean>;

export class Neo4jLiveness {
  private probing: Promise<boolean> | undefined;
  /** When the last probe found no answer (epoch ms); undefined once one found an answer. */
  private silentSince: number | undefined;

  constructor(
    private readonly probe: LivenessProbe,
    private readonly options: LivenessOptions,
  ) {}

  /** Runs `call`, or fails it with `StoreUnavailableError` as soon as the server is found not to answer. */
  async guard<T>(call: () => Promise<T>): Promise<T> {
    if (this.silentSince !== undefined && !(await this.answers())) throw this.unavailable();
    const pending = call();
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        finish();
      };
      const watch = () => {
        timer = setTimeout(() => {
          void this.answers().then((answers) => {
            if (settled) return;
            if (answers) watch();
            else settle(() => reject(this.unavailable()));
          });
        }, this.options.probeAfterMs);
        timer.unref();
      };
      pending.then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => settle(() => reject(error)),
      );
      watch();
    });
  }

  /** One probe at a time, shared by every caller; a fresh "no answer" is reused without probing. */
  private answers(): Promise<boolean> {
    if (this.silentSince !== undefined && Date.now() - this.silentSince < this.options.probeTimeoutMs) return Promise.resolve(false);
    this.probing ??= this.probe(this.options.probeTimeoutMs)
      .catch(() => false)
      .then((answers) => {
        this.silentSince = answers ? undefined : Date.now();
        this.probing = undefined;
        return answers;
      });
    return this.probing;
  }

  private unavailable(): StoreUnavailableError {
    return new StoreUnavailableError(`Neo4j is unavailable: it accepts connections but does not answer (no Bolt handshake within ${this.options.probeTimeoutMs} ms)`);
  }
}

/**
 * Progress for long CLI work: a live bar on a terminal, a plain line every few seconds when
 * stderr is a pipe or a file (CI logs, `nohup`). Both go to stderr so stdout stays for results.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** `done` of `total` units; `detail` is shown after the bar (e.g. "1.2M rows, 80k rows/s"). */
  update(done: number, detail?: string): void;
  stop(): void;
}

export interface ProgressOptions {
  label: string;
  total: number;
  /** Seconds between plain lines when not on a terminal. Default 5. */
  plainEverySeconds?: number;
  stream?: NodeJS.WriteStream;
}

export function createProgress({ label, total, plainEverySeconds = 5, stream = process.stderr }: ProgressOptions): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {detail}`, stream, hideCursor: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total, 1), 0, { detail: '' });
    return {
      update: (done, detail = '') => bar.update(Math.min(done, Math.max(total, 1)), { detail }),
      stop: () => bar.stop(),
    };
  }
  // The first update is written at once, so a log shows the work has started (and what it is
  // doing first) rather than nothing for the first few seconds.
  let last = Number.NEGATIVE_INFINITY;
  let latest = '';
  return {
    update(done, detail = '') {
      latest = `${label}: ${total > 0 ? Math.round((100 * done) / total) : 100}%${detail ? ` | ${detail}` : ''}`;
      const now = performance.now();
      if (now - last >= plainEverySeconds * 1000) {
        stream.write(`${latest}\n`);
        last = now;
      }
    },
    stop() {
      if (latest) stream.write(`${latest}\n`);
    },
  };
}

/**
 * Units per second between `startedMs` and `nowMs` (milliseconds of one clock), or undefined
 * before any time has passed. Start the clock when the work starts: started at the first
 * report — after the first batch was already written — a 0.1 ms gap made 6,263 rows read as
 * 62.63M rows/s.
 *
 * @example ratePerSecond(10_000, 0, 2_000) // 5000
 */
export function ratePerSecond(done: number, startedMs: number, nowMs: number): number | undefined {
  const seconds = (nowMs - startedMs) / 1000;
  return seconds > 0 ? done / seconds : undefined;
}

/** 1234567 → "1.23M"; for rates and counts in progress lines. */
export function compactNumber(value: number): string {
  return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 }).format(value);
}

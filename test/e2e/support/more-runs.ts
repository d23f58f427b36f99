/**
 * Gives a running demo a score history: full recomputes at later as-of dates through the API
 * (POST /v1/jobs/recompute with the admin key), each awaited until its run is published.
 */
import type { DemoServer } from './demo-server.js';

export async function recomputeAt(demo: Pick<DemoServer, 'url' | 'keys'>, asOfDates: readonly string[], timeoutMs = 120_000): Promise<void> {
  const headers = { Authorization: `Bearer ${demo.keys.admin}`, 'Content-Type': 'application/json' };
  for (const asOf of asOfDates) {
    const started = await fetch(`${demo.url}/v1/jobs/recompute`, { method: 'POST', headers, body: JSON.stringify({ kind: 'full', asOf }) });
    if (started.status !== 202) throw new Error(`recompute at ${asOf}: HTTP ${started.status} ${await started.text()}`);
    const job = (await started.json()) as { id: string };
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = (await (await fetch(`${demo.url}/v1/jobs/${job.id}`, { headers })).json()) as { state: string; published?: boolean; failedReason?: string };
      if (state.state === 'completed' && state.published) break;
      if (state.state === 'failed' || (state.state === 'completed' && !state.published)) throw new Error(`recompute at ${asOf}: ${JSON.stringify(state)}`);
      if (Date.now() > deadline) throw new Error(`recompute at ${asOf}: not published within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Benchmark of the network engine (src/graph): CSR build, propagation, influence centrality,
 * one-person contagion pushes on a synthetic population, and influence centrality against
 * graphology-metrics' pagerank on a smaller one.
 *
 *   npx tsx bench/propagation.ts --persons 1000000 --runs 5
 *   node --expose-gc --import tsx bench/propagation.ts ...   (lets it collect between runs)
 *
 * Options: --persons N (1,000,000) --runs R (5) --seed S (1) --pushes K (500 one-person pushes)
 *          --pagerank-persons M (200,000; 0 skips the comparison).
 * The contact graph comes from src/synth/population.ts (planted-partition Chung–Lu friendships,
 * mean degree 10, plus payments). Own scores b are a monotone map of the generator's hidden own
 * risk, b = 1/(1 + e^{o}) — the kernels' cost does not depend on b's values. Baseline in the
 * same run: a plain typed-array power iteration over the same CSR and transition, as many sweeps
 * as the kernel made (`ratioKernelToPlain`, the kernel with its transition given). Timings are
 * medians over R runs; the last line of output is one JSON object.
 */
import { cpus, loadavg } from 'node:os';
import { DirectedGraph } from 'graphology';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { ContagionWorkspace, pushContagion } from '../src/graph/contagion.js';
import type { Csr } from '../src/graph/csr.js';
import { LinkStaging } from '../src/graph/link-staging.js';
import { nominalCsr, withTrust } from '../src/graph/nominal-csr.js';
import { trustArray } from '../src/graph/tie-strength.js';
import { influenceCentrality } from '../src/graph/influence.js';
import { DEFAULT_NETWORK_PARAMS, type NetworkParams } from '../src/graph/network-params.js';
import { buildTransition, propagateNetwork, type NetworkResult } from '../src/graph/propagate.js';
import { DEFAULT_SCORE_WEIGHTS } from '../src/graph/score-weights.js';
import { generatePopulation, type SyntheticPopulation } from '../src/synth/population.js';
import { csrBytes, workspaceBytes } from '../test/support/memory-bytes.js';

const pagerank = pagerankModule as unknown as typeof pagerankModule.default;

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`bench/propagation: --${name} needs a non-negative number`);
    process.exit(2);
  }
  return value;
}

const persons = arg('persons', 1_000_000);
const runs = Math.max(1, arg('runs', 5));
const seed = arg('seed', 1);
const pushCount = arg('pushes', 500);
const pagerankPersons = arg('pagerank-persons', 200_000);

const gc = (globalThis as { gc?: () => void }).gc;
const collect = (): void => gc?.();
const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
const peakRssMiB = (): number => mib(process.resourceUsage().maxRSS * 1024);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const ms = (x: number): number => Math.round(x * 100) / 100;
/** Wall time; the CPU time of the same call goes to `lastCpuMs` (other load on the machine
 * inflates wall time, not CPU time). */
let lastCpuMs = 0;
function time<T>(f: () => T): [T, number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  lastCpuMs = (c.user + c.system) / 1000;
  return [out, wall];
}

function ownScores(pop: SyntheticPopulation): Float64Array {
  const b = new Float64Array(pop.persons);
  for (let i = 0; i < pop.persons; i++) b[i] = 1 / (1 + Math.exp(pop.ownRisk[i]!));
  return b;
}

/** The population's CSR the way SNAPSHOT builds it: links staged, assembled, trust applied. */
function csrOfPopulation(pop: SyntheticPopulation, params: NetworkParams, trusted = true): Csr {
  const staging = new LinkStaging(pop.persons, { params, initialCapacity: pop.friendA.length + pop.paidFrom.length })
    .addFriends({ a: pop.friendA, b: pop.friendB, sinceDays: pop.friendSinceDays, interactions: pop.friendInteractions })
    .addPaids({ from: pop.paidFrom, to: pop.paidTo, count: pop.paidCount, amount: pop.paidAmount, lastAtDays: pop.paidLastDays });
  const trust = trusted ? trustArray(pop.verified, pop.accountAgeDays, params) : new Float64Array(pop.persons).fill(1);
  return withTrust(nominalCsr(pop.persons, staging.links()), trust);
}

const log = (line: string): void => console.log(line);

/**
 * The baseline of issue 22: the plainest power iteration on the same arrays — `sweeps` Jacobi
 * sweeps x ← (1 − α)·b + α·P·x over the CSR with P given, two Float64Arrays swapped, then one
 * more product for the contact averages. No shrinkage, no prior, no convergence test.
 */
function plainPowerIteration(csr: Csr, p: Float64Array, b: Float64Array, alpha: number, sweeps: number): Float64Array {
  const n = csr.nodeCount;
  const { offsets, targets } = csr;
  let x = Float64Array.from(b);
  let next = new Float64Array(n);
  for (let k = 0; k <= sweeps; k++) {
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let e = offsets[i]!; e < offsets[i + 1]!; e++) acc += p[e]! * x[targets[e]!]!;
      next[i] = k < sweeps ? (1 - alpha) * b[i]! + alpha * acc : acc;
    }
    [x, next] = [next, x];
  }
  return x;
}

// ---- 1. Full population: CSR build, propagation, influence, pushes ---------------------------
// In a function so that its arrays can be collected before the comparison below.
function fullPopulation() {
  log(`generating ${persons} persons (seed ${seed}) ...`);
  const [pop, genMs] = time(() => generatePopulation({ persons, seed }));
  const links = pop.friendA.length + pop.paidFrom.length;
  log(`  ${pop.friendA.length} friendships + ${pop.paidFrom.length} payment pairs in ${ms(genMs)} ms`);
  const b = ownScores(pop);
  const params = DEFAULT_NETWORK_PARAMS;

  const buildMs: number[] = [];
  const propagateMs: number[] = [];
  const influenceMs: number[] = [];
  const buildCpuMs: number[] = [];
  const propagateCpuMs: number[] = [];
  const influenceCpuMs: number[] = [];
  const sweepsMs: number[] = [];
  const plainMs: number[] = [];
  let csr!: Csr;
  let result!: NetworkResult;
  let iterations = 0;
  for (let r = 0; r < runs; r++) {
    collect();
    [csr, buildMs[r]] = time(() => csrOfPopulation(pop, params));
    buildCpuMs[r] = lastCpuMs;
    [result, propagateMs[r]] = time(() => propagateNetwork(csr, b, params));
    propagateCpuMs[r] = lastCpuMs;
    iterations = result.iterations;
    // Same run, same arrays: the kernel with its transition given, against the plain loop.
    sweepsMs[r] = time(() => propagateNetwork(csr, b, params, { transition: result.transition }))[1];
    plainMs[r] = time(() => plainPowerIteration(csr, result.transition.p, b, params.alpha, iterations))[1];
    influenceMs[r] = time(() => influenceCentrality(csr, result, DEFAULT_SCORE_WEIGHTS))[1];
    influenceCpuMs[r] = lastCpuMs;
    log(
      `  run ${r + 1}: CSR ${ms(buildMs[r]!)} ms, propagate ${ms(propagateMs[r]!)} ms ` +
        `(${result.iterations} it, residual ${result.residual.toExponential(2)}; with P given ${ms(sweepsMs[r]!)} ms, ` +
        `plain power iteration ${ms(plainMs[r]!)} ms), influence ${ms(influenceMs[r]!)} ms`,
    );
  }
  const entries = csr.targets.length;

  const [ws, workspaceMs] = time(() => new ContagionWorkspace(csr, result));
  const pushMs: number[] = [];
  const touched: number[] = [];
  const affected: number[] = [];
  const pushes: number[] = [];
  let state = (seed * 2654435761) >>> 0;
  const nextPerson = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % persons;
  };
  for (let k = 0; k < 20; k++) {
    const v = nextPerson(); // warm-up
    pushContagion(csr, result, [{ node: v, deltaB: -b[v]! }], { workspace: ws });
  }
  for (let k = 0; k < pushCount; k++) {
    const v = nextPerson();
    const [res, t] = time(() => pushContagion(csr, result, [{ node: v, deltaB: -b[v]! }], { workspace: ws }));
    pushMs.push(t);
    touched.push(res.touched);
    affected.push(res.affected.length);
    pushes.push(res.pushes);
  }
  const transitionBytes = result.transition.p.byteLength + 3 * result.transition.degree.byteLength;
  const wsBytes = workspaceBytes(ws);
  const peakRssFullMiB = peakRssMiB();
  log(
    `  push (default: b → 0, threshold 0.1 pt, tolerance 0.01 pt): median ${ms(median(pushMs))} ms, ` +
      `p90 ${ms(quantile(pushMs, 0.9))} ms, median touched ${median(touched)}, median affected ${median(affected)}`,
  );
  log(`  peak RSS so far ${peakRssFullMiB} MiB`);
  return {
    links,
    directedEntries: entries,
    generateMs: ms(genMs),
    csrBuildMs: ms(median(buildMs)),
    csrBuildCpuMs: ms(median(buildCpuMs)),
    propagateMs: ms(median(propagateMs)),
    propagateCpuMs: ms(median(propagateCpuMs)),
    propagateIterations: iterations,
    propagateWithTransitionMs: ms(median(sweepsMs)),
    plainPowerIterationMs: ms(median(plainMs)),
    // Issue 22: the kernel (P given) within 2× of the plain loop over the same arrays and sweeps.
    ratioKernelToPlain: Math.round((median(sweepsMs) / median(plainMs)) * 100) / 100,
    influenceMs: ms(median(influenceMs)),
    influenceCpuMs: ms(median(influenceCpuMs)),
    csrMiB: mib(csrBytes(csr)),
    transitionMiB: mib(transitionBytes),
    contagionWorkspaceMiB: mib(wsBytes),
    contagionWorkspaceBuildMs: ms(workspaceMs),
    pushSamples: pushMs.length,
    pushMedianMs: ms(median(pushMs)),
    pushP90Ms: ms(quantile(pushMs, 0.9)),
    pushMaxMs: ms(Math.max(...pushMs)),
    pushMedianTouched: median(touched),
    pushMedianAffected: median(affected),
    pushMedianPushes: median(pushes),
    peakRssMiB: peakRssFullMiB,
  };
}

// ---- 2. Influence centrality vs graphology-metrics pagerank ----------------------------------
function pagerankComparison(params: NetworkParams): Record<string, number> {
  collect();
  log(`pagerank comparison on ${pagerankPersons} persons ...`);
  const small = generatePopulation({ persons: pagerankPersons, seed: seed + 1 });
  // Same weighted graph and same maths for both: full trust, no cap, no shrinkage, same α.
  const prParams: NetworkParams = { ...params, perContactCap: 1, shrinkage: 0 };
  const smallCsr = csrOfPopulation(small, prParams, false);
  const smallB = ownScores(small);
  const smallResult = propagateNetwork(smallCsr, smallB, prParams);
  const [graph, graphMs] = time(() => {
    const g = new DirectedGraph<Record<string, never>, { weight: number }>();
    for (let i = 0; i < pagerankPersons; i++) g.addNode(i);
    const { offsets, targets, weights } = smallCsr;
    for (let i = 0; i < pagerankPersons; i++) {
      for (let e = offsets[i]!; e < offsets[i + 1]!; e++) g.addEdge(i, targets[e]!, { weight: weights[e]! });
    }
    return g;
  });
  const n = pagerankPersons;
  // graphology stops when Σ|Δπ| < n·tolerance with Σπ = 1, i.e. at a relative L1 change of
  // 1e-6 for tolerance 1e-6/n. Our v sums to Σv; stopping at Σ|Δv|/n < 1e-6·Σv/n is the
  // same relative criterion.
  const relative = 1e-6;
  let sumV = 0;
  const probe = influenceCentrality(smallCsr, smallResult, DEFAULT_SCORE_WEIGHTS, { tolerance: 1e-12 });
  for (let i = 0; i < n; i++) sumV += probe.reach[i]!;
  const ourTolerance = (relative * sumV) / n;
  const oursMs: number[] = [];
  const oursKernelMs: number[] = [];
  const theirsMs: number[] = [];
  const oursCpuMs: number[] = [];
  const theirsCpuMs: number[] = [];
  let ourIterations = 0;
  let maxDiff = 0;
  for (let r = 0; r < runs; r++) {
    collect();
    const [, tTransition] = time(() => buildTransition(smallCsr, prParams));
    const cpuTransition = lastCpuMs;
    const [infl, tKernel] = time(() => influenceCentrality(smallCsr, smallResult, DEFAULT_SCORE_WEIGHTS, { tolerance: ourTolerance }));
    ourIterations = infl.iterations;
    oursKernelMs.push(tKernel);
    oursMs.push(tTransition + tKernel);
    oursCpuMs.push(cpuTransition + lastCpuMs);
    collect();
    const [pr, tPr] = time(() => pagerank(graph, { alpha: prParams.alpha, getEdgeWeight: 'weight', tolerance: relative / n, maxIterations: 10_000 }));
    theirsMs.push(tPr);
    theirsCpuMs.push(lastCpuMs);
    // Agreement over persons with contacts (graphology spreads dangling mass over everybody;
    // our v gives isolated persons 0), after renormalising both over those persons.
    let sumOurs = 0;
    let sumTheirs = 0;
    for (let i = 0; i < n; i++) {
      if (smallResult.transition.degree[i]! > 0) {
        sumOurs += infl.reach[i]!;
        sumTheirs += pr[String(i)]!;
      }
    }
    maxDiff = 0;
    for (let i = 0; i < n; i++) {
      if (smallResult.transition.degree[i]! > 0) {
        maxDiff = Math.max(maxDiff, Math.abs(infl.reach[i]! / sumOurs - pr[String(i)]! / sumTheirs));
      }
    }
    log(`  run ${r + 1}: ours ${ms(tTransition + tKernel)} ms (without P: ${ms(tKernel)}, ${infl.iterations} sweeps), pagerank ${ms(tPr)} ms`);
  }
  const comparison = {
    persons: n,
    directedEntries: smallCsr.targets.length,
    graphologyBuildMs: ms(graphMs),
    influenceMs: ms(median(oursMs)),
    influenceWithoutTransitionMs: ms(median(oursKernelMs)),
    influenceIterations: ourIterations,
    pagerankMs: ms(median(theirsMs)),
    influenceCpuMs: ms(median(oursCpuMs)),
    pagerankCpuMs: ms(median(theirsCpuMs)),
    speedup: Math.round((median(theirsMs) / median(oursMs)) * 10) / 10,
    speedupCpu: Math.round((median(theirsCpuMs) / median(oursCpuMs)) * 10) / 10,
    speedupWithoutTransition: Math.round((median(theirsMs) / median(oursKernelMs)) * 10) / 10,
    maxAbsDiffNormalised: maxDiff,
  };
  log(`  ours ${comparison.influenceMs} ms vs pagerank ${comparison.pagerankMs} ms: ${comparison.speedup}x`);
  return comparison;
}

const loadBefore = loadavg()[0]!;
const full = fullPopulation();
collect();
const comparison = pagerankPersons > 0 ? pagerankComparison(DEFAULT_NETWORK_PARAMS) : null;

const summary = {
  bench: 'propagation',
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  nproc: cpus().length,
  loadAverage1mBefore: Math.round(loadBefore * 100) / 100,
  loadAverage1mAfter: Math.round(loadavg()[0]! * 100) / 100,
  persons,
  runs,
  seed,
  ...full,
  peakRssEndMiB: peakRssMiB(),
  pagerank: comparison,
};
console.log(JSON.stringify(summary));

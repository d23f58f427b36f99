/**
 * Logistic regression with monotone (sign) constraints: the probability of a default falls
 * as any dimension rises, so a better record can never lower a fitted score.
 *
 *     P(default | x) = σ(a − Σ_k c_k·x_k),   c_k ≥ 0
 *
 * fitted by maximum likelihood with a small ridge penalty λ·Σ c_k² (it keeps the problem
 * strictly convex when two columns are nearly the same, and is negligible otherwise). The
 * solver is a projected Newton method with an active set (D. P. Bertsekas, "Projected Newton
 * methods for optimization problems with simple constraints", SIAM J. Control Optim. 20, 1982):
 * coefficients held at 0 with a gradient pushing them below stay fixed; Newton's step is taken
 * on the rest, projected back onto c ≥ 0 and halved until the penalised loss falls. With five
 * columns each iteration costs O(n·k²) and a fit takes 5–15 iterations.
 *
 * Pure: columns in, coefficients out.
 */
import { FitError } from './fit-error.js';

const DEFAULTS = {
  /** Ridge penalty per person, λ = ridge·n. */
  ridge: 1e-6,
  /** Stop when the largest projected-gradient entry, per person, is below this. */
  tolerance: 1e-10,
  maxIterations: 100,
};

export type MonotoneLogisticOptions = Partial<typeof DEFAULTS>;

export interface MonotoneLogisticFit {
  /** a: the log-odds of a default when every column is 0. */
  intercept: number;
  /** c_k ≥ 0, one per column: how much a unit of column k lowers the log-odds. */
  coefficients: number[];
  /** Mean negative log-likelihood per person (without the ridge term). */
  logLoss: number;
  iterations: number;
  converged: boolean;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
// log(1 + e^z) without overflow.
const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/**
 * Fits P(y = 1) = σ(a − Σ_k c_k·x_k) with every c_k ≥ 0.
 *
 * @param columns one array per feature, each of length n (e.g. dimension values in [0, 1])
 * @param outcomes 1 = defaulted, 0 = did not, length n
 * @example
 * const fit = fitMonotoneLogistic([history, network], defaulted);
 * fit.coefficients; // e.g. [3.1, 0.8]: both lower the risk
 */
export function fitMonotoneLogistic(
  columns: readonly ArrayLike<number>[],
  outcomes: ArrayLike<number>,
  options: MonotoneLogisticOptions = {},
): MonotoneLogisticFit {
  const { ridge, tolerance, maxIterations } = { ...DEFAULTS, ...options };
  const n = outcomes.length;
  const k = columns.length;
  if (n === 0) throw new FitError('fit: no persons to fit on');
  for (const [j, column] of columns.entries()) {
    if (column.length !== n) throw new FitError(`fit: column ${j} has ${column.length} values for ${n} outcomes`);
  }
  let defaults = 0;
  for (let i = 0; i < n; i++) {
    const y = outcomes[i]!;
    if (y !== 0 && y !== 1) throw new FitError(`fit: outcome ${i} is ${y}, not 0 or 1`);
    defaults += y;
  }
  if (defaults === 0 || defaults === n) throw new FitError('fit: the outcomes need both defaults and non-defaults');

  const lambda = ridge * n;
  // θ = (a, c_1..c_k); the design row is (1, −x_1, …, −x_k), so z = θ·row.
  const theta = new Float64Array(k + 1);
  theta[0] = Math.log(defaults / (n - defaults));
  const row = (i: number, j: number) => (j === 0 ? 1 : -columns[j - 1]![i]!);
  const loss = (t: Float64Array) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let z = t[0]!;
      for (let j = 1; j <= k; j++) z -= t[j]! * columns[j - 1]![i]!;
      sum += softplus(z) - outcomes[i]! * z;
    }
    let penalty = 0;
    for (let j = 1; j <= k; j++) penalty += t[j]! * t[j]!;
    return { data: sum / n, total: sum + lambda * penalty };
  };

  let current = loss(theta);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const gradient = new Float64Array(k + 1);
    const hessian = Array.from({ length: k + 1 }, () => new Float64Array(k + 1));
    for (let i = 0; i < n; i++) {
      let z = theta[0]!;
      for (let j = 1; j <= k; j++) z -= theta[j]! * columns[j - 1]![i]!;
      const p = sigmoid(z);
      const residual = p - outcomes[i]!;
      const curvature = p * (1 - p);
      for (let j = 0; j <= k; j++) {
        const rj = row(i, j);
        gradient[j]! += residual * rj;
        for (let l = 0; l <= j; l++) hessian[j]![l]! += curvature * rj * row(i, l);
      }
    }
    for (let j = 1; j <= k; j++) {
      gradient[j]! += 2 * lambda * theta[j]!;
      hessian[j]![j]! += 2 * lambda;
    }
    for (let j = 0; j <= k; j++) for (let l = j + 1; l <= k; l++) hessian[j]![l] = hessian[l]![j]!;

    // Bound: at 0 and pushed below 0. The intercept is always free.
    const free = [0];
    let largest = Math.abs(gradient[0]!);
    for (let j = 1; j <= k; j++) {
      if (theta[j]! <= 0 && gradient[j]! > 0) continue;
      free.push(j);
      largest = Math.max(largest, Math.abs(gradient[j]!));
    }
    if (largest / n < tolerance) {
      converged = true;
      break;
    }
    const step = solveSymmetric(
      free.map((j) => free.map((l) => hessian[j]![l]!)),
      free.map((j) => -gradient[j]!),
    );
    let improved = false;
    for (let halving = 0, scale = 1; halving < 40 && !improved; halving++, scale /= 2) {
      const next = Float64Array.from(theta);
      free.forEach((j, f) => {
        next[j] = theta[j]! + scale * step[f]!;
        if (j > 0 && next[j]! < 0) next[j] = 0;
      });
      const tried = loss(next);
      if (tried.total < current.total) {
        theta.set(next);
        current = tried;
        improved = true;
      }
    }
    if (!improved) {
      converged = true; // no step lowers the loss any more: the optimum, to rounding
      break;
    }
  }
  return { intercept: theta[0]!, coefficients: Array.from(theta.subarray(1)), logLoss: current.data, iterations, converged };
}

/** Solves A·x = b for a small symmetric positive-definite A (Cholesky, with a tiny jitter if needed). */
function solveSymmetric(a: number[][], b: number[]): number[] {
  const m = b.length;
  for (let jitter = 0; ; jitter = jitter === 0 ? 1e-12 : jitter * 100) {
    const l = a.map((r) => r.map(() => 0));
    let ok = true;
    for (let i = 0; i < m && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = a[i]![j]! + (i === j ? jitter * Math.max(1, a[i]![i]!) : 0);
        for (let p = 0; p < j; p++) sum -= l[i]![p]! * l[j]![p]!;
        if (i === j) {
          if (!(sum > 0)) ok = false;
          else l[i]![i] = Math.sqrt(sum);
        } else l[i]![j] = sum / l[j]![j]!;
      }
    }
    if (!ok) {
      if (jitter > 1) throw new FitError('fit: the columns are degenerate (no unique fit)');
      continue;
    }
    const y = new Array<number>(m).fill(0);
    for (let i = 0; i < m; i++) {
      let sum = b[i]!;
      for (let p = 0; p < i; p++) sum -= l[i]![p]! * y[p]!;
      y[i] = sum / l[i]![i]!;
    }
    const x = new Array<number>(m).fill(0);
    for (let i = m - 1; i >= 0; i--) {
      let sum = y[i]!;
      for (let p = i + 1; p < m; p++) sum -= l[p]![i]! * x[p]!;
      x[i] = sum / l[i]![i]!;
    }
    return x;
  }
}

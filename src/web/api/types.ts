/** The shapes of the public API answers the page reads (see /openapi.json for the full ones). */

export interface PublishedRun {
  runId: string;
  kind: 'full' | 'incremental';
  modelVersion: string;
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  publishedAt: string | null;
  scored: number;
  meanScore: number | null;
  bands: { band: string; label: string; min: number; max: number; count: number }[];
  histogram: { binWidth: number; bins: { from: number; to: number; count: number }[] };
}

export interface InfluenceTop {
  runId: string;
  persons: { rank: number; personId: string; pointsIfDefault: number; networkPoints: number; score: number | null; band: string | null }[];
}

export interface Communities {
  runId: string;
  count: number;
  modularity: number;
  communities: { id: number; size: number; meanScore: number | null; bandMix: Record<string, number> }[];
}

export interface EgoNodeAttributes {
  hops: number;
  score: number | null;
  band: string | null;
  influence?: number;
}

/** graphology's `graph.export()` of the ego network. */
export interface EgoNetwork {
  attributes: { ego: string; runId: string };
  nodes: { key: string; attributes: EgoNodeAttributes }[];
  edges: { source: string; target: string; attributes?: { weight?: number; share?: number } }[];
}

export interface ReasonCode {
  code: string;
  reason: string;
  pointsLost?: number;
}

export interface PersonScore {
  personId: string;
  score: number;
  band: string;
  dimensions: Record<string, number>;
  reasonCodes: ReasonCode[];
  modelVersion: string;
  runId: string;
  asOf: string;
  disputedEvents: string[];
}

export interface ContagionRequest {
  shocks: { personId: string; ownScore: 'default' | number }[];
  threshold: number;
  offset?: number;
  limit?: number;
}

export interface AffectedPerson {
  personId: string;
  deltaPoints: number;
  deltaOwn: number;
  deltaNetwork: number;
  hops: number;
  score: number | null;
  projectedScore: number | null;
}

export interface ContagionResult {
  runId: string;
  shocks: { personId: string; ownScoreBefore: number; ownScoreAfter: number; deltaPoints: number }[];
  total: number;
  offset: number;
  limit: number;
  complete: boolean;
  errorBoundPoints: number;
  pushes: number;
  affected: AffectedPerson[];
}

/** GET /v1/reports/evaluation (src/reports/evaluation.ts). */
export interface RocPoint {
  fpr: number;
  tpr: number;
  score: number | null;
}

export interface VariantEvaluation {
  auc: number | null;
  gini: number | null;
  ks: number | null;
  ksAtScore: number | null;
  bands: { band: string; persons: number; defaults: number; defaultRate: number | null }[];
  roc: RocPoint[];
}

export interface SegmentEvaluation {
  persons: number;
  defaults: number;
  defaultRate: number | null;
  full: VariantEvaluation;
  withoutNetwork: VariantEvaluation;
  aucDifference: { difference: number | null; lower: number | null; upper: number | null; standardError: number | null } | null;
}

export interface EvaluationReport {
  runId: string;
  modelVersion: string;
  asOf: string;
  networkWeight: number;
  outcomes: { matched: number; scoredWithoutOutcome: number; unmatched: number };
  thinFile: { maxCreditEvents: number; definition: string };
  bootstrap: { replicates: number; confidence: number; seed: number };
  segments: { all: SegmentEvaluation; thinFile: SegmentEvaluation };
}

/** GET /v1/reports/fairness (src/reports/fairness.ts). */
export interface GroupVariant {
  /** Null, with the rate and ratio, when withheld (`suppressed`). */
  approved: number | null;
  approvalRate: number | null;
  adverseImpactRatio: number | null;
  flagged: boolean;
  suppressed: boolean;
  meanScore: number | null;
}

export interface FairnessReport {
  runId: string;
  modelVersion: string;
  asOf: string;
  networkWeight: number;
  cutoff: number;
  /** The cut-offs the server answers at. */
  cutoffs: number[];
  threshold: number;
  minGroupSize: number;
  persons: number;
  attributes: {
    attribute: 'sex' | 'ageBand';
    reference: { full: string | null; withoutNetwork: string | null };
    groups: { group: string; persons: number; full: GroupVariant; withoutNetwork: GroupVariant }[];
  }[];
  flags: { attribute: string; group: string; variant: 'full' | 'withoutNetwork'; adverseImpactRatio: number }[];
}

/** `GET /v1/persons/{id}/recourse`: what would raise the score, and what is not actionable. */
export interface Recourse {
  personId: string;
  score: number;
  target: { score: number; band: string; from: 'request' | 'next-band' } | null;
  reachable: boolean;
  highestReachable: number;
  summary: string;
  plans: { score: number; points: number; months: number; changes: { code: string; points: number; text: string }[] }[];
  notActionable: { kind: string; code?: string; label: string; points?: number; text: string }[];
}

/**
 * The shapes of the API answers the page reads, taken from the OpenAPI document: the page is the
 * document's first client. `openapi.gen.d.ts` is generated from the route table by
 * `npm run gen:api-types` (run by `npm run typecheck` and `npm run build`), so a change to a
 * route's schema that the page does not follow fails the typecheck.
 */
import type { operations } from './openapi.gen.js';

/** The JSON body of an operation's 200 answer. */
type Ok<Op extends keyof operations> = operations[Op]['responses'] extends { 200: { content: { 'application/json': infer Body } } } ? Body : never;

export type PublishedRun = Ok<'publishedRun'>;
export type InfluenceTop = Ok<'topInfluence'>;
export type Communities = Ok<'communities'>;
export type PersonScore = Ok<'getScore'>;
export type ReasonCode = PersonScore['reasonCodes'][number];
export type ContagionRequest = operations['simulateContagion']['requestBody']['content']['application/json'];
export type ContagionResult = Ok<'simulateContagion'>;
export type AffectedPerson = ContagionResult['affected'][number];
/** GET /v1/reports/evaluation (src/reports/evaluation.ts). */
export type EvaluationReport = Ok<'evaluationReport'>;
export type SegmentEvaluation = EvaluationReport['segments']['all'];
export type VariantEvaluation = SegmentEvaluation['full'];
export type RocPoint = VariantEvaluation['roc'][number];
/** GET /v1/reports/fairness (src/reports/fairness.ts). */
export type FairnessReport = Ok<'fairnessReport'>;
export type GroupVariant = FairnessReport['attributes'][number]['groups'][number]['full'];
export type Recourse = Ok<'getRecourse'>;
/** GET /v1/persons: a page of the person search. */
export type PersonSearch = Ok<'findPersons'>;
export type FoundPerson = PersonSearch['persons'][number];
/** GET /v1/communities/{communityId}. */
export type Community = Ok<'community'>;
/** GET /v1/persons/{id}/history. */
export type ScoreHistory = Ok<'getHistory'>;

/** GET /v1/persons/{id}/network: graphology's `graph.export()` of the ego network (src/api/routes/ego-network.ts). */
export type EgoNetwork = Ok<'egoNetwork'>;
export type EgoNodeAttributes = EgoNetwork['nodes'][number]['attributes'];
export type EgoEdgeAttributes = EgoNetwork['edges'][number]['attributes'];
export type EdgeKind = NonNullable<EgoEdgeAttributes['kind']>;
/** GET /v1/persons/{id}/explanation (src/api/explanation.ts). */
export type Explanation = Ok<'getExplanation'>;
/** GET /v1/paths/strongest (src/api/routes/tie-path.ts). */
export type StrongestTiePath = Ok<'strongestTiePath'>;

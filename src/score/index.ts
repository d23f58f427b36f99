/**
 * The per-person scorecard (pure; the model loader is its only I/O): import from here — ESLint
 * refuses deep imports into src/score from the rest of src/ (tests may import the modules).
 */
export { BANDS, SCORE_MAX, SCORE_MIN, SCORE_SPAN, bandOf, type Band, type BandId } from './bands.js';
export { DAYS_PER_MONTH, dayNumber, monthsBetween } from './dates.js';
export { pointsForValue, scoreDimension, type DimensionScore, type FeatureScore } from './dimension.js';
export { scoreBehaviour } from './dimensions/behaviour.js';
export { scoreCapacity } from './dimensions/capacity.js';
export { scoreHistory, type HistoryScore } from './dimensions/history.js';
export { scoreIdentity } from './dimensions/identity.js';
export {
  DIMENSIONS,
  MEASURES,
  PERSONAL_DIMENSIONS,
  formatMeasure,
  type Dimension,
  type MeasureName,
  type PersonalDimension,
} from './measures.js';
export {
  DEFAULT_MODEL_PATH,
  ModelError,
  loadModel,
  cardPathOf,
  labelOf,
  maxPointsOf,
  minPointsOf,
  missingPointsOf,
  missingReasonOf,
  modelSchema,
  referencePointsOf,
  parseModel,
  type Actionable,
  type Bin,
  type Model,
  type ModelFeature,
} from './model.js';
export { MAX_REASON_CODES, MIN_REASON_POINTS, REASON_REFERENCE, networkPointsVsPrior, networkReasonCode, pickReasonCodes, type ReasonCode } from './reason-codes.js';
export {
  ownScore,
  pointsPerUnit,
  scoreOwnDimensions,
  scoreOfDimensions,
  scorePerson,
  scoreWithoutNetwork,
  type Dimensions,
  type OwnDimensions,
  type OwnScoreInput,
  type PersonScore,
  type ScorePersonInput,
} from './scorecard.js';
export { ownPartOf, scoreFromOwnPart, type OwnPart, type PartsScore } from './own-part.js';
export { SCORING_FEATURE_KEYS, pickScoringFeatures, type ScoringFeatures } from './scoring-features.js';

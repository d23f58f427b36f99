/** The scorecard model's weights as the graph kernels take them (points per unit of b and n). */
import type { ScoreWeights } from '../graph/index.js';
import { PERSONAL_DIMENSIONS, SCORE_SPAN, type Model } from '../score/index.js';

export function scoreWeightsOf(model: Model): ScoreWeights {
  const own = PERSONAL_DIMENSIONS.reduce((sum, dimension) => sum + model.weights[dimension], 0);
  return { scale: SCORE_SPAN, own, network: model.weights.network };
}

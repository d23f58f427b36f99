/**
 * The answer of GET /v1/persons/{id}/network: graphology's `graph.export()` of the ego network,
 * with the attributes the route puts on the graph, its nodes and its edges declared, so the
 * analyst page's types come from this schema (npm run gen:api-types). The objects stay open: a
 * serialized graph may carry more attributes than the page reads.
 */
import { z } from 'zod';

export const egoNetworkSchema = z
  .looseObject({
    attributes: z.looseObject({ ego: z.string().meta({ description: 'The person asked for' }), runId: z.string() }),
    options: z.looseObject({ type: z.string() }),
    nodes: z.array(
      z.object({
        key: z.string().meta({ description: 'Person id' }),
        attributes: z.looseObject({
          hops: z.number().int().meta({ description: '0 for the person, 1 for contacts, 2 for contacts of contacts' }),
          label: z.string(),
          score: z.number().int().nullable().meta({ description: 'Published score; null when the run serves none' }),
          band: z.string().nullable(),
          influence: z.number().meta({ description: 'Points their default would move in total' }),
        }),
      }),
    ),
    edges: z.array(
      z.looseObject({
        key: z.string().optional(),
        source: z.string(),
        target: z.string(),
        attributes: z.looseObject({ weight: z.number().optional(), share: z.number().optional() }).optional(),
      }),
    ),
  })
  .meta({ id: 'EgoNetwork' });

/**
 * THE route table: every endpoint of the API, in the order the OpenAPI document lists them.
 * The router, `/openapi.json` and the authorization-matrix test are generated from it.
 */
import type { AnyRoute } from '../route.js';
import { attestationRoutes } from './attestations.js';
import { consentRoutes } from './consents.js';
import { disputeRoutes } from './disputes.js';
import { egoNetworkRoutes } from './ego-network.js';
import { ingestRoutes } from './ingest.js';
import { jobRoutes } from './jobs.js';
import { communityRoutes } from './community.js';
import { networkRoutes } from './network.js';
import { personSearchRoutes } from './person-search.js';
import { personRoutes } from './persons.js';
import { recourseRoutes } from './recourse.js';
import { runRoutes } from './runs.js';
import { scoreExportRoutes } from './score-exports.js';
import { reportRoutes } from './reports.js';
import { scoreRoutes } from './scores.js';
import { systemRoutes } from './system.js';
import { tiePathRoutes } from './tie-path.js';

export const ROUTES: readonly AnyRoute[] = [
  ...systemRoutes,
  ...scoreRoutes,
  ...recourseRoutes,
  ...networkRoutes,
  ...egoNetworkRoutes,
  ...tiePathRoutes,
  ...communityRoutes,
  ...personSearchRoutes,
  ...runRoutes,
  ...scoreExportRoutes,
  ...reportRoutes,
  ...consentRoutes,
  ...personRoutes,
  ...disputeRoutes,
  ...attestationRoutes,
  ...jobRoutes,
  ...ingestRoutes,
];

/**
 * `/docs`: the interactive API reference — swagger-ui-dist's static files served from
 * node_modules (no CDN), pointed at this server's `/openapi.json`.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';

const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '../openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
    validatorUrl: null, // never send the document's address to validator.swagger.io (and the CSP would refuse it)
  });
};
`;

export function docsRouter(): Router {
  const assets = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const router = Router({ strict: true });
  router.get('/docs', (_req, res) => res.redirect(301, '/docs/'));
  router.get('/docs/swagger-initializer.js', (_req, res) => {
    res.type('application/javascript').send(INITIALIZER);
  });
  router.use('/docs/', express.static(assets, { index: 'index.html', maxAge: '1h', fallthrough: true }));
  return router;
}

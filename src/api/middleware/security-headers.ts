/**
 * Helmet's security headers, with those that only make sense over TLS sent only then.
 * `Strict-Transport-Security` and the CSP's `upgrade-insecure-requests` tell a browser to fetch
 * everything over https; sent over plain http they break the page and /docs for anyone who opens
 * them by an address other than localhost/127.0.0.1 (which browsers treat as secure): the scripts
 * are asked for over https, which this server does not speak (issue 19, item 7).
 * `Cross-Origin-Opener-Policy` is ignored there, with a console error, so it goes too. "Over TLS" is
 * `req.secure`: a TLS connection, or `X-Forwarded-Proto: https` from a proxy TRUST_PROXY trusts.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

// `worker-src blob:`: the analyst page's ForceAtlas2 layout runs in a Web Worker that
// graphology-layout-forceatlas2 starts from a Blob of its own code; only a script of the page
// (script-src 'self') can make such a Blob, so this admits no other code.
const DIRECTIVES = { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'connect-src': ["'self'"], 'worker-src': ["'self'", 'blob:'] };

export function securityHeaders(): RequestHandler {
  const overTls = helmet({ contentSecurityPolicy: { directives: DIRECTIVES } });
  const plain = helmet({
    contentSecurityPolicy: { directives: { ...DIRECTIVES, 'upgrade-insecure-requests': null } },
    strictTransportSecurity: false,
    crossOriginOpenerPolicy: false, // browsers ignore it outside a secure context, with a console error
  });
  return (req, res, next) => (req.secure ? overTls : plain)(req, res, next);
}

/**
 * Prometheus metrics for `/metrics`: request counts and latencies per route (the route
 * table's path, never the raw URL, so ids do not explode the label set) plus the process
 * metrics prom-client collects. Each app has its own registry, so several apps can live in
 * one process (tests) without clashing.
 */
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface ApiMetrics {
  registry: Registry;
  middleware: (req: Request, res: Response, next: NextFunction) => void;
  /** Adds a gauge read when /metrics is scraped. */
  gauge(name: string, help: string, read: () => number): void;
}

export function createMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tiescore_' });
  const requests = new Counter({
    name: 'tiescore_http_requests_total',
    help: 'HTTP requests by route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tiescore_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  return {
    registry,
    gauge(name, help, read) {
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    },
    middleware(req, res, next) {
      const stop = duration.startTimer();
      res.on('finish', () => {
        const route = (res.locals.route as string | undefined) ?? 'unmatched';
        const labels = { method: req.method, route };
        stop(labels);
        requests.inc({ ...labels, status: String(res.statusCode) });
      });
      next();
    },
  };
}

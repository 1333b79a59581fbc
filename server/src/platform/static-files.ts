import fs from 'node:fs';
import path from 'node:path';

import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';

import { notFound } from './app-error.js';

/** Hashed names change with their content: a browser keeps them a year without asking again. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html, the service worker, the web manifest, icons: revalidated on every use, so a new release reaches phones at once. */
const REVALIDATE = 'no-cache';

const isServerPath = (urlPath: string) => urlPath.startsWith('/api') || urlPath.startsWith('/socket.io');
const isRead = (req: Request) => req.method === 'GET' || req.method === 'HEAD';

/**
 * The built Vue app, sent as the build's brotli or gzip twin when the request accepts it, with
 * every other non-API path falling back to index.html for the router. A missing file under
 * /assets/ is a 404, never index.html: an old page asking for a chunk of a past release must
 * fail loudly, not cache HTML under a script's name.
 */
export function serveClient(app: NestExpressApplication, dist: string) {
  if (!fs.existsSync(path.join(dist, 'index.html'))) return;
  const assets = path.join(dist, 'assets') + path.sep;
  const files = expressStaticGzip(dist, {
    enableBrotli: true,
    // Browsers list gzip before br at equal weight; brotli is smaller, so it wins whenever accepted (q > 0).
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      redirect: false,
      setHeaders: (res, file) => res.setHeader('Cache-Control', file.startsWith(assets) ? IMMUTABLE : REVALIDATE),
    },
  });
  const serve = (req: Request, res: Response, next: NextFunction) => {
    const earlierVary = res.getHeader('Vary');
    files(req, res, (err?: unknown) => {
      // The twin chosen at start is gone (a rebuild under a running server): what answers next is not compressed.
      res.removeHeader('Content-Encoding');
      next(err);
    });
    // The library sets Vary outright; CORS's Vary: Origin must stay beside Accept-Encoding.
    if (earlierVary && !res.headersSent) res.vary(String(earlierVary));
  };

  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isRead(req) || isServerPath(req.path)) return next();
    serve(req, res, next);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isRead(req) || isServerPath(req.path)) return next();
    if (req.path.startsWith('/assets/')) return next(notFound('file'));
    req.url = '/index.html';
    serve(req, res, next);
  });
}

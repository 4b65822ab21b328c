import express from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import path from 'node:path';
import { PROJECT_ROOT, TEMPLATES_DIR } from '../platform/project-root.js';

/** The NL Design System CSS from npm and the portal's own stylesheet, served from this host (no CDN). */
export function mountPortalAssets(app: NestExpressApplication): void {
  const options = { maxAge: '1d', fallthrough: false, index: false } as const;
  const file = (target: string) => (_request: express.Request, response: express.Response) =>
    response.sendFile(target, { maxAge: '1d', headers: { 'Content-Type': 'text/css; charset=utf-8' } });
  app.use('/assets/utrecht/components.css', file(path.join(PROJECT_ROOT, 'node_modules/@utrecht/component-library-css/dist/index.css')));
  app.use('/assets/utrecht/design-tokens.css', file(path.join(PROJECT_ROOT, 'node_modules/@utrecht/design-tokens/dist/index.css')));
  // Browsers ask for it at the root whatever the page says; without it they would get an error answer.
  app.use('/favicon.ico', (_request: express.Request, response: express.Response) =>
    response.sendFile(path.join(TEMPLATES_DIR, 'portal', 'assets', 'favicon.ico'), {
      maxAge: '7d',
      headers: { 'Content-Type': 'image/x-icon' },
    }),
  );
  app.use('/assets', express.static(path.join(TEMPLATES_DIR, 'portal', 'assets'), options));
}

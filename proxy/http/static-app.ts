import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

export const APP_SHELL = '200.html';

/** Files that must be revalidated on every load, or a new deployment is never seen. */
const alwaysRevalidate = new Set([`/${APP_SHELL}`, '/sw.js', '/manifest.webmanifest', '/_app/version.json']);

const hasExtension = (path: string): boolean => (path.split('/').pop() ?? '').includes('.');

/** The SPA shell, read once at start: a deployment replaces the process along with the files. */
export function readAppShell(root: string): string | undefined {
  const shell = join(resolve(root), APP_SHELL);
  return existsSync(shell) ? readFileSync(shell, 'utf8') : undefined;
}

/**
 * Serves the built SPA: hashed files cached for a year, the shell and service worker revalidated on every
 * load, and every extension-less path answered with the shell so deep links work. Missing files stay 404.
 */
export function staticApp(root: string, shell: string | undefined): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    const path = c.req.path;
    if (path.startsWith('/_app/immutable/')) {
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
    } else if (alwaysRevalidate.has(path) || !hasExtension(path)) {
      c.header('Cache-Control', 'no-cache');
    } else {
      c.header('Cache-Control', 'public, max-age=3600');
    }
  });

  app.use('*', serveStatic({ root: resolve(root) }));
  app.get('*', (c, next) => (shell && !hasExtension(c.req.path) ? c.html(shell) : next()));
  return app;
}

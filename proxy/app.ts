import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { HealthResponse } from '../src/lib/core/api/health';
import { providerIds, providerLabels } from '../src/lib/core/providers';
import { aiRoutes, type AiDeps } from './ai/routes';
import type { ProxyConfig } from './config';
import { contentSecurityPolicy, inlineScriptHashes } from './http/csp';
import { jsonError } from './http/errors';
import type { Log } from './log/log';
import { readAppShell, staticApp } from './http/static-app';
import { notifyRoutes, type NotifyDeps } from './notify/routes';
import { shareRoutes, type ShareDeps } from './shares/routes';

export type AppConfig = Pick<ProxyConfig, 'version' | 'bodyLimitBytes' | 'providerKeys'> & {
  /** Built SPA to serve; omitted for an API-only process. */
  staticRoot?: string;
  /** The AI routes' ledger, users and adapters; without them /api/ai answers 503. */
  ai?: AiDeps;
  /** Shared boards; without them /api/shares answers 503. */
  shares?: ShareDeps;
  /** E-mail to a signed-in user; without it /api/notify answers 503. */
  notify?: NotifyDeps;
  /** Where unexpected failures are written (the redacting server log); stderr when absent. */
  log?: Log;
};

/** The whole server as a Hono app: importable by tests (`app.request(...)`) without opening a socket. */
export function createApp(config: AppConfig): Hono {
  const app = new Hono();
  const shell = config.staticRoot ? readAppShell(config.staticRoot) : undefined;
  if (config.staticRoot && !shell) {
    console.warn(
      `[proxy] no built app in ${config.staticRoot}/: serving the API only (run \`npm run build\`).`
    );
  }
  const csp = contentSecurityPolicy(shell ? inlineScriptHashes(shell) : []);

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: undefined,
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: 'same-origin',
      // One frame policy: never framed, as the CSP's frame-ancestors 'none' says for browsers that read it.
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      permissionsPolicy: { camera: [], microphone: [], geolocation: [] }
    })
  );
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp);
  });
  app.use('*', compress());

  const apiBodyLimit = bodyLimit({
    maxSize: config.bodyLimitBytes,
    onError: (c) =>
      jsonError(
        c,
        413,
        'payload_too_large',
        `The request body is larger than the ${Math.round(config.bodyLimitBytes / 1024)} KB this endpoint accepts.`
      )
  });
  // Uploads to an AI operation and shared boards have their own, larger limits, set on those routes.
  const ownLimit = (path: string) => path === '/api/ai/run' || /^\/api\/shares(\/[\w-]+)?$/.test(path);
  app.use('/api/*', (c, next) => (ownLimit(c.req.path) ? next() : apiBodyLimit(c, next)));

  app.get('/api/health', (c) => {
    const body: HealthResponse = {
      status: 'ok',
      version: config.version,
      providers: providerIds.map((id) => ({
        id,
        label: providerLabels[id],
        configured: Boolean(config.providerKeys[id])
      }))
    };
    return c.json(body);
  });

  if (config.ai) app.route('/api/ai', aiRoutes(config.ai).app);
  else {
    app.all('/api/ai/*', (c) =>
      jsonError(c, 503, 'ai_unavailable', 'The AI routes are not running on this server.')
    );
  }

  if (config.shares) app.route('/api/shares', shareRoutes(config.shares));
  else {
    app.all('/api/shares/*', (c) =>
      jsonError(c, 503, 'shares_unavailable', 'Shared boards are not running on this server.')
    );
  }

  if (config.notify) app.route('/api/notify', notifyRoutes(config.notify));
  else {
    app.all('/api/notify', (c) =>
      jsonError(c, 503, 'notify_not_configured', 'This server does not send e-mail.')
    );
  }

  app.all('/api/*', (c) => jsonError(c, 404, 'not_found', `No API route ${c.req.method} ${c.req.path}.`));

  if (config.staticRoot) app.route('/', staticApp(config.staticRoot, shell));

  app.notFound((c) => jsonError(c, 404, 'not_found', `Nothing at ${c.req.path}.`));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return jsonError(
        c,
        error.status,
        error.status === 413 ? 'payload_too_large' : 'bad_request',
        error.message
      );
    }
    (config.log ?? ((line) => console.error(line)))(
      `[proxy] ${c.req.method} ${c.req.path} failed: ${error.message}`
    );
    return jsonError(c, 500, 'internal_error', 'The server failed to handle this request.');
  });

  return app;
}

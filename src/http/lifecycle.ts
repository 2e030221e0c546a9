import type { App } from './app.js';
import { codeTag } from './logging.js';
import { sendProblem } from './problem.js';

/**
 * What the server does around its requests rather than in them.
 *
 * Stopping: from the moment `close()` begins, requests still arriving (on a kept-alive
 * connection) are answered `503 service_stopping` in the API's problem shape, with
 * `Connection: close`, so that a load balancer or a place's software sends them elsewhere
 * or again; the requests in progress finish, and their connections close after them.
 *
 * Logging: one line per request would bury the start banner and every real event, so a
 * request is logged at `debug` (LOG_LEVEL=debug shows them), a server error at `error`
 * (a 503 stays at debug: the database outage behind it is logged once per request as a
 * warning, without a stack).
 * The line names the route's pattern, never the address itself, which may hold a pass
 * code or an invitation token; the pass, if any, by its short hash (http/logging.ts).
 */
const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
/** Whether a logger at `current` writes a line at `wanted` ('silent' and unknown levels write none). */
const enabled = (current: string, wanted: string) => (LEVELS[current] ?? Infinity) <= LEVELS[wanted]!;

export function installLifecycle(app: App): void {
  let stopping = false;
  app.addHook('preClose', async () => {
    stopping = true;
  });
  app.addHook('onRequest', async (_req, reply) => {
    if (!stopping) return;
    reply.header('connection', 'close').header('retry-after', '2');
    return sendProblem(reply, {
      code: 'service_stopping',
      detail: "Le service s'arrête. Réessayez dans quelques instants.",
    });
  });
  // A request in progress when the stop began is answered, then its connection closed:
  // kept alive, it would hold the stop until the keep-alive timeout.
  app.addHook('onSend', async (_req, reply) => {
    if (stopping) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (req, reply) => {
    // A 503 (database unavailable, stopping) is expected in an outage and said once elsewhere.
    const level = reply.statusCode >= 500 && reply.statusCode !== 503 ? 'error' : 'debug';
    if (!enabled(req.log.level, level)) return;
    // The pass a request was about, as the short hash a support person can match.
    const code =
      (req.params as { code?: unknown } | undefined)?.code ??
      (req.body as { code?: unknown } | undefined)?.code;
    req.log[level](
      {
        method: req.method,
        route: req.routeOptions.url ?? '(none)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        ...(typeof code === 'string' ? { code: codeTag(code) } : {}),
      },
      'request',
    );
  });
}

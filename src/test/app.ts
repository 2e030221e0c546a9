import type { LightMyRequestResponse } from 'fastify';
import type { Config } from '../config.js';
import { createTestDatabase, type TestDatabase } from '../db/test/database.js';
import { DEMO_PASSWORD, loadDemo } from '../demo/seed.js';
import type { App } from '../http/app.js';
import { undocumentedRefusals } from '../http/problem.js';
import { buildServer } from '../server.js';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: '/nonexistent',
    embeddedPgPort: 0,
    publicUrl: 'http://localhost:3000',
    logLevel: 'silent',
    sessionTtlHours: 1,
    cookieSecure: false,
    loadDemo: false,
    redemptionCancelHours: 24,
    codeGuessLimit: 20,
    codeGuessWindowMinutes: 10,
    // vitest.config.ts names one key for the whole run, so the command line run by tests agrees.
    auditSigningKeyFile: process.env.AUDIT_SIGNING_KEY_FILE!,
    // A test's outcome must not depend on the day it runs: the calendar's jobs are called directly.
    calendarJobs: false,
    ...overrides,
  };
}

export interface TestApp {
  app: App;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real server on this test file's own database, optionally loaded with the demo data. */
export async function startTestApp(
  opts: { demo?: boolean; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  if (opts.demo) await loadDemo(database.db);
  const app = await buildServer({ db: database.db, config: testConfig(opts.config) });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
      // Every refusal the tests met must be in the OpenAPI document of its route (issue 13):
      // the software of places and prescribers branches on the codes the document lists.
      if (undocumentedRefusals.length > 0)
        throw new Error(`refusals missing from the OpenAPI document: ${undocumentedRefusals.join('; ')}`);
    },
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A signed-in client: sends the session cookie and the CSRF token like the web app does. */
export interface Client {
  /** The session cookie's value, for requests built by hand (another address, say). */
  cookie: string;
  csrfToken: string;
  session: { memberships: { role: string; funderId: string | null; organisationId: string | null }[] };
  request(method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

/** `remoteAddress` spreads many sign-ins of one test file over addresses (10 a minute each). */
export async function signIn(
  app: App,
  email: string,
  password = DEMO_PASSWORD,
  remoteAddress?: string,
): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'pn_session')!;
  const session = res.json();
  return {
    cookie: cookie.value,
    csrfToken: session.csrfToken,
    session,
    request: (method, url, payload) =>
      app.inject({
        method,
        url,
        payload: payload as never,
        cookies: { pn_session: cookie.value },
        headers: method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken },
      }),
  };
}

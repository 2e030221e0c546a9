import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPassCode } from '../core/pass-code.js';
import { DEMO_PASSWORD } from '../demo/seed.js';
import * as audit from '../modules/audit/service.js';
import { type Client, signIn, startTestApp, type TestApp } from '../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets, placeKey } from '../test/circulation.js';
import {
  arbitraryOf,
  encodeSegment,
  type JsonSchema,
  type Mode,
  mutateLeaf,
  wildLeaf,
} from '../test/generated-input.js';

/**
 * Every route of the OpenAPI document gets requests of the shape it declares, carrying
 * hostile strings, edge dates and extreme integers, sent by the role that may write, with
 * ids of real objects: none may answer 5xx. FUZZ_RUNS and FUZZ_SEED run more, or others.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_130);
const IN_FLIGHT = 6;

type Role =
  | 'anonymous'
  | 'platformAdmin'
  | 'funderAdmin'
  | 'prescriber'
  | 'placeAdmin'
  | 'placeAgent'
  | 'placeKey';

/** Who may write on each route (first match); the funder's admin for the rest. */
const ROLES: [RegExp, Role | Role[]][] = [
  [/^POST \/auth\/(login|logout)$/, 'anonymous'],
  [/^\w+ \/invitations\//, 'anonymous'],
  [/^(POST \/funders|PATCH \/funders\/\{funderId\})$/, 'platformAdmin'],
  [/\/(hand-outs|replacements|stock)$|^POST \/booklets\//, 'prescriber'],
  [/\/api-keys/, 'placeAdmin'],
  [/^(GET \/passes\/|POST \/redemptions)/, ['placeKey', 'placeAgent']],
  [/^GET \/places\/\{placeId\}\/redemptions$/, 'placeAgent'],
];

/** Logins and invitations hash a password (argon2, tens of ms): fewer of them keeps the run short. */
const WEIGHTS: [RegExp, number][] = [
  [/^POST \/auth\/(login|password)$|\/accept$/, 1],
  [/^POST \/redemptions$|^GET \/passes\//, 8],
];

interface Operation {
  key: string;
  method: string;
  path: string;
  params: Record<string, JsonSchema>;
  query: Record<string, JsonSchema>;
  queryRequired: string[];
  body?: JsonSchema;
}

interface Sent {
  op: Operation;
  role: Role;
  url: string;
  body?: unknown;
  address: string;
}

let t: TestApp;
let c: Circulation;
let clients: Partial<Record<Role, Client>>;
let apiKey: string;
let operations: Operation[];
let resolve: (ref: string) => JsonSchema;
let values: Record<string, readonly unknown[]>;

beforeAll(async () => {
  // The guess limiter would answer 429 to most code lookups long before the run ends.
  t = await startTestApp({ demo: true, config: { codeGuessLimit: 1_000_000 } });
  c = await demoCampaign(t);
  const { serials, codes, missionLocale } = await handedOutBooklets(t, c, 20);
  // Booklets in the Mission locale's hands, not yet handed out: hand-outs and transfers can succeed.
  const sizes = (await c.funder.request('GET', `/api/v1/programs/${c.programId}`)).json().state.bookletSizes;
  await c.funder.request('POST', `/api/v1/programs/${c.programId}/issues`, {
    bookletCount: 20,
    bookletSize: sizes[0],
  });
  const allocated = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
    prescriberId: missionLocale,
    count: 20,
  });
  if (allocated.statusCode !== 201) throw new Error(`allocation failed: ${allocated.body}`);
  serials.push(...allocated.json().serials);
  const mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  apiKey = await placeKey(t, mediatheque);
  clients = {
    platformAdmin: await signIn(t.app, 'admin@pass-numerique.test'),
    funderAdmin: c.funder,
    prescriber: await signIn(t.app, 'prescripteur@hautsdefrance.test'),
    placeAdmin: await signIn(t.app, 'lieu@hautsdefrance.test'),
    placeAgent: await signIn(t.app, 'benevole@hautsdefrance.test'),
  };
  values = await realValues(t, c, { serials, codes, missionLocale, mediatheque });

  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  resolve = (ref) => doc.components.schemas[ref.replace('#/components/schemas/', '')];
  operations = Object.entries(doc.paths as Record<string, Record<string, OpenApiOperation>>).flatMap(
    ([path, ops]) =>
      Object.entries(ops).map(([method, op]) =>
        operation(method.toUpperCase(), path.replace('/api/v1', ''), op),
      ),
  );
}, 300_000);
afterAll(() => t.close());

interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: { 'application/json'?: { schema: JsonSchema } } };
}

function operation(method: string, path: string, op: OpenApiOperation): Operation {
  const params: Record<string, JsonSchema> = {};
  const query: Record<string, JsonSchema> = {};
  const queryRequired: string[] = [];
  for (const p of op.parameters ?? []) {
    if (p.in === 'path') params[p.name] = p.schema;
    if (p.in === 'query') {
      query[p.name] = p.schema;
      if (p.required) queryRequired.push(p.name);
    }
  }
  const body = op.requestBody?.content['application/json']?.schema;
  return { key: `${method} ${path}`, method, path, params, query, queryRequired, body };
}

/** Ids and values of real objects, by field name, so that requests reach the services. */
async function realValues(
  t: TestApp,
  c: Circulation,
  real: { serials: string[]; codes: string[]; missionLocale: string; mediatheque: string },
): Promise<Record<string, readonly unknown[]>> {
  const db = t.database.db;
  const col = async (q: ReturnType<typeof sql>) =>
    (await db.execute(q)).rows.map((r) => Object.values(r as Record<string, unknown>)[0]);
  const funders = await col(sql`SELECT id FROM funders ORDER BY name`);
  const programs = await col(sql`SELECT id FROM programs ORDER BY id`);
  const prescribers = await col(sql`SELECT id FROM organisations WHERE kind = 'prescriber' ORDER BY name`);
  const places = await col(sql`SELECT id FROM organisations WHERE kind = 'place' ORDER BY name`);
  const serials = await col(sql`
    SELECT serial FROM (
      SELECT serial, row_number() OVER (PARTITION BY status ORDER BY serial) AS n FROM booklets
      WHERE program_id = ${c.programId}) b
    WHERE n <= 30 ORDER BY serial`);
  const batches = await col(sql`SELECT id FROM issue_batches ORDER BY id`);
  const envelopes = await col(sql`SELECT id FROM envelopes ORDER BY id`);
  // Not the key this test redeems with: revoking it would leave the redemption routes at 401.
  const keys = await col(sql`SELECT id FROM api_keys WHERE label <> 'test' ORDER BY id`);
  const tokens: string[] = [];
  for (const role of ['funder_viewer', 'prescriber_agent', 'funder_admin'] as const) {
    const res = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/invitations`, {
      email: `invite-${role}@exemple.fr`,
      role,
      organisationId: role === 'prescriber_agent' ? real.missionLocale : null,
    });
    tokens.push(res.json().invitationUrl.split('/invitation/')[1]);
  }
  const program = (await c.funder.request('GET', `/api/v1/programs/${c.programId}`)).json();
  const emails = ['financeur@hautsdefrance.test', 'admin@pass-numerique.test', 'personne@exemple.fr'];
  const codes = real.codes.flatMap((code) => [
    code,
    formatPassCode(code),
    formatPassCode(code).toLowerCase(),
  ]);
  const communes = ['80021', '59350', '62041', '60057', '02691', '2A004', '97411', '75056', '55545', '99999'];
  // Mostly the campaign and its funder: the objects the signed-in roles may write to.
  const mostly = (main: unknown, all: unknown[]) => [...Array(8).fill(main), ...all];
  return {
    funderId: mostly(c.funderId, funders),
    programId: mostly(c.programId, programs),
    organisationId: mostly(real.missionLocale, [...prescribers, ...places]),
    prescriberId: mostly(real.missionLocale, prescribers),
    toId: mostly(real.missionLocale, prescribers),
    placeId: mostly(real.mediatheque, places),
    batchId: batches,
    envelopeId: envelopes,
    keyId: keys,
    serial: [...real.serials, ...serials],
    blockedSerial: [...real.serials, ...serials],
    code: codes,
    token: tokens,
    email: emails,
    firstAdminEmail: emails,
    password: [DEMO_PASSWORD, 'mauvais mot de passe'],
    payer: program.state.budget.cofunders.map((f: { name: string }) => f.name),
    audience: program.state.audiences,
    audiences: program.state.audiences,
    communeCode: communes,
    'territory.*.code': ['32', '80', '59', '200070993', '80021', '245501259', '2A', '97411'],
    redemptionId: [1, 2, 3, 4, 5],
    siret: ['81234567800013', '41234567800012', '00000000000000'],
  };
}

function roleOf(key: string, pick: number): Role {
  const found = ROLES.find(([re]) => re.test(key))?.[1] ?? 'funderAdmin';
  return Array.isArray(found) ? found[pick % found.length]! : found;
}

function weightOf(key: string) {
  return WEIGHTS.find(([re]) => re.test(key))?.[1] ?? 3;
}

function requestArbitrary(op: Operation): fc.Arbitrary<Sent> {
  const hints = {
    valuesFor: (path: string[]) => {
      const name = path.filter((s) => s !== '*').at(-1) ?? '';
      return values[path.join('.')] ?? values[name];
    },
    // Issuing is a bulk path measured by bench/issue.ts: 200,000 booklets a request would
    // make this test a benchmark. The schema's bounds are still sent, out of range.
    capFor: (path: string[]) => (path.at(-1) === 'bookletCount' ? 30 : undefined),
  };
  const ctx = { resolve, hints };
  const shaped = (mode: Mode) => {
    const one = (name: string, schema: JsonSchema) => [name, arbitraryOf(schema, [name], ctx, mode)] as const;
    return fc.record({
      params: fc.record(Object.fromEntries(Object.entries(op.params).map(([n, s]) => one(n, s)))),
      query: fc.record(Object.fromEntries(Object.entries(op.query).map(([n, s]) => one(n, s))), {
        requiredKeys: op.queryRequired,
      }),
      body: op.body ? arbitraryOf(op.body, [], ctx, mode) : fc.constant(undefined),
    });
  };
  // Mostly well-formed requests, which reach the services; many with one value gone wrong;
  // some wrong all over.
  const parts = fc.oneof(
    { weight: 5, arbitrary: shaped('valid') },
    {
      weight: 4,
      arbitrary: fc
        .tuple(shaped('valid'), fc.nat(), wildLeaf)
        .map(
          ([r, pick, bad]) => mutateLeaf(r, pick, bad) as { params: Values; query: Values; body: unknown },
        ),
    },
    { weight: 1, arbitrary: shaped('wild') },
  );
  return fc
    .tuple(parts, fc.nat(), fc.integer({ min: 1, max: 250 }), fc.integer({ min: 1, max: 250 }))
    .map(([{ params, query, body }, pick, a, z]) => {
      let url = `/api/v1${op.path}`.replace(/\{(\w+)\}/g, (_, name) => encodeSegment(params[name]));
      const search = Object.entries(query)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${encodeSegment(v === null ? '' : v)}`)
        .join('&');
      if (search) url += `?${search}`;
      const role = roleOf(op.key, pick);
      return { op, role, url, body, address: `10.${pick % 250}.${a}.${z}` };
    });
}

type Values = Record<string, unknown>;

function problemCode(body: string) {
  try {
    return (JSON.parse(body) as { code?: string; errors?: { field: string }[] }).code ?? '';
  } catch {
    return '';
  }
}

async function send(s: Sent) {
  const client = s.role === 'anonymous' || s.role === 'placeKey' ? undefined : clients[s.role];
  const headers: Record<string, string> = {};
  if (client && s.op.method !== 'GET') headers['x-csrf-token'] = client.csrfToken;
  if (s.role === 'placeKey') headers.authorization = `Bearer ${apiKey}`;
  const options: InjectOptions = {
    method: s.op.method as InjectOptions['method'],
    url: s.url,
    headers,
    remoteAddress: s.address,
    ...(client ? { cookies: { pn_session: client.cookie } } : {}),
  };
  if (s.op.body) {
    options.payload = JSON.stringify(s.body) ?? 'null';
    headers['content-type'] = 'application/json';
  }
  return t.app.inject(options);
}

describe('generated input on every route', () => {
  it(`answers ${RUNS} generated requests (seed ${SEED}) without a single 5xx`, async () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
    const everyRoute = fc.oneof(
      ...operations.map((op) => ({ weight: weightOf(op.key), arbitrary: requestArbitrary(op) })),
    );
    const requests = fc.sample(everyRoute, { seed: SEED, numRuns: RUNS });
    const failures: string[] = [];
    const statuses = new Map<string, Map<string, number>>();
    const report = Boolean(process.env.FUZZ_REPORT);
    let next = 0;
    async function worker() {
      while (next < requests.length) {
        const s = requests[next++]!;
        const began = performance.now();
        const res = await send(s);
        const byStatus = statuses.get(s.op.key) ?? new Map<string, number>();
        const outcome =
          report && res.statusCode >= 400
            ? `${res.statusCode} ${problemCode(res.body)}`
            : String(res.statusCode);
        byStatus.set(outcome, (byStatus.get(outcome) ?? 0) + 1);
        byStatus.set('ms', (byStatus.get('ms') ?? 0) + Math.round(performance.now() - began));
        statuses.set(s.op.key, byStatus);
        const problem =
          res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json');
        if (res.statusCode >= 500 || problem) {
          failures.push(
            `${s.op.method} ${s.url.slice(0, 200)} as ${s.role}\n  body ${JSON.stringify(s.body)?.slice(0, 400)}\n  → ${res.statusCode} ${res.body.slice(0, 300)}`,
          );
        }
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    if (report) {
      for (const [key, byStatus] of [...statuses].sort())
        console.log(key, JSON.stringify(Object.fromEntries([...byStatus].sort())));
    }
    // Every route was exercised, and past the schema for most of them.
    expect([...statuses.keys()].sort()).toEqual(operations.map((o) => o.key).sort());
    expect(failures.slice(0, 20), `${failures.length} failures`).toEqual([]);
    // What was written with hostile text is still sound: every movement balances, and the
    // audit chain, hashed in JavaScript from what PostgreSQL gives back, verifies.
    const unbalanced = await t.database.db.execute(
      sql`SELECT program_id FROM ledger_postings GROUP BY program_id HAVING sum(amount_cents) <> 0`,
    );
    expect(unbalanced.rows).toEqual([]);
    const chain = await audit.verify(t.database.db);
    expect(chain).toMatchObject({ ok: true });
  }, 600_000);
});

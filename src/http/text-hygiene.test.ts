import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../core/dates.js';
import { DEMO_PASSWORD } from '../demo/seed.js';
import { type Client, signIn, startTestApp, type TestApp } from '../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets, placeKey } from '../test/circulation.js';

/**
 * Strings that PostgreSQL refuses (NUL) or stores altered (lone surrogates), and control
 * characters that have no business in a name or a reference, are refused by the schema of
 * every route with a 422 naming the field, before any service or database sees them.
 */
let t: TestApp;
let c: Circulation;
let prescriber: Client;
let placeAdmin: Client;
let platformAdmin: Client;
let key: string;
let serial: string;
let code: string;
let token: string;
let programBody: { effectiveOn: string; legal: Record<string, unknown>; state: Record<string, unknown> };
let address = 0;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  const circulation = await handedOutBooklets(t, c, 1);
  [serial] = circulation.serials as [string];
  [code] = circulation.codes as [string];
  prescriber = circulation.prescriber;
  placeAdmin = await signIn(t.app, 'lieu@hautsdefrance.test');
  platformAdmin = await signIn(t.app, 'admin@pass-numerique.test');
  key = await placeKey(t, c.organisations['Médiathèque Louis Aragon']!);
  const invitation = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/invitations`, {
    email: 'nouvelle@exemple.fr',
    role: 'funder_viewer',
  });
  token = invitation.json().invitationUrl.split('/invitation/')[1];
  const campaign = (await c.funder.request('GET', `/api/v1/programs/${c.programId}`)).json();
  programBody = {
    effectiveOn: campaign.timeline[0].effectiveOn,
    legal: { ...campaign.timeline[0].legal, number: 'CP-2026-42' },
    state: { ...campaign.state, name: 'Pass numérique — essai' },
  };
});
afterAll(() => t.close());

type Who = Client | 'anonymous' | 'key';

interface Case {
  route: string;
  who: () => Who;
  url: () => string;
  body: (bad: string) => unknown;
  field: string;
}

const set = (base: unknown, path: string, value: string) => {
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  const last = keys.at(-1)!;
  node[last] = `${String(node[last] ?? '')}${value}`;
  return copy;
};

const redemption = () => ({
  code,
  nonce: 'nonce-hygiene-1',
  theme: 'Aide aux démarches administratives',
  durationMinutes: 60,
  format: 'individual',
});
const handOut = () => ({
  serial: 'X',
  beneficiary: {
    firstName: 'Léa',
    lastName: 'Martin',
    birthDate: '1990-05-04',
    communeCode: '80021',
    audience: 'senior_60_plus',
  },
});

const CASES: Case[] = [
  {
    route: 'login (anonymous)',
    who: () => 'anonymous',
    url: () => '/api/v1/auth/login',
    body: (bad) => ({ email: `financeur@hautsdefrance.test${bad}`, password: DEMO_PASSWORD }),
    field: 'email',
  },
  {
    route: 'login (anonymous)',
    who: () => 'anonymous',
    url: () => '/api/v1/auth/login',
    body: (bad) => ({ email: 'financeur@hautsdefrance.test', password: `${DEMO_PASSWORD}${bad}` }),
    field: 'password',
  },
  {
    route: 'accepting an invitation',
    who: () => 'anonymous',
    url: () => `/api/v1/invitations/${token}/accept`,
    body: (bad) => ({ displayName: `Camille${bad}`, password: 'un mot de passe sûr' }),
    field: 'displayName',
  },
  {
    route: 'creating a funder',
    who: () => platformAdmin,
    url: () => '/api/v1/funders',
    body: (bad) => ({
      name: `Commune de Test${bad}`,
      kind: 'commune',
      siret: '81234567800013',
      territory: [{ level: 'commune', code: '80021' }],
      firstAdminEmail: 'maire@exemple.fr',
    }),
    field: 'name',
  },
  {
    route: 'creating a funder',
    who: () => platformAdmin,
    url: () => '/api/v1/funders',
    body: (bad) => ({
      name: 'Commune de Test',
      kind: 'commune',
      siret: '81234567800013',
      territory: [{ level: 'commune', code: `80021${bad}` }],
      firstAdminEmail: 'maire@exemple.fr',
    }),
    field: 'territory.0.code',
  },
  {
    route: 'creating a programme',
    who: () => c.funder,
    url: () => `/api/v1/funders/${c.funderId}/programs`,
    body: (bad) => set(programBody, 'state.name', bad),
    field: 'state.name',
  },
  {
    route: 'creating a programme',
    who: () => c.funder,
    url: () => `/api/v1/funders/${c.funderId}/programs`,
    body: (bad) => set(programBody, 'legal.body', bad),
    field: 'legal.body',
  },
  {
    route: 'amending a programme',
    who: () => c.funder,
    url: () => `/api/v1/programs/${c.programId}/amendments`,
    body: (bad) => ({
      effectiveOn: businessDate(),
      legal: { ...programBody.legal, number: `CP-${bad}`, decidedOn: businessDate() },
      changes: { plannedPasses: 9000 },
    }),
    field: 'legal.number',
  },
  {
    route: 'adding an envelope',
    who: () => c.funder,
    url: () => `/api/v1/programs/${c.programId}/envelopes`,
    body: (bad) => ({ name: `Somme${bad}`, cap: 10, effectiveOn: businessDate(), territory: [] }),
    field: 'name',
  },
  {
    route: 'recording a funding',
    who: () => c.funder,
    url: () => `/api/v1/programs/${c.programId}/fundings`,
    body: (bad) => ({
      payer: 'Région Hauts-de-France',
      amountCents: 100,
      receivedOn: businessDate(),
      reference: `Virement${bad}`,
    }),
    field: 'reference',
  },
  {
    route: 'creating an API key',
    who: () => placeAdmin,
    url: () => `/api/v1/places/${c.organisations['Médiathèque Louis Aragon']}/api-keys`,
    body: (bad) => ({ label: `Caisse${bad}` }),
    field: 'label',
  },
  {
    route: 'handing out a booklet',
    who: () => prescriber,
    url: () => `/api/v1/organisations/${c.organisations['Mission locale du Grand Amiénois']}/hand-outs`,
    body: (bad) => set(handOut(), 'beneficiary.lastName', bad),
    field: 'beneficiary.lastName',
  },
  {
    route: 'handing out a booklet',
    who: () => prescriber,
    url: () => `/api/v1/organisations/${c.organisations['Mission locale du Grand Amiénois']}/hand-outs`,
    body: (bad) => set(handOut(), 'serial', bad),
    field: 'serial',
  },
  {
    route: 'finding the booklets handed out to a person',
    who: () => prescriber,
    url: () =>
      `/api/v1/organisations/${c.organisations['Mission locale du Grand Amiénois']}/handed-out/lookup`,
    body: (bad) => ({ firstName: 'Jean', lastName: `Lefèvre${bad}`, birthDate: '1948-03-12' }),
    field: 'lastName',
  },
  {
    route: 'replacing a booklet',
    who: () => prescriber,
    url: () => `/api/v1/organisations/${c.organisations['Mission locale du Grand Amiénois']}/replacements`,
    body: (bad) => ({ blockedSerial: `${serial}${bad}`, serial }),
    field: 'blockedSerial',
  },
  {
    route: 'transferring booklets',
    who: () => c.funder,
    url: () => `/api/v1/funders/${c.funderId}/transfers`,
    body: (bad) => ({ serials: [serial, `${serial}${bad}`], toId: null }),
    field: 'serials.1',
  },
  {
    route: 'redeeming with an API key',
    who: () => 'key',
    url: () => '/api/v1/redemptions',
    body: (bad) => set(redemption(), 'nonce', bad),
    field: 'nonce',
  },
  {
    route: 'redeeming with an API key',
    who: () => 'key',
    url: () => '/api/v1/redemptions',
    body: (bad) => set(redemption(), 'code', bad),
    field: 'code',
  },
];

/** A path parameter: the client sends the character percent-encoded, as in `%00`. */
const PARAM_CASES = [
  {
    route: 'checking a pass',
    who: (): Who => 'key',
    method: 'GET',
    url: (v: string) => `/api/v1/passes/${v}`,
  },
  {
    route: 'blocking a booklet',
    who: (): Who => prescriber,
    method: 'POST',
    url: (v: string) => `/api/v1/booklets/${v}/block`,
    body: { reason: 'lost' },
  },
  {
    route: "a booklet's movements",
    who: (): Who => c.funder,
    method: 'GET',
    url: (v: string) => `/api/v1/funders/${c.funderId}/booklets/${v}/movements`,
  },
] as const;

/** Characters refused everywhere: NUL and the other C0 and C1 controls, DEL, lone surrogates. */
const REFUSED = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\ud800', '\udfff'];
/** Refused in one-line fields only. */
const LINE_BREAKS = ['\n', '\r', '\t', '\u2028'];

function send(who: Who, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const options: InjectOptions = { method, url, remoteAddress: `10.9.${address >> 8}.${address++ & 255}` };
  if (body !== undefined) {
    options.payload = JSON.stringify(body);
    options.headers = { 'content-type': 'application/json' };
  }
  if (who === 'key') options.headers = { ...options.headers, authorization: `Bearer ${key}` };
  else if (who !== 'anonymous') {
    options.cookies = { pn_session: who.cookie };
    if (method !== 'GET') options.headers = { ...options.headers, 'x-csrf-token': who.csrfToken };
  }
  return t.app.inject(options);
}

const escape = (s: string) =>
  [...s].map((ch) => `U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

describe('control characters and lone surrogates in request strings', () => {
  it.each(CASES.map((k) => [`${k.route}: ${k.field}`, k] as const))(
    '%s → 422 naming the field',
    async (_, k) => {
      for (const bad of [...REFUSED, ...LINE_BREAKS]) {
        const res = await send(k.who(), 'POST', k.url(), k.body(bad));
        const label = `${k.route} ${k.field} ${escape(bad)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, label).toBe(422);
        expect(res.headers['content-type'], label).toContain('application/problem+json');
        expect(res.json().code, label).toBe('validation_failed');
        expect(
          res.json().errors.map((e: { field: string }) => e.field),
          label,
        ).toContain(k.field);
      }
    },
  );

  it.each(PARAM_CASES.map((k) => [k.route, k] as const))(
    '%s: a path parameter → 422 naming it',
    async (_, k) => {
      for (const bad of ['%00', '%1B', '%7F', '%C2%85', '%0A']) {
        const res = await send(k.who(), k.method, k.url(`${serial}${bad}`), 'body' in k ? k.body : undefined);
        const label = `${k.route} ${bad} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, label).toBe(422);
        expect(res.json().errors[0].field, label).toMatch(/^params\./);
      }
    },
  );

  it('names a bad query parameter', async () => {
    const res = await send(c.funder, 'GET', `/api/v1/programs/${c.programId}?asOf=%00`);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['querystring.asOf']);
  });

  it('keeps line breaks and tabs in a deliberation text, and stores it as sent', async () => {
    const text = 'Article 1 : le dispositif est créé.\nArticle 2 :\tles crédits sont inscrits.\r\n— fin';
    const body = { ...programBody, legal: { ...programBody.legal, text } };
    const res = await send(c.funder, 'POST', `/api/v1/funders/${c.funderId}/programs`, body);
    expect(res.statusCode, res.body).toBe(201);
    const view = (await c.funder.request('GET', `/api/v1/programs/${res.json().id}`)).json();
    expect(view.timeline[0].legal.text).toBe(text.trim());
    const nul = await send(c.funder, 'POST', `/api/v1/funders/${c.funderId}/programs`, {
      ...programBody,
      legal: { ...programBody.legal, text: `${text}\u0000` },
    });
    expect(nul.statusCode).toBe(422);
    expect(nul.json().errors.map((e: { field: string }) => e.field)).toEqual(['legal.text']);
  });

  it('accepts right-to-left marks, emoji, SQL and HTML as plain text', async () => {
    const name = "‏مكتبة 📚 <b>'; DROP TABLE passes; --</b>";
    const res = await send(
      placeAdmin,
      'POST',
      `/api/v1/places/${c.organisations['Médiathèque Louis Aragon']}/api-keys`,
      {
        label: name,
      },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().label).toBe(name.trim());
  });
});

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  format?: string;
}

interface Operation {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content: { 'application/json'?: { schema: Schema } } };
}

/** Each string leaf of a schema, as the smallest value that reaches it and its field path. */
function stringLeaves(schema: Schema, resolve: (ref: string) => Schema, path: string[] = []) {
  const out: { path: string[]; value: (leaf: string) => unknown }[] = [];
  const walk = (s: Schema, at: string[], wrap: (v: unknown) => unknown, depth: number) => {
    if (depth > 8) return;
    if (s.$ref) return walk(resolve(s.$ref), at, wrap, depth + 1);
    for (const option of [...(s.anyOf ?? []), ...(s.allOf ?? [])]) walk(option, at, wrap, depth + 1);
    if (s.type === 'string') out.push({ path: at, value: (leaf) => wrap(leaf) });
    if (s.type === 'array' && s.items) walk(s.items, [...at, '0'], (v) => wrap([v]), depth + 1);
    if (s.type === 'object')
      for (const [k, child] of Object.entries(s.properties ?? {}))
        walk(child, [...at, k], (v) => wrap({ [k]: v }), depth + 1);
  };
  walk(schema, path, (v) => v, 0);
  return out;
}

/** A value of the right format for a path parameter, so that the query and body get validated. */
const paramValue = (s: Schema) =>
  s.format === 'uuid'
    ? '00000000-0000-4000-8000-000000000000'
    : s.type === 'integer'
      ? '1'
      : 'abcdefghijklmnopqrstuvwxyz';

describe('every string field of every documented route', () => {
  it('refuses a direction override or a zero-width space in a one-line field, naming it, and records nothing', async () => {
    const url = `/api/v1/places/${c.organisations['Médiathèque Louis Aragon']}/api-keys`;
    const before = (await send(placeAdmin, 'GET', url)).body;
    for (const label of ['Caisse\u202e1', 'Caisse\u200b1']) {
      const res = await send(placeAdmin, 'POST', url, { label });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors).toEqual([
        {
          field: 'label',
          message: expect.stringContaining('caractère invisible ou qui inverse le sens du texte'),
        },
      ]);
    }
    expect((await send(placeAdmin, 'GET', url)).body).toBe(before);
  });

  it('refuses a NUL and a lone surrogate with a 422 naming the field', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const resolve = (ref: string) => doc.components.schemas[ref.replace('#/components/schemas/', '')];
    let checked = 0;
    for (const [template, ops] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const params = op.parameters ?? [];
        const url = (param?: { name: string; value: string }, query?: string) =>
          template.replace(/\{(\w+)\}/g, (_, name) =>
            param && name === param.name
              ? param.value
              : paramValue(params.find((p) => p.in === 'path' && p.name === name)!.schema),
          ) + (query ? `?${query}` : '');
        const cases: { url: string; body?: unknown; field: string }[] = [];
        for (const p of params) {
          if (p.schema.type !== 'string') continue;
          if (p.in === 'path')
            cases.push({ url: url({ name: p.name, value: 'a%00' }), field: `params.${p.name}` });
          if (p.in === 'query')
            cases.push({ url: url(undefined, `${p.name}=a%00`), field: `querystring.${p.name}` });
        }
        const body = op.requestBody?.content['application/json']?.schema;
        for (const leaf of body ? stringLeaves(body, resolve) : []) {
          for (const bad of ['a\u0000', 'a\ud800']) {
            cases.push({ url: url(), body: leaf.value(bad), field: leaf.path.join('.') });
          }
        }
        for (const k of cases) {
          const res = await send(
            c.funder,
            method.toUpperCase() as 'GET' | 'POST' | 'PUT',
            k.url,
            k.body ?? (body ? {} : undefined),
          );
          const label = `${method.toUpperCase()} ${k.url} ${JSON.stringify(k.body)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
          expect(res.statusCode, label).toBe(422);
          expect(
            res.json().errors.map((e: { field: string }) => e.field),
            label,
          ).toContain(k.field);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('bounds of request strings', () => {
  it('gives every string of every route a maximum length, a list of values or a format', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const resolve = (ref: string) => doc.components.schemas[ref.replace('#/components/schemas/', '')];
    const unbounded: string[] = [];
    const check = (where: string, s: Schema & { maxLength?: number; enum?: unknown[]; pattern?: string }) => {
      // A pattern anchored at both ends without repetition (a commune code) is bounded too.
      const fixed = s.pattern !== undefined && /^\^[^*+]*\$$/.test(s.pattern) && !/\{\d+,\}/.test(s.pattern);
      const bounded =
        fixed ||
        s.maxLength !== undefined ||
        s.enum !== undefined ||
        ['uuid', 'date'].includes(s.format ?? '');
      if (s.type === 'string' && !bounded) unbounded.push(where);
    };
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? []) check(`${method} ${path} ${p.in}.${p.name}`, p.schema);
        const body = op.requestBody?.content['application/json']?.schema;
        if (!body) continue;
        const leaves = new Map<string, Schema>();
        const walk = (s: Schema, at: string, depth: number) => {
          if (depth > 8) return;
          if (s.$ref) return walk(resolve(s.$ref), at, depth + 1);
          for (const o of [...(s.anyOf ?? []), ...(s.allOf ?? [])]) walk(o, at, depth + 1);
          if (s.type === 'string') leaves.set(at, s);
          if (s.items) walk(s.items, `${at}.*`, depth + 1);
          for (const [k, child] of Object.entries(s.properties ?? {})) walk(child, `${at}.${k}`, depth + 1);
        };
        walk(body, 'body', 0);
        for (const [at, s] of leaves) check(`${method} ${path} ${at}`, s);
      }
    }
    expect(unbounded).toEqual([]);
  });
});

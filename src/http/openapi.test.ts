import { readFile } from 'node:fs/promises';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEMS } from '../core/problems.js';
import { startTestApp, type TestApp } from '../test/app.js';
import { API_VERSION } from './openapi.js';

// Issue 13: the OpenAPI document is a contract a place's software can be generated from.
let t: TestApp;
let doc: OpenApi;
beforeAll(async () => {
  t = await startTestApp();
  doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
});
afterAll(() => t.close());

interface Operation {
  operationId?: string;
  summary?: string;
  'x-summary-en'?: string;
  tags?: string[];
  responses: Record<
    string,
    {
      description?: string;
      content?: Record<string, { schema: { allOf?: { properties?: { code?: { enum?: string[] } } }[] } }>;
    }
  >;
}
interface OpenApi {
  info: { version: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
  );

/** The codes an operation documents for a status. */
export function documentedCodes(op: Operation, status: number): string[] {
  const media = op.responses[String(status)]?.content?.['application/problem+json'];
  return media?.schema.allOf?.[1]?.properties?.code?.enum ?? [];
}

describe('the OpenAPI document', () => {
  it('names every operation once, with a summary in French and in English and declared tags', () => {
    const declared = new Set(doc.tags.map((tag) => tag.name));
    const missing: string[] = [];
    const ids = new Map<string, string>();
    for (const { route, op } of operations()) {
      // Routes added without `...api(…)` in their schema are named here: see docs/api.md.
      if (!op.operationId)
        missing.push(`${route}: no operationId (add ...api(id, en, refusals) to its schema)`);
      else if (ids.has(op.operationId))
        missing.push(`${route}: operationId ${op.operationId} also on ${ids.get(op.operationId)}`);
      else ids.set(op.operationId, route);
      if (!op.summary) missing.push(`${route}: no French summary`);
      if (!op['x-summary-en']) missing.push(`${route}: no English summary`);
      if (!op.tags?.length || !op.tags.every((tag) => declared.has(tag)))
        missing.push(`${route}: tags ${op.tags} not among the document's tags`);
    }
    expect(missing).toEqual([]);
    expect(ids.size).toBeGreaterThan(80);
  });

  it('documents the error answers of every operation, each status with its codes from the registry', () => {
    const wrong: string[] = [];
    for (const { route, op } of operations()) {
      const statuses = Object.keys(op.responses)
        .map(Number)
        .filter((s) => s >= 400);
      if (statuses.length === 0) wrong.push(`${route}: no error answer`);
      for (const status of statuses) {
        const codes = documentedCodes(op, status);
        if (codes.length === 0) wrong.push(`${route} ${status}: no code`);
        for (const code of codes) {
          const kind = PROBLEMS[code as keyof typeof PROBLEMS];
          if (kind?.status !== status)
            wrong.push(`${route} ${status}: ${code} is ${kind?.status} in the registry`);
        }
      }
    }
    expect(wrong).toEqual([]);
    const redeem = doc.paths['/api/v1/redemptions']!.post!;
    expect(documentedCodes(redeem, 409)).toEqual(
      expect.arrayContaining([
        'not_handed_out',
        'not_yet_valid',
        'expired',
        'already_redeemed',
        'blocked',
        'cancelled',
        'program_closed',
        'place_suspended',
        'nonce_reused',
      ]),
    );
    expect(documentedCodes(redeem, 404)).toEqual(expect.arrayContaining(['unknown_code']));
    expect(documentedCodes(redeem, 422)).toEqual(
      expect.arrayContaining(['malformed_code', 'validation_failed']),
    );
    expect(documentedCodes(redeem, 429)).toEqual(['rate_limited']);
  });

  it('describes every answer, success included, in French and English', () => {
    const undescribed = operations().flatMap(({ route, op }) =>
      Object.entries(op.responses)
        .filter(([, answer]) => !answer.description || answer.description === 'Default Response')
        .map(([status]) => `${route} ${status}`),
    );
    expect(undescribed).toEqual([]);
    const redeem = doc.paths['/api/v1/redemptions']?.post;
    expect(redeem?.responses['201']?.description).toBe('Créé — created');
  });

  it('carries its version', () => {
    expect(doc.info.version).toBe(API_VERSION);
    expect(API_VERSION).toMatch(/^1\.\d+\.\d+$/);
  });

  it('passes Redocly’s recommended rules with no error, and no warning the config does not justify', async () => {
    const yaml = await readFile(new URL('../../redocly.yaml', import.meta.url), 'utf8');
    const config = await createConfig(yaml);
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: 'openapi.json',
      config,
    });
    const justified = new Set([...yaml.matchAll(/^ {2}([\w-]+): warn$/gm)].map((m) => m[1]));
    const shown = problems
      .filter((p) => p.severity === 'error' || !justified.has(p.ruleId))
      .map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(shown).toEqual([]);
    // A warning lowered by the config stays where its reason there says, and nowhere else.
    const warned = problems
      .filter((p) => p.severity === 'warn')
      .map((p) => `${p.ruleId} ${p.location[0]?.pointer}`);
    expect(warned.sort()).toEqual([
      'operation-2xx-response #/paths/~1api~1v1~1auth~1proconnect~1callback/get/responses',
      'operation-2xx-response #/paths/~1api~1v1~1auth~1proconnect~1login/get/responses',
    ]);
  });
});

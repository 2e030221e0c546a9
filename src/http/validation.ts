import type { FastifySchemaCompiler } from 'fastify';
import { type $ZodType, safeParse } from 'zod/v4/core';
import { textFault, textFaultMessage } from '../core/text.js';
import { multilineFields } from './text-fields.js';

/**
 * The validator of every route's params, query and body: the route's zod schema, and
 * before it the text rules of `core/text.ts` applied to every string of the input, so
 * that a route cannot forget them. A string is multi-line only where its schema says so
 * (`multilineText`). Failures are issues in the shape fastify-type-provider-zod gives,
 * which `http/problem.ts` turns into one 422 naming every bad field.
 */

/** fastify-type-provider-zod recognises its validation issues by this marker. */
const ZOD_ISSUE = Symbol.for('ZodFastifySchemaValidationError');
/** Deeper than any schema of ours: the walk stops there, and the schema refuses the shape. */
const MAX_DEPTH = 32;

type Key = string | number;
type Pattern = readonly string[];

interface Issue {
  [ZOD_ISSUE]: true;
  keyword: string;
  instancePath: string;
  schemaPath: string;
  message: string;
  params: Record<string, unknown>;
}

function issue(path: readonly Key[], keyword: string, message: string): Issue {
  const pointer = `/${path.join('/')}`;
  return {
    [ZOD_ISSUE]: true,
    keyword,
    instancePath: pointer,
    schemaPath: `#${pointer}/${keyword}`,
    message,
    params: {},
  };
}

export const validatorCompiler: FastifySchemaCompiler<$ZodType> = ({ schema }) => {
  const multiline = multilinePatterns(schema);
  const uuids = uuidPatterns(schema);
  const numbers = numberPatterns(schema);
  return (data: unknown) => {
    const faults = [...textIssues(data, multiline), ...numberIssues(data, numbers)];
    const result = safeParse(schema, data);
    if (!faults.length && !result.error) return { value: lowercaseAt(result.data, uuids) };
    const faulty = new Set(faults.map((f) => f.instancePath));
    const schemaIssues = (result.error?.issues ?? [])
      .map((i) => issue(i.path as Key[], i.code, i.message))
      .filter((i) => !faulty.has(i.instancePath));
    return { error: [...faults, ...schemaIssues] as unknown as Error };
  };
};

/** Every string of the input that breaks the text rules, with its path. */
export function textIssues(data: unknown, multiline: readonly Pattern[]): Issue[] {
  const issues: Issue[] = [];
  const visit = (value: unknown, path: Key[]) => {
    if (typeof value === 'string') {
      const fault = textFault(value, matches(multiline, path));
      if (fault) issues.push(issue(path, 'text', textFaultMessage(fault)));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (path.length >= MAX_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      const fault = textFault(key, false);
      if (fault)
        issues.push(issue([...path, '?'], 'text', `Nom de champ invalide : ${textFaultMessage(fault)}`));
      else visit(item, [...path, key]);
    }
  };
  visit(data, []);
  return issues;
}

function matches(patterns: readonly Pattern[], path: readonly Key[]): boolean {
  return patterns.some(
    (p) => p.length === path.length && p.every((seg, i) => seg === '*' || seg === String(path[i])),
  );
}

interface Def {
  type: string;
  shape?: Record<string, $ZodType>;
  element?: $ZodType;
  valueType?: $ZodType;
  items?: $ZodType[];
  rest?: $ZodType | null;
  options?: $ZodType[];
  left?: $ZodType;
  right?: $ZodType;
  innerType?: $ZodType;
  in?: $ZodType;
  out?: $ZodType;
  getter?: () => $ZodType;
}

/** The paths (`*` for any array index or record key) of the schema's multi-line strings. */
export const multilinePatterns = (schema: $ZodType) =>
  patternsOf(schema, (node) => multilineFields.has(node));

/**
 * The paths of the schema's UUIDs. A UUID is the same in capitals (RFC 9562 §4), but the
 * database gives ids in lower case and the services compare ids as strings (memberships,
 * maps of rows): an id in capitals pasted from a spreadsheet missed its funder (404) or broke
 * a programme's page (500). Every UUID of the input is read in lower case.
 */
const uuidPatterns = (schema: $ZodType) =>
  patternsOf(schema, (node) => {
    const def = node._zod.def as unknown as { type: string; format?: string };
    return def.type === 'string' && (def.format === 'uuid' || def.format === 'guid');
  });

/**
 * The paths of the numbers read from text (a path or a query): `Number()` also reads 0x4c,
 * 8e1, « +76 » and « 76 », so that /redemptions/8e1/cancel cancelled redemption 80.
 */
const numberPatterns = (schema: $ZodType) =>
  patternsOf(schema, (node) => {
    const def = node._zod.def as unknown as { type: string; coerce?: boolean };
    return def.type === 'number' && def.coerce === true;
  });

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Every number of the input, given as text, that is not written in plain digits. */
function numberIssues(data: unknown, patterns: readonly Pattern[]): Issue[] {
  const issues: Issue[] = [];
  mapAt(data, patterns, (value, path) => {
    if (!PLAIN_NUMBER.test(value)) issues.push(issue(path, 'type', 'Nombre attendu, écrit en chiffres.'));
    return value;
  });
  return issues;
}

/** `data` with the strings at these paths in lower case (the parsed input, changed in place). */
const lowercaseAt = (data: unknown, patterns: readonly Pattern[]) =>
  mapAt(data, patterns, (value) => value.toLowerCase());

/** `data` with `change` applied to the strings at these paths, in place. */
function mapAt(data: unknown, patterns: readonly Pattern[], change: (value: string, path: Key[]) => string) {
  if (!patterns.length) return data;
  const visit = (value: unknown, path: Key[]): unknown => {
    if (typeof value === 'string') return matches(patterns, path) ? change(value, path) : value;
    if (typeof value !== 'object' || value === null || path.length >= MAX_DEPTH) return value;
    const entries = value as Record<Key, unknown>;
    for (const key of Object.keys(entries)) {
      const at = Array.isArray(value) ? Number(key) : key;
      entries[at] = visit(entries[at], [...path, at]);
    }
    return value;
  };
  return visit(data, []);
}

/** The paths of the schema's nodes that `test` picks. */
function patternsOf(schema: $ZodType, test: (node: $ZodType) => boolean): Pattern[] {
  const out: Pattern[] = [];
  const seen = new Set<$ZodType>();
  const walk = (node: $ZodType | null | undefined, path: string[]) => {
    if (!node || path.length > MAX_DEPTH) return;
    if (test(node)) out.push(path);
    const def = node._zod.def as unknown as Def;
    switch (def.type) {
      case 'object':
        for (const [key, child] of Object.entries(def.shape ?? {})) walk(child, [...path, key]);
        return;
      case 'array':
        return walk(def.element, [...path, '*']);
      case 'record':
        return walk(def.valueType, [...path, '*']);
      case 'tuple':
        def.items?.forEach((child, i) => walk(child, [...path, String(i)]));
        return walk(def.rest, [...path, '*']);
      case 'union':
        for (const option of def.options ?? []) walk(option, path);
        return;
      case 'intersection':
        walk(def.left, path);
        return walk(def.right, path);
      case 'pipe':
        walk(def.in, path);
        return walk(def.out, path);
      case 'lazy':
        if (seen.has(node)) return;
        seen.add(node);
        return walk(def.getter?.(), path);
      default:
        if (def.innerType) walk(def.innerType, path);
    }
  };
  walk(schema, []);
  return out;
}

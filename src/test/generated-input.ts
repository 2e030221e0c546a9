import fc from 'fast-check';

/**
 * Requests generated from the OpenAPI document: values of the shape each route declares,
 * biased towards what breaks software (hostile strings, edge dates, extreme integers) and
 * towards ids of real objects, so that most requests get past 404s to the services and the
 * database. Used by src/http/generated-input.test.ts.
 */

/** The subset of JSON Schema that @fastify/swagger produces from our zod schemas. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  $ref?: string;
}

const KB10 = 10 * 1024;

/** Strings that have broken, or could break, something between the parser and PostgreSQL. */
export const HOSTILE_STRINGS: readonly string[] = [
  '\u0000',
  'abc\u0000def',
  '\u0000'.repeat(40),
  '\u0001\u0002\u0007\u0008\u001b[31m',
  '\u007f',
  '\u0085',
  '\u009b',
  'ligne 1\nligne 2',
  'a\r\nb',
  '\ttab',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '\ude00y',
  '\ud83d\ude00',
  '\u200f',
  '\u202e',
  'Ali\u202egpj.exe',
  '\u2066isolate\u2069',
  '\u2028\u2029',
  '\ufeff',
  '\ufffe\uffff',
  'e\u0301\u0301\u0301',
  'x'.repeat(KB10),
  'é'.repeat(KB10 / 2),
  '😀'.repeat(KB10 / 4),
  `${'a'.repeat(KB10 - 1)}\u0000`,
  "'; DROP TABLE passes; --",
  "' OR '1'='1",
  '"; SELECT pg_sleep(10); --',
  '\\',
  '\\x00',
  '%',
  '_',
  '%00',
  '$1',
  '::text',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${process.exit()}',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x7fffffff',
  '',
  ' ',
  '   \u00a0 ',
  'Ā',
  'مرحبا',
  'שלום',
  '中文',
];

/** Dates where calendars and date arithmetic go wrong. */
export const EDGE_DATES: readonly string[] = [
  '2024-02-29',
  '2028-02-29',
  '2000-02-29',
  '1900-01-01',
  '2100-12-31',
  '1899-12-31',
  '2101-01-01',
  '1970-01-01',
  '0001-01-01',
  '9999-12-31',
  '2026-12-31',
  '2027-01-01',
  '2023-02-29',
  '1900-02-29',
  '2024-02-30',
  '2024-13-01',
  '2024-00-10',
  '2024-1-1',
  '24-01-01',
  '2024-01-01T00:00:00Z',
  '+275760-09-13',
];

const EXTREME_NUMBERS = [
  0,
  -1,
  1,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53,
  -(2 ** 53 - 1),
  1e21,
  -1e21,
  1.5,
  Number.MIN_VALUE,
  1.7976931348623157e308,
];

export interface Hints {
  /** Real values for a field, by its path (`beneficiary.firstName`) or its last segment (`serial`). */
  valuesFor(path: string[]): readonly unknown[] | undefined;
  /** A field's in-range integers capped below its declared maximum (bulk paths, see the test). */
  capFor?(path: string[]): number | undefined;
}

interface Ctx {
  resolve(ref: string): JsonSchema;
  hints: Hints;
}

const hostile = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

/** A real value with a hostile string put before, inside or after it. */
function spoiled(real: fc.Arbitrary<string>, bad: fc.Arbitrary<string> = hostile) {
  return fc
    .tuple(real, bad, fc.constantFrom('before', 'after', 'inside'))
    .map(([value, b, where]) =>
      where === 'before'
        ? b + value
        : where === 'after'
          ? value + b
          : value.slice(0, value.length >> 1) + b + value.slice(value.length >> 1),
    );
}

/** Hostile strings a schema may rightly accept: they must reach the database and come back intact. */
const ACCEPTABLE = HOSTILE_STRINGS.filter(
  (v) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udfff]/.test(v.replace(/\ud83d\ude00/g, '')),
);

function today(offsetDays = 0) {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

const isDate = (v: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m || Number(m[1]) < 100) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
};

const validDates = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...EDGE_DATES.filter(isDate)) },
  { weight: 3, arbitrary: fc.constantFrom(-400, -31, -1, 0, 1, 31, 400).map(today) },
  {
    weight: 3,
    arbitrary: fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2100-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
  },
);
const anyDates = fc.oneof(
  { weight: 4, arbitrary: validDates },
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_DATES) },
  { weight: 1, arbitrary: hostile },
);

/** What a mutation puts in place of one value of a well-formed request. */
export const wildLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: hostile },
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_DATES) },
  { weight: 3, arbitrary: fc.constantFrom(...EXTREME_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, [], {}, '') },
);

/** 'valid' keeps to the declared shape and bounds; 'wild' keeps the shape only. */
export type Mode = 'valid' | 'wild';

function fitting(schema: JsonSchema) {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Number.POSITIVE_INFINITY;
  const fits = ACCEPTABLE.filter((v) => v.trim().length >= min && v.length <= max && v.trim() === v);
  const longest = Math.min(max, KB10);
  const fillers = Number.isFinite(longest)
    ? ['é', 'ا', '😀'].map((c) => c.repeat(Math.floor(longest / c.length)))
    : [];
  return [...fits, ...fillers.filter((f) => f.length >= min)];
}

function stringArbitrary(schema: JsonSchema, path: string[], ctx: Ctx, mode: Mode): fc.Arbitrary<unknown> {
  const real = ctx.hints.valuesFor(path);
  const wild = mode === 'wild';
  const choices: fc.WeightedArbitrary<unknown>[] = wild ? [{ weight: 3, arbitrary: hostile }] : [];
  if (schema.enum) choices.push({ weight: 12, arbitrary: fc.constantFrom(...schema.enum) });
  if (real?.length) {
    const realArb = fc.constantFrom(...real);
    choices.push({ weight: 12, arbitrary: realArb });
    if (wild && typeof real[0] === 'string')
      choices.push({ weight: 3, arbitrary: spoiled(realArb as fc.Arbitrary<string>) });
  }
  if (schema.format === 'date' || path.at(-1) === 'asOf')
    choices.push({ weight: 12, arbitrary: wild ? anyDates : validDates });
  else if (schema.format === 'uuid')
    choices.push({ weight: real?.length ? 1 : 8, arbitrary: fc.uuid({ version: 4 }) });
  else if (schema.format === 'email') {
    choices.push({ weight: 4, arbitrary: fc.emailAddress() });
    if (wild) choices.push({ weight: 2, arbitrary: spoiled(fc.emailAddress()) });
  } else if (schema.pattern && !real?.length)
    choices.push({ weight: 6, arbitrary: fc.stringMatching(new RegExp(schema.pattern)) });
  else if (!schema.enum && !real?.length) {
    const max = Math.min(schema.maxLength ?? 60, 60);
    const min = Math.min(schema.minLength ?? 0, max);
    const text = fc.string({ unit: 'grapheme', minLength: min, maxLength: max });
    choices.push({ weight: 6, arbitrary: wild ? text : text.filter((v) => v.trim().length >= min) });
    const fits = fitting(schema);
    if (fits.length) choices.push({ weight: 4, arbitrary: fc.constantFrom(...fits) });
    if (wild)
      choices.push({
        weight: 2,
        arbitrary: spoiled(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 })),
      });
  }
  if (wild && schema.maxLength !== undefined)
    choices.push({ weight: 1, arbitrary: fc.constant('y'.repeat(schema.maxLength + 1)) });
  return fc.oneof(...choices);
}

function numberArbitrary(schema: JsonSchema, path: string[], ctx: Ctx, mode: Mode): fc.Arbitrary<unknown> {
  const integer = schema.type === 'integer';
  const low = schema.minimum ?? -(2 ** 53 - 1);
  const min = schema.exclusiveMinimum === true ? low + 1 : low;
  const declaredMax = schema.maximum ?? 2 ** 53 - 1;
  const cap = ctx.hints.capFor?.(path);
  const max = cap !== undefined ? Math.min(declaredMax, cap) : declaredMax;
  const real = ctx.hints.valuesFor(path);
  const inRange = integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
  const choices: fc.WeightedArbitrary<unknown>[] = [
    { weight: 6, arbitrary: inRange },
    { weight: 3, arbitrary: fc.constantFrom(min, max) },
  ];
  if (mode === 'wild') {
    // Out-of-range extremes are always worth sending; the declared maximum only when not capped.
    const edges = [min - 1, declaredMax + 1, ...EXTREME_NUMBERS].filter(
      (n) => cap === undefined || n <= max || n > declaredMax,
    );
    choices.push(
      { weight: 4, arbitrary: fc.constantFrom(...edges) },
      { weight: 1, arbitrary: fc.constantFrom('1', '', null, true, '9'.repeat(30)) },
    );
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (real?.length) choices.push({ weight: 12, arbitrary: fc.constantFrom(...real) });
  return fc.oneof(...choices);
}

export function arbitraryOf(schema: JsonSchema, path: string[], ctx: Ctx, mode: Mode): fc.Arbitrary<unknown> {
  if (schema.$ref) return arbitraryOf(ctx.resolve(schema.$ref), path, ctx, mode);
  if (schema.allOf?.length === 1) return nullable(schema, arbitraryOf(schema.allOf[0]!, path, ctx, mode));
  if (schema.anyOf)
    return nullable(schema, fc.oneof(...schema.anyOf.map((s) => arbitraryOf(s, path, ctx, mode))));
  switch (schema.type) {
    case 'object':
      return nullable(schema, objectArbitrary(schema, path, ctx, mode));
    case 'array': {
      const item = arbitraryOf(schema.items ?? {}, [...path, '*'], ctx, mode);
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
      const some = fc.array(item, { minLength, maxLength });
      return nullable(
        schema,
        mode === 'wild'
          ? fc.oneof({ weight: 20, arbitrary: some }, { weight: 1, arbitrary: fc.constant([]) })
          : some,
      );
    }
    case 'string':
      return nullable(schema, stringArbitrary(schema, path, ctx, mode));
    case 'integer':
    case 'number':
      return nullable(schema, numberArbitrary(schema, path, ctx, mode));
    case 'boolean':
      return nullable(schema, fc.boolean());
    default:
      if (schema.enum) return fc.constantFrom(...schema.enum);
      return fc.oneof(fc.constant(null), hostile, fc.integer());
  }
}

function nullable(schema: JsonSchema, arb: fc.Arbitrary<unknown>) {
  return schema.nullable
    ? fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) })
    : arb;
}

function objectArbitrary(schema: JsonSchema, path: string[], ctx: Ctx, mode: Mode): fc.Arbitrary<unknown> {
  const props = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = props.map(([name, s]) => {
    const value = arbitraryOf(s, [...path, name], ctx, mode);
    if (required.has(name))
      return fc.tuple(
        fc.constant(name),
        mode === 'wild' ? fc.option(value, { freq: 40, nil: undefined }) : value,
      );
    return fc.tuple(fc.constant(name), fc.option(value, { freq: 2, nil: undefined }));
  });
  const extra =
    mode === 'wild'
      ? fc.option(fc.tuple(hostile, hostile), { freq: 20, nil: undefined })
      : fc.constant(undefined);
  return fc.tuple(fc.tuple(...fields), extra).map(([entries, more]) => {
    const out: Record<string, unknown> = {};
    for (const [name, value] of entries) if (value !== undefined) out[name] = value;
    if (more) out[more[0]] = more[1];
    return out;
  });
}

/** Replaces the value at one leaf (chosen by `pick`) of a JSON value. */
export function mutateLeaf(value: unknown, pick: number, replacement: unknown): unknown {
  const leaves: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    else leaves.push(path);
  };
  walk(value, []);
  if (!leaves.length) return replacement;
  const target = leaves[pick % leaves.length]!;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const k of target.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[target.at(-1)!] = replacement;
  return copy;
}

/** Puts a value in a URL path segment, even a lone surrogate (as the bytes a client would send). */
export function encodeSegment(value: unknown): string {
  const s = String(value);
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out +=
      c >= 0xd800 && c <= 0xdfff
        ? `%${[0xed, 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => b.toString(16)).join('%')}`
        : encodeURIComponent(ch);
  }
  return out || '%20';
}

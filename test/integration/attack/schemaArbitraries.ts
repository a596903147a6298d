import fc from 'fast-check';
import type { ZodType } from 'zod';

/**
 * fast-check arbitraries derived from the protocol's zod schemas, so every message type (and
 * every type added later) is fuzzed without a hand-written list: valid messages, almost-valid
 * ones (one field broken), and frames that are not messages at all.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  maximum?: number;
  minimum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, ZodType>;
  options?: ZodType[];
  innerType?: ZodType;
  element?: ZodType;
  values?: unknown[];
  entries?: Record<string, string | number>;
  checks?: Array<{ _zod: { def: CheckDef } }>;
}

const defOf = (schema: ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
const checksOf = (def: SchemaDef): CheckDef[] => (def.checks ?? []).map((check) => check._zod.def);

/** Field-name overrides mixed into generated values, e.g. real session ids to aim at. */
export type FieldHints = Record<string, fc.Arbitrary<Json>>;

/** Messages that pass the schema (the server may still refuse them for what they ask). */
export function validOf(schema: ZodType, hints: FieldHints = {}): fc.Arbitrary<Json> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const model: Record<string, fc.Arbitrary<Json>> = {};
      const required: string[] = [];
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        const fieldDef = defOf(field);
        const optional = fieldDef.type === 'optional';
        const generated = validOf(optional && fieldDef.innerType ? fieldDef.innerType : field, hints);
        const hint = hints[key];
        model[key] = hint ? fc.oneof(generated, hint) : generated;
        if (!optional) required.push(key);
      }
      return fc.record(model, { requiredKeys: required });
    }
    case 'string':
      return stringOf(checksOf(def));
    case 'number':
      return numberOf(checksOf(def));
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...((def.values ?? []) as Json[]));
    case 'enum':
      return fc.constantFrom(...(Object.values(def.entries ?? {}) as Json[]));
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => validOf(option, hints)));
    case 'optional':
      return def.innerType ? validOf(def.innerType, hints) : fc.constant(null);
    case 'nullable':
      return def.innerType ? fc.option(validOf(def.innerType, hints), { nil: null }) : fc.constant(null);
    case 'default':
    case 'readonly':
    case 'catch':
      return def.innerType ? validOf(def.innerType, hints) : fc.jsonValue() as fc.Arbitrary<Json>;
    case 'array':
      return def.element ? fc.array(validOf(def.element, hints), { maxLength: 3 }) : fc.constant([]);
    default:
      // A kind of schema this walker does not know: anything JSON (the test classifies each
      // generated message with the schema itself, so this only lowers the share of valid ones).
      return fc.jsonValue() as fc.Arbitrary<Json>;
  }
}

function stringOf(checks: CheckDef[]): fc.Arbitrary<Json> {
  const pattern = checks.find((check) => check.format === 'regex' && check.pattern)?.pattern;
  if (pattern) return fc.stringMatching(pattern);
  const max = Math.min(...checks.filter((c) => c.check === 'max_length').map((c) => c.maximum ?? Infinity), 100_000);
  const min = Math.max(0, ...checks.filter((c) => c.check === 'min_length').map((c) => c.minimum ?? 0));
  const short = Math.min(max, Math.max(min, 40));
  const parts: Array<fc.Arbitrary<string>> = [
    fc.string({ minLength: min, maxLength: short }),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: short }),
  ];
  // Right at the limit (e.g. a 48 KiB SDP), plain ASCII so the frame stays under 64 KiB.
  if (max >= 1000 && max < 100_000) parts.push(fc.integer({ min: Math.max(min, max - 50), max }).map((n) => 'a'.repeat(n)));
  return fc.oneof(...parts);
}

function numberOf(checks: CheckDef[]): fc.Arbitrary<Json> {
  const integer = checks.some((check) => check.format === 'safeint' || check.format === 'int32');
  let min = integer ? Number.MIN_SAFE_INTEGER : -Number.MAX_VALUE;
  let max = integer ? Number.MAX_SAFE_INTEGER : Number.MAX_VALUE;
  for (const check of checks) {
    if (check.check === 'greater_than' && check.value !== undefined) min = check.value + (check.inclusive ? 0 : 1);
    if (check.check === 'less_than' && check.value !== undefined) max = check.value - (check.inclusive ? 0 : 1);
  }
  return integer ? fc.integer({ min: Math.max(min, -(2 ** 40)), max: Math.min(max, 2 ** 40) }) : fc.double({ min, max, noNaN: true });
}

/** Keys that have bitten JavaScript servers before: prototype pollution and look-alikes of our own fields. */
export const NASTY_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'then',
  'from',
  'role',
  'sessionId',
  'agent',
  'type',
] as const;

const anyJson = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;

/** A value of another JSON kind than the one there, and some edge values. */
const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  fc.constantFrom<Json>(1e308, -0, Number.MAX_SAFE_INTEGER + 2, '', ' ', '0', 'true', 'null', {}),
);

/** A long string of one repeated unit, from 1 KB to 60 KB of UTF-8 (below the 64 KiB frame limit). */
const hugeString: fc.Arbitrary<string> = fc
  .record({
    unit: fc.constantFrom('a', 'ü', '€', '😀', '\u202e', '\u0000', '\ud800', '"', '\\', '<script>', '%s'),
    bytes: fc.integer({ min: 1_000, max: 60_000 }),
  })
  .map(({ unit, bytes }) => unit.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(unit)))));

const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('\u0000', '\ufeff', '\u202e\u202d', 'ǅ', 'İ', '١٢٣٤٥٦٧٨٩', '１２３４５６７８９', '123 456 789', '123456789\n'),
);

type Path = Array<string | number>;

function pathsOf(value: Json, prefix: Path = []): Path[] {
  const paths: Path[] = [];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push([...prefix, index], ...pathsOf(item, [...prefix, index])));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) paths.push([...prefix, key], ...pathsOf(item, [...prefix, key]));
  }
  return paths;
}

function objectPathsOf(value: Json): Path[] {
  const all: Path[] = [[], ...pathsOf(value)];
  return all.filter((path) => {
    const target = getAt(value, path);
    return target !== null && typeof target === 'object' && !Array.isArray(target);
  });
}

function getAt(value: Json, path: Path): Json | undefined {
  let current: Json | undefined = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, Json>)[step];
  }
  return current;
}

/** A deep copy with the value at `path` replaced (or removed when `replacement` is undefined). */
function setAt(value: Json, path: Path, replacement: Json | undefined): Json {
  const copy = structuredClone(value);
  if (path.length === 0) return replacement ?? null;
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

/** Adds an own enumerable property, even "__proto__" (an assignment would set the prototype). */
function withOwnKey(value: Json, path: Path, key: string, extra: Json): Json {
  const copy = structuredClone(value);
  const target = getAt(copy, path);
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return copy;
  Object.defineProperty(target, key, { value: extra, enumerable: true, writable: true, configurable: true });
  return copy;
}

const pick = <T>(items: readonly T[]): fc.Arbitrary<T> =>
  items.length > 0 ? fc.constantFrom(...items) : (fc.constant(undefined) as unknown as fc.Arbitrary<T>);

/** One valid message with one thing broken. */
export function almostValidOf(valid: fc.Arbitrary<Json>, allTypes: readonly string[]): fc.Arbitrary<string> {
  return valid
    .chain((message) => {
      const paths = pathsOf(message);
      const objects = objectPathsOf(message);
      const strings = paths.filter((path) => typeof getAt(message, path) === 'string');
      const mutations: Array<fc.Arbitrary<Json>> = [
        objects.length > 0
          ? fc
              .tuple(pick(objects), fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 12 })), fc.oneof(anyJson, fc.constant<Json>({ role: 'agent', isAdmin: true })))
              .map(([path, key, extra]) => withOwnKey(message, path, key, extra))
          : fc.constant(message),
        fc.constant(withOwnKey(message, [], '__proto__', { type: 'session.create', role: 'agent' })),
        fc.oneof(
          fc.constant(message),
          fc.constantFrom(...allTypes, '', 'Signal', 'signal ', 'hello\u0000', 'session.*').map((type) => setAt(message, ['type'], type)),
        ),
      ];
      if (paths.length > 0) {
        mutations.push(fc.tuple(pick(paths), wrongValue).map(([path, wrong]) => setAt(message, path, wrong)));
        mutations.push(pick(paths).map((path) => setAt(message, path, undefined)));
        mutations.push(
          fc.tuple(pick(paths), fc.integer({ min: 10, max: 2_000 })).map(([path, depth]) =>
            setAt(message, path, JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as Json),
          ),
        );
      }
      if (strings.length > 0) {
        mutations.push(fc.tuple(pick(strings), hugeString).map(([path, huge]) => setAt(message, path, huge)));
        mutations.push(fc.tuple(pick(strings), oddString).map(([path, odd]) => setAt(message, path, odd)));
      }
      return fc.oneof(...mutations);
    })
    .map((broken) => JSON.stringify(broken));
}

/** Text frames that are not one JSON object: garbage, cut-off JSON, other JSON values, odd numbers, deep nesting. */
export function malformedFrom(valid: fc.Arbitrary<Json>): fc.Arbitrary<string> {
  const text = valid.map((message) => JSON.stringify(message));
  return fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    text.chain((json) => fc.integer({ min: 0, max: Math.max(0, json.length - 1) }).map((cut) => json.slice(0, cut))),
    text.map((json) => `${json}}`),
    text.map((json) => `\ufeff${json}`),
    text.map((json) => json.replace(/:(-?\d+)/, ':1e400')),
    text.map((json) => json.replace(/^\{/, '{"type":"hello","protocol":1,"client":"test",')),
    fc.jsonValue().filter((value) => value === null || typeof value !== 'object' || Array.isArray(value)).map((value) => JSON.stringify(value) ?? 'null'),
    fc.integer({ min: 100, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    fc.integer({ min: 100, max: 5_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
    fc.constantFrom('', ' ', 'null', '[]', '{}', '""', 'NaN', 'undefined', '{"type":null}', '{"__proto__":{"type":"hello"}}', '\u0000'),
  );
}

// Hostile values for property-based tests of the HTTP surface (test/integration/hostile-input.test.ts):
// injection strings, Unicode edge cases, control characters, huge and deeply nested values, and values built
// from a route's JSON schema (a valid-ish sample, and one fault at a time on it).
import fc from 'fast-check';
import type { JsonSchema } from './openapi-routes.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const SQL_INJECTIONS = [
  "' OR '1'='1", "1' OR '1'='1' --", `'; DROP TABLE "case"; --`, '" OR ""="', '1; SELECT pg_sleep(3)--', "') UNION SELECT password_hash FROM app_user --",
  "%' AND 1=1 --", "\\'; --", "'||(SELECT name_zh FROM jurisdiction LIMIT 1)||'", '1) OR 1=1 --', "admin'--",
];
export const SCRIPT_INJECTIONS = [
  '<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">', '"><svg onload=alert(1)>', 'javascript:alert(1)', '{{7*7}}', '${7*7}', '<!--', ']]>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
];
export const PATH_TRAVERSALS = ['../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/passwd', '....//....//etc/passwd', '..%2f..%2fetc%2fpasswd', 'a/../../b', 'C:\\boot.ini', '\\\\server\\share'];
/** FTS5 and tsquery syntax, which must stay plain words in a search */
export const SEARCH_SYNTAX = ['"', '"unterminated', 'NEAR(a b)', '*', 'a OR b', 'AND', '-x', '^x', 'body:x', 'doc_id:x', '&', '|', '!', ':*', '(', ')', '\\', '%', '_'];
export const UNICODE_EDGES = [
  '\u0000', 'a\u0000b', '\u202eevil', '\u200b', '\ufeff', '\ud800', '\udfff', 'a\ud800b', '👩‍👩‍👧‍👦', 'e\u0301'.repeat(300), '\u2028\u2029', '𠀀𪚥',
  'ｆｕｌｌ', 'İı', '\u0085', '\r\n', '\t', '\u007f', '\u00a0', 'NaN', 'Infinity', '-0', '1e309', 'null', 'undefined', 'true', '', ' ', '   ', '__proto__', 'constructor',
];
export const CONTROL_CHARACTERS = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f';

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SQL_INJECTIONS, ...SCRIPT_INJECTIONS, ...PATH_TRAVERSALS, ...SEARCH_SYNTAX, ...UNICODE_EDGES), weight: 6 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 20 }), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom('x', '长', '😀', '\u0000', "'"), fc.integer({ min: 1000, max: 120_000 })).map(([c, n]) => c.repeat(n)), weight: 1 },
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '$where', '$gt', 'toString', 'hasOwnProperty', '', ' ', 'a'.repeat(2000), 'id', 'tenantId', 'isAdmin', 'role', 'permissions'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, 1.5, -0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, Number.MIN_VALUE),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: hostileNumber, weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.array(hostileString, { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.dictionary(hostileKey, hostileString, { maxKeys: 4 }) as fc.Arbitrary<Json>, weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>, weight: 2 },
);

/** `depth` levels of arrays or objects around a value. */
export function nested(depth: number, shape: 'array' | 'object', inner: Json = 1): Json {
  let value: Json = inner;
  for (let i = 0; i < depth; i++) value = shape === 'array' ? [value] : { a: value };
  return value;
}

/** The same nesting as JSON text, for depths JSON.stringify would not reach. */
export function nestedJsonText(depth: number, shape: 'array' | 'object'): string {
  return shape === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

// ---- samples from a schema ------------------------------------------------------------------

export interface SampleHints {
  uuid: string;
  /** known values for string fields with a pattern (phone numbers, dates) */
  pattern?: (pattern: string) => string | undefined;
}

/** A value meant to satisfy `schema` (first branch of unions, smallest lengths and numbers). */
export function sampleFor(schema: JsonSchema, hints: SampleHints): Json {
  if (schema.const !== undefined) return schema.const as Json;
  if (schema.enum?.length) return schema.enum[0] as Json;
  const branch = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (branch) return sampleFor(branch, hints);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'uuid') return hints.uuid;
      if (schema.format === 'date-time') return '2026-03-03T01:00:00.000Z';
      if (schema.format === 'email') return 'probe@example.com';
      if (schema.pattern) {
        const known = hints.pattern?.(schema.pattern);
        if (known !== undefined) return known;
      }
      return '探'.repeat(Math.max(schema.minLength ?? 1, 1));
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleFor(schema.items ?? {}, hints));
    case 'object': {
      const out: Record<string, Json> = {};
      for (const name of schema.required ?? []) out[name] = sampleFor(schema.properties?.[name] ?? {}, hints);
      return out;
    }
    default:
      return null;
  }
}

/** Paths (as key lists) to every value in `value`, the root excluded. */
export function pathsIn(value: Json, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: Array<[string, Json]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsIn(v, [...prefix, k])]);
}

export function getAt(value: Json, path: string[]): Json | undefined {
  let current: Json | undefined = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(key)] : current[key];
  }
  return current;
}

/** A deep copy of `value` with `path` set to `replacement` (or removed when replacement is undefined). */
export function setAt(value: Json, path: string[], replacement: Json | undefined): Json {
  const copy = structuredClone(value);
  if (path.length === 0) return replacement ?? null;
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) parent = Array.isArray(parent) ? parent[Number(key)]! : (parent as Record<string, Json>)[key]!;
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    if (replacement === undefined) parent.splice(Number(last), 1);
    else parent[Number(last)] = replacement;
  } else if (parent && typeof parent === 'object') {
    // defineProperty, so that a key such as "__proto__" becomes an own property that JSON.stringify writes
    if (replacement === undefined) delete (parent as Record<string, Json>)[last];
    else Object.defineProperty(parent, last, { value: replacement, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** A value of another JSON type than `value`. */
export function otherType(value: Json | undefined): fc.Arbitrary<Json> {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const choices: Array<fc.Arbitrary<Json>> = [];
  if (kind !== 'string') choices.push(hostileString);
  if (kind !== 'number') choices.push(hostileNumber);
  if (kind !== 'boolean') choices.push(fc.boolean());
  if (kind !== 'null') choices.push(fc.constant(null));
  if (kind !== 'array') choices.push(fc.array(hostileValue, { maxLength: 3 }));
  if (kind !== 'object') choices.push(fc.dictionary(hostileKey, hostileValue, { maxKeys: 3 }) as fc.Arbitrary<Json>);
  return fc.oneof(...choices);
}

/** Bytes that are not UTF-8: stray continuation bytes, overlong forms, encoded surrogates, truncated sequences. */
export const invalidUtf8: fc.Arbitrary<Buffer> = fc.oneof(
  fc.constantFrom(
    Buffer.from([0xff]), Buffer.from([0xfe, 0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xe0, 0x80, 0xaf]),
    Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from([0xe9, 0x95]), Buffer.from([0x80, 0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80]),
  ),
  fc.uint8Array({ minLength: 1, maxLength: 16 }).map((bytes) => Buffer.from(bytes.map((b) => b | 0x80))),
);

/** JSON text with `bytes` spliced into one of its strings (or at the end, when it has none). */
export function spliceBytes(json: string, bytes: Buffer): Buffer {
  const text = Buffer.from(json, 'utf8');
  const quote = text.indexOf(0x22, text.indexOf(0x3a)); // the first string value after a colon
  const at = quote >= 0 ? quote + 1 : text.length;
  return Buffer.concat([text.subarray(0, at), bytes, text.subarray(at)]);
}

/** A short printable description of a possibly huge value, for failure messages. */
export function describe(value: unknown, max = 160): string {
  let text: string;
  if (Buffer.isBuffer(value)) text = `<${value.length} bytes: ${value.subarray(0, 40).toString('hex')}${value.length > 40 ? '…' : ''}>`;
  else if (typeof value === 'string') text = JSON.stringify(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}

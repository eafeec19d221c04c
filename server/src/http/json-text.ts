// Untrusted JSON text → a value, in time linear in its length and with no recursion a body
// can exhaust. One pass over the text bounds the nesting depth and finds duplicate keys and
// prototype-poisoning keys with their JSON paths; `secure-json-parse` then parses it,
// refusing `__proto__` and `constructor.prototype` while parsing.
import secureJson from 'secure-json-parse';
import { formatPath } from '@layercast/shared';
import { ApiError, toApiError, validationError } from '../errors';

/** Deeper than any template needs (a document nests about 6 levels), shallow enough to walk. */
export const MAX_JSON_DEPTH = 64;

type Segment = string | number;

interface Frame {
  /** Keys seen so far in an object; undefined for an array. */
  keys?: Set<string>;
  /** The key or index the scan is in. */
  at: Segment;
  /** Inside an object, whether the next string is a key. */
  expectKey: boolean;
}

export type JsonTextProblem =
  | { kind: 'too_deep' }
  | { kind: 'duplicate_key'; path: Segment[] }
  | { kind: 'forbidden_key'; path: Segment[] };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The first structural problem of a JSON text, or undefined. Assumes nothing about validity:
 * on text that is not JSON the answer may be anything, and `JSON.parse` decides.
 */
export function scanJsonText(text: string): JsonTextProblem | undefined {
  const stack: Frame[] = [];
  const path = (key: Segment): Segment[] => [...stack.slice(0, -1).map((frame) => frame.at), key];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) {
          escaped = true;
          i++;
        } else if (d === QUOTE) break;
      }
      const frame = stack[stack.length - 1];
      if (frame?.keys && frame.expectKey) {
        let key = text.slice(start + 1, i);
        if (escaped) {
          try {
            key = JSON.parse(text.slice(start, i + 1)) as string;
          } catch {
            return undefined; // not JSON; the parser will say so
          }
        }
        const inside = path(key);
        if (key === '__proto__' || (key === 'prototype' && previousKeyOf(stack) === 'constructor')) {
          return { kind: 'forbidden_key', path: inside };
        }
        if (frame.keys.has(key)) return { kind: 'duplicate_key', path: inside };
        frame.keys.add(key);
        frame.at = key;
        frame.expectKey = false;
      }
      continue;
    }
    switch (c) {
      case 0x7b: // {
      case 0x5b: {
        // [
        if (stack.length >= MAX_JSON_DEPTH) return { kind: 'too_deep' };
        stack.push(c === 0x7b ? { keys: new Set(), at: '', expectKey: true } : { at: 0, expectKey: false });
        break;
      }
      case 0x7d: // }
      case 0x5d: // ]
        stack.pop();
        break;
      case 0x2c: {
        // ,
        const frame = stack[stack.length - 1];
        if (!frame) break;
        if (frame.keys) frame.expectKey = true;
        else frame.at = (frame.at as number) + 1;
        break;
      }
    }
  }
  return undefined;
}

/** The key that holds the innermost open object, e.g. `constructor` in `{"constructor": {…}}`. */
function previousKeyOf(stack: Frame[]): Segment | undefined {
  return stack.length >= 2 ? stack[stack.length - 2]?.at : undefined;
}

/** A JSON text the API refuses, as the error the client gets (400 or 422 naming the path). */
export function jsonTextError(problem: JsonTextProblem): ApiError {
  switch (problem.kind) {
    case 'too_deep':
      return toApiError(
        validationError('invalid_request', [
          { path: '', message: `nested deeper than ${MAX_JSON_DEPTH} levels; flatten the body` },
        ]),
      );
    case 'forbidden_key':
      return toApiError(
        validationError('invalid_request', [
          { path: formatPath(problem.path), message: 'this property name is not allowed' },
        ]),
      );
    case 'duplicate_key': {
      const at = formatPath(problem.path);
      return new ApiError(400, 'duplicate_key', `${at} appears more than once in its object`, [
        { path: at, message: 'duplicate key; each key may appear once' },
      ]);
    }
  }
}

/**
 * Parses untrusted JSON text. Throws the client's error: 400 `malformed_json` for text that is
 * not JSON, 400 `duplicate_key`, 422 for nesting too deep or a prototype-poisoning key.
 */
export function parseUntrustedJson(text: string, malformed: () => ApiError): unknown {
  const problem = scanJsonText(text);
  if (problem?.kind === 'too_deep') throw jsonTextError(problem);
  let value: unknown;
  try {
    value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    // secure-json-parse's own refusal: the scan has the path (or the text is not JSON).
    if (problem) throw jsonTextError(problem);
    if (error instanceof SyntaxError && /forbidden prototype/.test(error.message)) {
      throw jsonTextError({ kind: 'forbidden_key', path: [] });
    }
    throw malformed();
  }
  if (problem) throw jsonTextError(problem);
  return value;
}

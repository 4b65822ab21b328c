import express, { type Request, type RequestHandler, type Response } from 'express';
import { buildProblem, sendProblem } from './problem-response.js';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** Deeper JSON than any API body needs; unbounded nesting overflowed the stack in validation (a 500). */
const MAX_JSON_DEPTH = 32;

/** Refuses JSON nested deeper than MAX_JSON_DEPTH, by one scan of the raw bytes before parsing. */
function limitJsonDepth(_request: unknown, _response: unknown, buffer: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buffer.length; i++) {
    const byte = buffer[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw new Error('JSON nested too deeply');
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Where HTML forms post: their path prefixes, and the paths whose form uploads a file (multipart/form-data). */
export interface FormRoutes {
  prefixes: string[];
  uploadPaths: string[];
}

/**
 * JSON body parsing whose failures answer as problem+json: malformed JSON 400,
 * oversized 413, wrong content type or charset 415. API routes accept JSON only;
 * HTML forms only form encoding, so a form field is always a string (or, when
 * repeated, a list of strings) and never a number or object from JSON.
 */
export function apiBodyParsers(limit: string, apiPrefix: string, forms: FormRoutes): RequestHandler[] {
  const json = express.json({ limit, type: ['application/json', 'application/*+json'], strict: true, verify: limitJsonDepth });
  const form = express.urlencoded({ limit, extended: false, parameterLimit: 200 });
  const guardContentType: RequestHandler = (request, response, next) => {
    if (!BODY_METHODS.has(request.method) || !hasBody(request)) return next();
    const refuse = (detail: string) =>
      sendProblem(
        response,
        buildProblem(
          415,
          'unsupported-media-type',
          `${detail} (got ${request.headers['content-type'] ?? 'no Content-Type'}).`,
          request.path,
        ),
      );
    if (forms.prefixes.some((prefix) => request.path.startsWith(prefix))) {
      const upload = forms.uploadPaths.includes(request.path.replace(/\/+$/, ''));
      const types = upload ? ['application/x-www-form-urlencoded', 'multipart/form-data'] : ['application/x-www-form-urlencoded'];
      if (!request.is(types)) {
        return refuse(
          upload
            ? 'Send this form as multipart/form-data or application/x-www-form-urlencoded'
            : 'Send this form as application/x-www-form-urlencoded, as a browser does',
        );
      }
    } else if (
      request.path.startsWith(apiPrefix) &&
      !request.is(['application/json', 'application/*+json', 'text/csv', 'multipart/form-data'])
    ) {
      return refuse('Send the body as application/json, or a CSV import as text/csv');
    }
    next();
  };
  const wrap =
    (parser: RequestHandler): RequestHandler =>
    (request, response, next) =>
      parser(request, response, (error?: unknown) => (error ? bodyError(error as BodyParserError, request, response) : next()));
  return [guardContentType, wrap(json), wrap(form), refuseControlCharacters];
}

/** C0 control characters and DEL, except tab, line feed and carriage return: never text a person meant to send. */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** Parsed JSON, form fields and query strings; not a raw upload (a CSV body stays a Buffer, checked by its import). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The path of the first string value holding a control character, or undefined. */
function controlCharacterAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return hasControlCharacter(value) ? path || 'body' : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = controlCharacterAt(item, `${path}[${index}]`);
      if (found) return found;
    }
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = hasControlCharacter(key) ? path || 'body' : controlCharacterAt(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A NUL byte or another control character in a field or query parameter is
 * refused with a 400 naming it, before it reaches validation or the database
 * (PostgreSQL refuses NUL in text, which surfaced as a 500).
 */
const refuseControlCharacters: RequestHandler = (request, response, next) => {
  const field = controlCharacterAt(request.query, '') ?? controlCharacterAt(request.body, '');
  if (!field) return next();
  sendProblem(
    response,
    buildProblem(400, 'invalid-input', 'A value holds a control character (such as a NUL byte), which no field accepts.', request.path, {
      invalidParams: [{ name: field, reason: 'must not contain control characters' }],
    }),
  );
};

function bodyError(error: BodyParserError, request: Request, response: Response): void {
  const path = request.path;
  switch (error.type) {
    case 'entity.too.large':
      return sendProblem(response, buildProblem(413, 'content-too-large', 'The request body is larger than this service accepts.', path));
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return sendProblem(response, buildProblem(415, 'unsupported-media-type', 'The body must be encoded as UTF-8.', path));
    case 'entity.verify.failed':
      return sendProblem(
        response,
        buildProblem(400, 'malformed-json', `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`, path, {
          invalidParams: [{ name: 'body', reason: `is nested more than ${MAX_JSON_DEPTH} levels deep` }],
        }),
      );
    case 'entity.parse.failed':
      return sendProblem(
        response,
        buildProblem(400, 'malformed-json', 'The request body is not valid JSON.', path, {
          invalidParams: [{ name: 'body', reason: 'is not valid JSON' }],
        }),
      );
    default:
      return sendProblem(
        response,
        buildProblem(error.status && error.status < 500 ? error.status : 400, 'bad-request', 'The request body could not be read.', path),
      );
  }
}

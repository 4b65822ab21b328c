import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import multer, { type MulterError } from 'multer';
import type { Actor } from '../../platform/auth/actor.js';
import { SESSION_COOKIE } from '../../platform/auth/session-cookie.js';
import { SessionService } from '../../identity/session.service.js';
import { MAX_IMPORT_BYTES } from '../../imports/imports.service.js';

/** The import page, whose form uploads a file: the one portal form posted as multipart/form-data. */
export const IMPORT_UPLOAD_PATH = '/portal/admin/imports';

/** The form field of the file on the import page. */
export const IMPORT_FILE_FIELD = 'file';

const UPLOAD = Symbol('werkbrug:import-upload');

/** What the upload middleware found in the import form's body, for the page to act on once the guard has let it through. */
export interface ImportUpload {
  file?: { name: string; content: Buffer };
  /** The file was refused while it was read; `name` is the file's own name, when known. */
  problem?: { kind: 'too-large' | 'not-csv' | 'unreadable'; name?: string };
}

export function importUploadOf(request: Request): ImportUpload {
  return ((request as unknown as Record<symbol, ImportUpload | undefined>)[UPLOAD] ??= {});
}

/** A CSV file by its name or its type. Browsers send .csv as text/csv, or as application/vnd.ms-excel where Excel is installed. */
export function isCsvFile(name: string, type: string): boolean {
  return /\.csv$/i.test(name.trim()) || type.toLowerCase() === 'text/csv';
}

const SPREADSHEET_SIGNATURES = [
  Buffer.from('PK\x03\x04', 'latin1'), // .xlsx, .ods (zip)
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), // .xls (OLE)
  Buffer.from('%PDF', 'latin1'),
];

/**
 * The text of an uploaded CSV file, or why it is not one: a spreadsheet or
 * other binary file renamed to .csv, UTF-16 ("Unicode text") or another
 * encoding than UTF-8 (names would come out garbled), or no content.
 */
export function csvText(content: Buffer): { text: string } | { problem: 'empty' | 'not-csv' | 'encoding' } {
  if (content.length === 0) return { problem: 'empty' };
  if ((content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff)) return { problem: 'encoding' };
  if (SPREADSHEET_SIGNATURES.some((signature) => content.subarray(0, signature.length).equals(signature)) || content.includes(0)) {
    return { problem: 'not-csv' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return { problem: 'encoding' };
  }
  return text.trim() === '' ? { problem: 'empty' } : { text };
}

/**
 * Reads the import page's multipart/form-data body before the guard runs, so
 * that the guard finds the form's `_csrf` field in `request.body`, as it does
 * for every urlencoded portal form: the token stays in the body, never in the
 * URL. The body is only read for a signed-in admin (the route's policy), so
 * that nobody else can make the server hold a file of up to MAX_IMPORT_BYTES;
 * anyone else's body is left unread and the guard refuses the request as
 * before. Problems with the file are not answered here but left for the page,
 * which shows them once the guard has checked session, CSRF token and role.
 */
@Injectable()
export class ImportUploadMiddleware implements NestMiddleware {
  private readonly parse = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 12, fieldSize: 8 * 1024, fieldNameSize: 100 },
    fileFilter: (request, file, callback) => {
      // multer itself refuses a file in any other field, or a second file (LIMIT_UNEXPECTED_FILE).
      if (isCsvFile(file.originalname, file.mimetype)) return callback(null, true);
      // Not read into memory: the page says the file is not a CSV file.
      importUploadOf(request).problem = { kind: 'not-csv', name: file.originalname };
      callback(null, false);
    },
  }).single(IMPORT_FILE_FIELD);

  constructor(private readonly sessions: SessionService) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    if (!request.is('multipart/form-data') || !(await this.signedInAdmin(request))) return next();
    const upload = importUploadOf(request);
    this.parse(request, response, (error?: unknown) => {
      const file = (request as Request & { file?: Express.Multer.File }).file;
      if (error) upload.problem = { kind: (error as MulterError).code === 'LIMIT_FILE_SIZE' ? 'too-large' : 'unreadable' };
      else if (file) upload.file = { name: file.originalname, content: file.buffer };
      next();
    });
  }

  /** The same sign-in the guard checks (bearer token first, then the session cookie); the guard still decides. */
  private async signedInAdmin(request: Request): Promise<boolean> {
    const header = request.headers.authorization;
    const cookie = request.cookies?.[SESSION_COOKIE] as string | undefined;
    let actor: Actor | undefined;
    try {
      if (header?.startsWith('Bearer ')) actor = await this.sessions.authenticate(header.slice(7).trim(), 'bearer');
      else if (cookie) actor = await this.sessions.authenticate(cookie, 'cookie');
    } catch {
      actor = undefined; // the guard meets the same failure and answers it
    }
    return actor?.role === 'admin';
  }
}

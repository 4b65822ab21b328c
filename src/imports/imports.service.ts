import { Readable } from 'node:stream';
import { HttpStatus, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { AuditService } from '../audit/audit.service.js';
import { errorCode } from '../platform/database/database-errors.js';
import type { Actor } from '../platform/auth/actor.js';
import { CASEWORKER_RULE } from '../identity/caseworker.js';
import { Transactions } from '../platform/database/transactions.js';
import { InvalidInputException, NotFoundProblem, ProblemException, type InvalidParam } from '../platform/http/problem.js';
import type { CreateEmployerDto } from '../employers/dto/employer.dto.js';
import { EmployersService } from '../employers/employers.service.js';
import type { CreateParticipantDto } from '../participants/dto/participant.dto.js';
import { type ParticipantImportRow, ParticipantsService } from '../participants/participants.service.js';
import { requestContext } from '../platform/http/request-context.js';
import { OnJob } from '../platform/queue/job-handler.decorator.js';
import { JobName } from '../platform/queue/queue.constants.js';
import { QueueService } from '../platform/queue/queue.service.js';
import { WorkerService } from '../platform/queue/worker.service.js';
import type { CreateVacancyDto } from '../vacancies/dto/vacancy.dto.js';
import { VacanciesService } from '../vacancies/vacancies.service.js';
import { MembershipsService } from '../identity/memberships.service.js';
import { coerceRow, KINDS, type ImportKind, type KindDefinition } from './csv-columns.js';
import { columnFor, detectDelimiter } from './csv-dialect.js';
import type { ImportDto, ImportRejectionDto, ImportUpdateDto } from './dto/import.dto.js';
import { type ImportRunRow, ImportsRepository } from './imports.repository.js';

/** Why a row's coach address was refused: said without the address itself. */
export const COACH_EMAIL_RULE = 'must be the e-mail address of an active coach or team lead of your organisation';

/** The largest CSV file accepted, in bytes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

interface ImportJob {
  importId: string;
}

type RowOutcome = 'created' | 'unchanged';

/** Rows written per transaction by the set-based path: large enough to pay off, small enough to keep memory flat. */
export const IMPORT_BATCH_ROWS = 1000;

/** A row read from the file, before it is checked. */
interface ReadRow {
  rowNumber: number;
  record: Record<string, string>;
}

/** What a run looks up once rather than per row: coaches by e-mail address, and membership ids already checked. */
interface RunLookups {
  coachByEmail: Map<string, string | undefined>;
  caseworker: Map<string, boolean>;
}

/** A batch of rows after their checks: those to write, and those refused with their reasons. */
interface CheckedBatch {
  rows: number[];
  accepted: Array<ParticipantImportRow & { rowNumber: number }>;
  rejections: Array<{ rowNumber: number; reasons: InvalidParam[] }>;
}

/** A batch's result, as the run's counters and per-row reports take it. */
export interface BatchResult {
  lastRow: number;
  created: number;
  updated: number;
  unchanged: number;
  rejections: Array<{ rowNumber: number; reasons: InvalidParam[] }>;
  updates: Array<{ rowNumber: number; fields: string[] }>;
}

class RowRejected extends Error {
  constructor(readonly reasons: InvalidParam[]) {
    super('row rejected');
  }
}

/** Reads the rows of a file of this kind: its own separator, each column under the API's name (Dutch names mapped). */
function csvParser(kindName: ImportKind, content: string) {
  const kind = KINDS[kindName];
  return parse({
    columns: (header: string[]) => header.map((written) => columnFor(kindName, kind.columns, written) ?? written),
    delimiter: detectDelimiter(content),
    bom: true,
    skip_empty_lines: true,
    trim: false,
    relax_column_count: false,
  });
}

function flatten(errors: ValidationError[], prefix = ''): InvalidParam[] {
  return errors.flatMap((error) => {
    const name = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ name, reason }));
    return [...own, ...flatten(error.children ?? [], name)];
  });
}

/**
 * Bulk CSV import of employers, vacancies and participants. The upload is
 * checked (size, CSV syntax, known and required columns: the header before
 * any row) and stored; a queue job reads it as a stream and validates each
 * row with the API's own create DTO. Employer and vacancy rows are written
 * each in its own transaction together with the progress counter; participant
 * rows (the national-scale kind) a batch at a time, set-based through the
 * participants service, with the counters, in one transaction per batch. So a
 * row is either fully in or reported, and a retried job resumes after the
 * last row (or batch) it finished. Rows whose key (KvK number for employers,
 * external reference for vacancies and participants) was imported before are
 * not created again: a participant whose data changed is updated, the rest
 * are unchanged, so running the same file twice changes nothing. Once the run
 * completes or fails, the file (names, e-mail addresses, phone numbers) is
 * purged; the counts, the rejection reasons and the updated rows' column
 * names, which never hold a cell's value, stay.
 */
@Injectable()
export class ImportsService implements OnModuleInit {
  private readonly logger = new Logger(ImportsService.name);
  /** Rows per transaction of the set-based path (tests make it small). */
  batchRows = IMPORT_BATCH_ROWS;

  constructor(
    private readonly repository: ImportsRepository,
    private readonly transactions: Transactions,
    private readonly queues: QueueService,
    private readonly audit: AuditService,
    private readonly workers: WorkerService,
    private readonly memberships: MembershipsService,
    private readonly employers: EmployersService,
    private readonly vacancies: VacanciesService,
    private readonly participants: ParticipantsService,
  ) {}

  onModuleInit(): void {
    // A run whose job gave up (the database kept failing) must not look "running" forever; the rows done stay done.
    this.workers.onFinalFailure(JobName.ImportRun, async ({ data }) => {
      await this.repository.failAfterRetries((data as ImportJob).importId);
    });
  }

  async start(actor: Actor, kind: ImportKind, content: string): Promise<ImportDto> {
    if (kind !== 'participants' && actor.role !== 'admin') {
      throw new ProblemException(HttpStatus.FORBIDDEN, 'forbidden', `Only an admin may import ${kind}.`);
    }
    const totalRows = await this.check(kind, content);
    const row = await this.repository.insertRun({
      organisationId: actor.organisationId,
      kind,
      content,
      totalRows,
      userId: actor.userId,
      membershipId: actor.membershipId,
      role: actor.role,
    });
    await this.audit.record(actor, { action: 'create', resourceType: 'import_run', resourceId: row.id, fields: [kind] });
    await this.queues.enqueue<ImportJob>(JobName.ImportRun, { importId: row.id }, { key: row.id });
    return toDto(row);
  }

  async get(actor: Actor, importId: string): Promise<ImportDto> {
    return toDto(await this.find(actor, importId));
  }

  async rejections(actor: Actor, importId: string): Promise<ImportRejectionDto[]> {
    await this.find(actor, importId);
    const rows = await this.repository.rejections(importId);
    return rows.map((r) => ({ row: r.row_number, reasons: r.reasons.map((reason) => ({ name: reason.name, reason: reason.reason })) }));
  }

  async updates(actor: Actor, importId: string): Promise<ImportUpdateDto[]> {
    await this.find(actor, importId);
    const rows = await this.repository.updates(importId);
    return rows.map((r) => ({ row: r.row_number, fields: r.fields }));
  }

  @OnJob(JobName.ImportRun)
  async run(job: ImportJob): Promise<'completed' | 'skipped'> {
    const run = await this.repository.findRun(job.importId);
    if (!run || run.status === 'completed' || run.status === 'failed') return 'skipped';
    await this.repository.markRunning(run.id);
    const actor = actorOf(run);
    const kind = KINDS[run.kind];
    let rowNumber = 0;
    const records = Readable.from([run.content]).pipe(csvParser(run.kind, run.content));
    const lookups: RunLookups = { coachByEmail: new Map(), caseworker: new Map() };
    let batch: ReadRow[] = [];
    const keys = new Set<string>();
    // One batch is written while the next is read and checked: the database and the checks work at the same time.
    let writing: Promise<void> | undefined;
    const flush = async (rows: ReadRow[]) => {
      const checked = await this.checkBatch(actor, kind, rows, lookups);
      await writing;
      writing = this.writeBatch(actor, run, checked);
      writing.catch(() => undefined); // awaited at the next flush; meanwhile its failure is not "unhandled"
    };
    for await (const record of records as AsyncIterable<Record<string, string>>) {
      rowNumber += 1;
      if (rowNumber <= run.rows_done) continue; // done by an earlier attempt of this job
      if (run.kind !== 'participants') {
        await this.importRow(actor, run, kind, rowNumber, record);
        continue;
      }
      // A key seen twice goes into the next batch, so that the later row meets what the earlier one wrote.
      const key = record[kind.key]?.trim() ?? '';
      if (batch.length >= this.batchRows || keys.has(key)) {
        await flush(batch);
        batch = [];
        keys.clear();
      }
      batch.push({ rowNumber, record });
      keys.add(key);
    }
    if (batch.length > 0) await flush(batch);
    await writing;
    await this.repository.complete(run.id);
    this.logger.log({ importId: run.id, rows: rowNumber }, 'import completed');
    return 'completed';
  }

  /** Each row checked as before (the API's DTO, the coach); the coach lookups are shared by the run. */
  private async checkBatch(actor: Actor, kind: KindDefinition, rows: ReadRow[], lookups: RunLookups): Promise<CheckedBatch> {
    const checked: CheckedBatch = { rows: rows.map((row) => row.rowNumber), accepted: [], rejections: [] };
    for (const { rowNumber, record } of rows) {
      try {
        const { key, dto, extras } = await this.checkRow(kind, record);
        const input = dto as CreateParticipantDto;
        if (input.coachMembershipId) await this.assertMembership(actor, 'coachMembershipId', input.coachMembershipId, lookups);
        else if (typeof extras.coachEmail === 'string')
          input.coachMembershipId = await this.coachByEmail(actor, 'coachEmail', extras.coachEmail, lookups);
        checked.accepted.push({ rowNumber, reference: key, input });
      } catch (error) {
        if (!(error instanceof RowRejected)) throw error;
        checked.rejections.push({ rowNumber, reasons: withoutValues(error.reasons, record) });
      }
    }
    return checked;
  }

  /**
   * A checked batch of participant rows, written set-based through the
   * participants service together with the run's counters and per-row
   * reports, in one transaction: the batch is in, or none of it is, and a
   * retried job resumes at the batch's first row. One advisory lock per batch
   * keeps two imports of the organisation's participants from both creating a
   * key. A row the database refuses (a constraint) fails the batch; the batch
   * is then written row by row so that only that row is rejected.
   */
  private async writeBatch(actor: Actor, run: ImportRunRow, batch: CheckedBatch): Promise<void> {
    const first = batch.rows[0]!;
    const last = batch.rows[batch.rows.length - 1]!;
    try {
      await this.writeParticipants(actor, run, batch.accepted, batch.rejections, last, `import:${run.id}:rows:${first}-${last}`);
    } catch (error) {
      const reasons = databaseReasons(error);
      if (!reasons) throw error; // not the rows' fault (connection lost): let the job retry and resume at this batch
      if (batch.rows.length === 1) {
        await this.writeParticipants(actor, run, [], [{ rowNumber: first, reasons }], last, `import:${run.id}:rows:${first}-${last}`);
        return;
      }
      for (const rowNumber of batch.rows) {
        await this.writeBatch(actor, run, {
          rows: [rowNumber],
          accepted: batch.accepted.filter((row) => row.rowNumber === rowNumber),
          rejections: batch.rejections.filter((row) => row.rowNumber === rowNumber),
        });
      }
    }
  }

  private async writeParticipants(
    actor: Actor,
    run: ImportRunRow,
    accepted: Array<ParticipantImportRow & { rowNumber: number }>,
    rejections: BatchResult['rejections'],
    lastRow: number,
    batchId: string,
  ): Promise<void> {
    // The batch's audit entries carry the batch as their request id: one import run, these rows.
    await requestContext.run({ requestId: batchId, actor }, () =>
      this.transactions.run(async () => {
        await this.repository.lockKey(`import:${actor.organisationId}:participants`);
        const outcomes = await this.participants.importBatch(actor, accepted);
        const result: BatchResult = { lastRow, created: 0, updated: 0, unchanged: 0, rejections, updates: [] };
        outcomes.forEach((outcome, index) => {
          result[outcome.outcome] += 1;
          if (outcome.outcome === 'updated') result.updates.push({ rowNumber: accepted[index]!.rowNumber, fields: outcome.fields });
        });
        await this.repository.batchDone(run.id, result);
      }),
    );
  }

  private async importRow(actor: Actor, run: ImportRunRow, kind: KindDefinition, rowNumber: number, record: Record<string, string>) {
    try {
      const outcome = await this.transactions.run(async () => {
        const result = await this.writeRow(actor, run.kind, kind, record);
        await this.repository.rowDone(run.id, rowNumber, result);
        return result;
      });
      return outcome;
    } catch (error) {
      const reasons = error instanceof RowRejected ? error.reasons : databaseReasons(error);
      if (!reasons) throw error; // not the row's fault (connection lost): let the job retry and resume here
      await this.transactions.run(() => this.repository.rowRejected(run.id, rowNumber, withoutValues(reasons, record)));
      return 'rejected';
    }
  }

  /** A row's cells as the API's create DTO would take them, or RowRejected naming each refused column (never its value). */
  private async checkRow(kind: KindDefinition, record: Record<string, string>) {
    const values = coerceRow(kind, record);
    const extras: Record<string, unknown> = {};
    for (const column of kind.extraColumns) {
      extras[column] = values[column];
      delete values[column];
    }
    const reasons: InvalidParam[] = [];
    const key = kind.extraColumns.includes(kind.key) ? extras[kind.key] : values[kind.key];
    if (typeof key !== 'string' || key.length === 0) reasons.push({ name: kind.key, reason: 'is required to import a row' });
    else if (key.length > 100) reasons.push({ name: kind.key, reason: 'must be at most 100 characters' });
    // Nested fields (an employer's address, a vacancy's tasks) are validated by the DTO too, and reported by their column.
    const nested = kind.nest?.(values) ?? { reasons: [], rename: (reason: InvalidParam) => reason };
    reasons.push(...nested.reasons);
    const reported = new Set(nested.reasons.map((reason) => reason.name));
    // A kind without nested cells has a flat DTO: its instance needs no class-transformer (a sixth of a row's checking time).
    const dto: object = kind.nest ? plainToInstance(kind.dto, values) : Object.assign(Object.create(kind.dto.prototype) as object, values);
    // The DTOs have no asynchronous validators; the synchronous run gives the same errors at two thirds of the cost.
    const invalid = flatten(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true })).map(nested.rename);
    reasons.push(...invalid.filter((reason) => !reported.has(reason.name)));
    if (reasons.length) throw new RowRejected(reasons);
    return { key: key as string, dto, extras, nested };
  }

  private async writeRow(actor: Actor, kindName: ImportKind, kind: KindDefinition, record: Record<string, string>): Promise<RowOutcome> {
    const { key, dto, extras, nested } = await this.checkRow(kind, record);
    const rowKey = key;
    // One writer per key at a time, so two imports of the same file cannot both create the row.
    await this.repository.lockKey(`import:${actor.organisationId}:${kindName}:${rowKey}`);
    try {
      switch (kindName) {
        case 'employers':
          return await this.writeEmployer(actor, dto as CreateEmployerDto, extras.contactCoachEmail);
        case 'vacancies':
          return await this.writeVacancy(actor, rowKey, extras.employerKvkNumber, dto as CreateVacancyDto);
        case 'participants':
          throw new Error('Participants are imported in batches');
      }
    } catch (error) {
      // A check the owning service makes (a postcode area it does not know) rejects the row, named by its column.
      if (error instanceof InvalidInputException && error.invalidParams) throw new RowRejected(error.invalidParams.map(nested.rename));
      throw error;
    }
  }

  private async writeEmployer(actor: Actor, input: CreateEmployerDto, coachEmail: unknown): Promise<RowOutcome> {
    if ((await this.employers.idsByKvkNumber(actor.organisationId, input.kvkNumber!)).length > 0) return 'unchanged';
    if (input.contactCoachMembershipId) await this.assertMembership(actor, 'contactCoachMembershipId', input.contactCoachMembershipId);
    else if (typeof coachEmail === 'string')
      input.contactCoachMembershipId = await this.coachByEmail(actor, 'contactCoachEmail', coachEmail);
    await this.employers.createImported(actor, input);
    return 'created';
  }

  private async writeVacancy(actor: Actor, reference: string, employerKvkNumber: unknown, input: CreateVacancyDto): Promise<RowOutcome> {
    if (await this.vacancies.idByExternalReference(actor.organisationId, reference)) return 'unchanged';
    if (input.hoursMin > input.hoursMax) throw new RowRejected([{ name: 'hoursMax', reason: 'must be at least hoursMin' }]);
    const employers: string[] = input.employerId
      ? (await this.employers.existsInOrganisation(input.employerId, actor.organisationId))
        ? [input.employerId]
        : []
      : typeof employerKvkNumber === 'string'
        ? await this.employers.idsByKvkNumber(actor.organisationId, employerKvkNumber)
        : [];
    if (employers.length !== 1) {
      const name = input.employerId ? 'employerId' : 'employerKvkNumber';
      throw new RowRejected([
        { name, reason: employers.length ? 'matches more than one employer' : 'must name an employer of this organisation' },
      ]);
    }
    await this.vacancies.createImported(actor, employers[0], reference, input);
    return 'created';
  }

  /**
   * The file is refused as a whole when it is not CSV, or when its header has
   * columns this kind does not know or lacks one every row needs: the header
   * is judged as soon as it is read, before any data row.
   */
  private async check(kindName: ImportKind, content: string): Promise<number> {
    const options = { bom: true, skip_empty_lines: true, relax_column_count: false, delimiter: detectDelimiter(content) };
    const notCsv = (error: unknown) => {
      // The parser quotes the offending bytes; keep the message short and printable (a binary file is not echoed back).
      const message = (error as Error).message.replace(/[^\x20-\x7e\u00a0-\u024f]/g, '?').slice(0, 200);
      return new InvalidInputException([{ name: 'body', reason: `is not valid CSV: ${message}` }]);
    };
    let header: string[] | undefined;
    try {
      // The header alone first (the parser stops after one record), so that its faults come before any row's.
      [header] = parseSync(content, { ...options, to: 1 }) as string[][];
    } catch (error) {
      throw notCsv(error);
    }
    if (!header) throw new InvalidInputException([{ name: 'body', reason: 'must start with a header row' }]);
    this.checkHeader(kindName, header);
    let rows = -1;
    try {
      const parser = Readable.from([content]).pipe(parse(options));
      for await (const _record of parser as AsyncIterable<string[]>) rows += 1;
    } catch (error) {
      throw notCsv(error);
    }
    return rows;
  }

  private checkHeader(kindName: ImportKind, header: string[]): void {
    const kind = KINDS[kindName];
    const columns = header.map((written) => columnFor(kindName, kind.columns, written));
    const unknown = header.filter((_written, index) => columns[index] === undefined);
    if (unknown.length) {
      throw new InvalidInputException(unknown.map((column) => ({ name: column, reason: `is not a column for ${kindName}` })));
    }
    const twice = header.filter((_written, index) => columns.indexOf(columns[index]) !== index);
    if (twice.length) {
      throw new InvalidInputException(twice.map((column) => ({ name: column, reason: 'names a column that is in the file twice' })));
    }
    const missing = kind.required.filter((column) => !columns.includes(column));
    if (missing.length) {
      throw new InvalidInputException(
        missing.map((column) => ({
          name: column,
          reason: column === kind.key ? 'column is required' : 'column is required for every row',
        })),
      );
    }
  }

  /** The ids of the organisation's newest runs, for the admin's import page. */
  async recentRunIds(actor: Actor, limit = 20): Promise<string[]> {
    return this.repository.recentRunIds(actor.organisationId, limit);
  }

  private async find(actor: Actor, importId: string): Promise<ImportRunRow> {
    const row = await this.repository.findVisible(importId, actor.organisationId, actor.role, actor.membershipId);
    if (!row) throw new NotFoundProblem('import');
    return row;
  }

  /** The membership of the coach or team lead with this address in the organisation; the row is refused otherwise. */
  private async coachByEmail(actor: Actor, name: string, email: string, lookups?: RunLookups): Promise<string> {
    const address = email.trim().toLowerCase();
    let membershipId = lookups?.coachByEmail.get(address);
    if (!lookups?.coachByEmail.has(address)) {
      membershipId = await this.memberships.caseworkerByEmail(actor.organisationId, address);
      lookups?.coachByEmail.set(address, membershipId);
    }
    if (!membershipId) throw new RowRejected([{ name, reason: COACH_EMAIL_RULE }]);
    return membershipId;
  }

  private async assertMembership(actor: Actor, name: string, membershipId: string, lookups?: RunLookups): Promise<void> {
    let caseworker = lookups?.caseworker.get(membershipId);
    if (caseworker === undefined) {
      caseworker = await this.memberships.isCaseworker(actor.organisationId, membershipId);
      lookups?.caseworker.set(membershipId, caseworker);
    }
    if (!caseworker) throw new RowRejected([{ name, reason: CASEWORKER_RULE }]);
  }
}

/**
 * A reason is stored and shown for as long as the run is kept, so it may name
 * the column and the rule but never repeat what the cell held (a name, an
 * e-mail address, a phone number).
 */
export function withoutValues(reasons: InvalidParam[], record: Record<string, string>): InvalidParam[] {
  const values = Object.values(record)
    .map((value) => value.trim())
    .filter((value) => value.length >= 3)
    .sort((a, b) => b.length - a.length);
  return reasons.map(({ name, reason }) => ({
    name,
    reason: values.reduce((text, value) => text.split(value).join('(value left out)'), reason),
  }));
}

/** Constraint violations are the row's fault and are reported; anything else is not. */
/** The row's own fault, said without the database's wording (no SQL or table names in a report). */
function databaseReasons(error: unknown): InvalidParam[] | undefined {
  const code = errorCode(error);
  if (code === '23505') return [{ name: 'row', reason: 'was imported at the same time by another import' }];
  if (code && (code.startsWith('23') || code.startsWith('22'))) return [{ name: 'row', reason: 'contains a value that cannot be stored' }];
  return undefined;
}

function actorOf(run: ImportRunRow): Actor {
  return {
    userId: run.created_by_user_id,
    membershipId: run.created_by_membership_id,
    organisationId: run.organisation_id,
    role: run.created_by_role,
    teamId: null,
    employerId: null,
    participantId: null,
    sessionId: `import:${run.id}`,
    via: 'bearer',
    displayName: 'import',
    locale: 'nl',
  };
}

function toDto(row: ImportRunRow): ImportDto {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    totalRows: row.total_rows,
    rowsDone: row.rows_done,
    percentage: row.total_rows === 0 ? 100 : Math.floor((row.rows_done * 100) / row.total_rows),
    rowsCreated: row.rows_created,
    rowsUnchanged: row.rows_unchanged,
    rowsUpdated: row.rows_updated,
    rowsRejected: row.rows_rejected,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

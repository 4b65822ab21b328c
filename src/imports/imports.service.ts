import { Readable } from 'node:stream';
import { HttpStatus, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { parse } from 'csv-parse';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService, presentFields } from '../audit/audit.service.js';
import { errorCode } from '../platform/http/problem-details.filter.js';
import type { Actor } from '../platform/auth/actor.js';
import { CASEWORKER_RULE, isCaseworker } from '../identity/caseworker.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { InvalidInputException, NotFoundProblem, ProblemException, type InvalidParam } from '../platform/http/problem.js';
import type { CreateEmployerDto } from '../employers/dto/employer.dto.js';
import { Employer } from '../employers/entities/employer.entity.js';
import type { Role } from '../identity/entities/membership.entity.js';
import type { CreateParticipantDto } from '../participants/dto/participant.dto.js';
import { Participant } from '../participants/entities/participant.entity.js';
import { OnJob } from '../platform/queue/job-handler.decorator.js';
import { JobName } from '../platform/queue/queue.constants.js';
import { QueueService } from '../platform/queue/queue.service.js';
import { WorkerService } from '../platform/queue/worker.service.js';
import { resolveCoordinates } from '../reference-data/postcodes.js';
import type { CreateVacancyDto } from '../vacancies/dto/vacancy.dto.js';
import { Vacancy } from '../vacancies/entities/vacancy.entity.js';
import { coreTasks } from '../vacancies/vacancies.service.js';
import { coerceRow, KINDS, type ImportKind, type KindDefinition } from './csv-columns.js';
import type { ImportDto, ImportRejectionDto } from './dto/import.dto.js';

/** The largest CSV file accepted, in bytes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

interface ImportJob {
  importId: string;
}

interface ImportRunRow {
  id: string;
  organisation_id: string;
  kind: ImportKind;
  status: ImportDto['status'];
  content: string;
  total_rows: number;
  rows_done: number;
  rows_created: number;
  rows_unchanged: number;
  rows_rejected: number;
  error: string | null;
  created_by_user_id: string;
  created_by_membership_id: string;
  created_by_role: Role;
  created_at: Date;
  finished_at: Date | null;
}

type RowOutcome = 'created' | 'unchanged';

class RowRejected extends Error {
  constructor(readonly reasons: InvalidParam[]) {
    super('row rejected');
  }
}

function csvParser() {
  return parse({ columns: true, bom: true, skip_empty_lines: true, trim: false, relax_column_count: false });
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
 * checked (size, CSV syntax, known columns) and stored; a queue job reads it
 * as a stream, validates each row with the API's own create DTO and writes
 * each row in its own transaction together with the progress counter, so a
 * row is either fully in or reported, and a retried job resumes after the
 * last row it finished. Rows whose key (KvK number for employers, external
 * reference for vacancies and participants) was imported before are left
 * alone, so running the same file twice changes nothing.
 */
@Injectable()
export class ImportsService implements OnModuleInit {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly audit: AuditService,
    private readonly encryption: FieldEncryption,
    private readonly workers: WorkerService,
  ) {}

  onModuleInit(): void {
    // A run whose job gave up (the database kept failing) must not look "running" forever; the rows done stay done.
    this.workers.onFinalFailure(JobName.ImportRun, async ({ data }) => {
      await this.dataSource.query(
        `UPDATE import_run SET status = 'failed', finished_at = now(),
                error = 'Stopped after repeated errors at row ' || (rows_done + 1) || '; the rows before it are imported. Import the file again to finish: rows already in are left unchanged.'
          WHERE id = $1 AND status IN ('queued', 'running')`,
        [(data as ImportJob).importId],
      );
    });
  }

  async start(actor: Actor, kind: ImportKind, content: string): Promise<ImportDto> {
    if (kind !== 'participants' && actor.role !== 'admin') {
      throw new ProblemException(HttpStatus.FORBIDDEN, 'forbidden', `Only an admin may import ${kind}.`);
    }
    const totalRows = await this.check(kind, content);
    const [row]: ImportRunRow[] = await this.dataSource.query(
      `INSERT INTO import_run (organisation_id, kind, content, total_rows, created_by_user_id, created_by_membership_id, created_by_role)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [actor.organisationId, kind, content, totalRows, actor.userId, actor.membershipId, actor.role],
    );
    await this.audit.record(actor, { action: 'create', resourceType: 'import_run', resourceId: row.id, fields: [kind] });
    await this.queues.enqueue<ImportJob>(JobName.ImportRun, { importId: row.id }, { key: row.id });
    return toDto(row);
  }

  async get(actor: Actor, importId: string): Promise<ImportDto> {
    return toDto(await this.find(actor, importId));
  }

  async rejections(actor: Actor, importId: string): Promise<ImportRejectionDto[]> {
    await this.find(actor, importId);
    const rows: Array<{ row_number: number; reasons: InvalidParam[] }> = await this.dataSource.query(
      'SELECT row_number, reasons FROM import_rejection WHERE import_id = $1 ORDER BY row_number',
      [importId],
    );
    return rows.map((r) => ({ row: r.row_number, reasons: r.reasons.map((reason) => ({ name: reason.name, reason: reason.reason })) }));
  }

  @OnJob(JobName.ImportRun)
  async run(job: ImportJob): Promise<'completed' | 'skipped'> {
    const [run]: ImportRunRow[] = await this.dataSource.query('SELECT * FROM import_run WHERE id = $1', [job.importId]);
    if (!run || run.status === 'completed' || run.status === 'failed') return 'skipped';
    await this.dataSource.query("UPDATE import_run SET status = 'running' WHERE id = $1", [run.id]);
    const actor = actorOf(run);
    const kind = KINDS[run.kind];
    let rowNumber = 0;
    const records = Readable.from([run.content]).pipe(csvParser());
    for await (const record of records as AsyncIterable<Record<string, string>>) {
      rowNumber += 1;
      if (rowNumber <= run.rows_done) continue; // done by an earlier attempt of this job
      await this.importRow(actor, run, kind, rowNumber, record);
    }
    await this.dataSource.query("UPDATE import_run SET status = 'completed', finished_at = now() WHERE id = $1", [run.id]);
    this.logger.log({ importId: run.id, rows: rowNumber }, 'import completed');
    return 'completed';
  }

  private async importRow(actor: Actor, run: ImportRunRow, kind: KindDefinition, rowNumber: number, record: Record<string, string>) {
    try {
      const outcome = await this.dataSource.transaction(async (manager) => {
        const result = await this.writeRow(manager, actor, run.kind, kind, record);
        await manager.query(
          `UPDATE import_run SET rows_done = $2, rows_created = rows_created + $3, rows_unchanged = rows_unchanged + $4 WHERE id = $1`,
          [run.id, rowNumber, result === 'created' ? 1 : 0, result === 'unchanged' ? 1 : 0],
        );
        return result;
      });
      return outcome;
    } catch (error) {
      const reasons = error instanceof RowRejected ? error.reasons : databaseReasons(error);
      if (!reasons) throw error; // not the row's fault (connection lost): let the job retry and resume here
      await this.dataSource.transaction(async (manager) => {
        await manager.query('INSERT INTO import_rejection (import_id, row_number, reasons) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
          run.id,
          rowNumber,
          JSON.stringify(reasons),
        ]);
        await manager.query('UPDATE import_run SET rows_done = $2, rows_rejected = rows_rejected + 1 WHERE id = $1', [run.id, rowNumber]);
      });
      return 'rejected';
    }
  }

  private async writeRow(
    manager: EntityManager,
    actor: Actor,
    kindName: ImportKind,
    kind: KindDefinition,
    record: Record<string, string>,
  ): Promise<RowOutcome> {
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
    const dto = plainToInstance(kind.dto, values);
    const invalid = flatten(await validate(dto, { whitelist: true, forbidNonWhitelisted: true })).map(nested.rename);
    reasons.push(...invalid.filter((reason) => !reported.has(reason.name)));
    if (reasons.length) throw new RowRejected(reasons);
    const rowKey = key as string;
    // One writer per key at a time, so two imports of the same file cannot both create the row.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import:${actor.organisationId}:${kindName}:${rowKey}`]);
    switch (kindName) {
      case 'employers':
        return this.writeEmployer(manager, actor, dto as CreateEmployerDto);
      case 'vacancies':
        return this.writeVacancy(manager, actor, rowKey, extras.employerKvkNumber, dto as CreateVacancyDto);
      case 'participants':
        return this.writeParticipant(manager, actor, rowKey, dto as CreateParticipantDto);
    }
  }

  private async writeEmployer(manager: EntityManager, actor: Actor, input: CreateEmployerDto): Promise<RowOutcome> {
    const [existing] = await manager.query('SELECT id FROM employer WHERE organisation_id = $1 AND kvk_number = $2', [
      actor.organisationId,
      input.kvkNumber,
    ]);
    if (existing) return 'unchanged';
    if (input.contactCoachMembershipId) await assertMembership(manager, actor, 'contactCoachMembershipId', input.contactCoachMembershipId);
    await manager.getRepository(Employer).save({
      organisationId: actor.organisationId,
      name: input.name,
      contactCoachMembershipId: input.contactCoachMembershipId ?? null,
      kvkNumber: input.kvkNumber ?? null,
      payrollTaxNumber: input.payrollTaxNumber ?? null,
      sectorType: input.sectorType ?? null,
      employeeCount: input.employeeCount ?? null,
      paidHoursPerYear: input.paidHoursPerYear ?? null,
      targetGroupExperience: input.targetGroupExperience ?? 'none',
      inclusiveHiringMotivation: input.inclusiveHiringMotivation ?? null,
      // As the API's employer create: coordinates given, else the postcode area's centroid.
      addresses: await Promise.all(
        (input.addresses ?? []).map(async (address) => ({
          street: address.street,
          houseNumber: address.houseNumber,
          postcode: address.postcode,
          city: address.city,
          ...(await resolveCoordinates(manager, address.postcode, address)),
        })),
      ),
      contactPersons: [],
    } as Partial<Employer>);
    return 'created';
  }

  private async writeVacancy(
    manager: EntityManager,
    actor: Actor,
    reference: string,
    employerKvkNumber: unknown,
    input: CreateVacancyDto,
  ): Promise<RowOutcome> {
    const [existing] = await manager.query('SELECT id FROM vacancy WHERE organisation_id = $1 AND external_reference = $2', [
      actor.organisationId,
      reference,
    ]);
    if (existing) return 'unchanged';
    if (input.hoursMin > input.hoursMax) throw new RowRejected([{ name: 'hoursMax', reason: 'must be at least hoursMin' }]);
    const employers: Array<{ id: string }> = input.employerId
      ? await manager.query('SELECT id FROM employer WHERE id = $1 AND organisation_id = $2', [input.employerId, actor.organisationId])
      : typeof employerKvkNumber === 'string'
        ? await manager.query('SELECT id FROM employer WHERE kvk_number = $1 AND organisation_id = $2', [
            employerKvkNumber,
            actor.organisationId,
          ])
        : [];
    if (employers.length !== 1) {
      const name = input.employerId ? 'employerId' : 'employerKvkNumber';
      throw new RowRejected([
        { name, reason: employers.length ? 'matches more than one employer' : 'must name an employer of this organisation' },
      ]);
    }
    const { employerId: _employerId, version: _version, tasks: inputTasks, ...fields } = input as CreateVacancyDto & { version?: number };
    const tasks = (inputTasks ?? []).map((task) => ({ description: task.description, canBeCarvedOut: task.canBeCarvedOut }));
    const saved = await manager.getRepository(Vacancy).save({
      ...(fields as Partial<Vacancy>),
      organisationId: actor.organisationId,
      employerId: employers[0].id,
      tasks,
      coreTasks: coreTasks(tasks),
      ...(await resolveCoordinates(manager, input.postcode, input)),
    });
    await manager.query('UPDATE vacancy SET external_reference = $2 WHERE id = $1', [saved.id, reference]);
    return 'created';
  }

  private async writeParticipant(
    manager: EntityManager,
    actor: Actor,
    reference: string,
    input: CreateParticipantDto,
  ): Promise<RowOutcome> {
    const [existing] = await manager.query('SELECT id FROM participant WHERE organisation_id = $1 AND external_reference = $2', [
      actor.organisationId,
      reference,
    ]);
    if (existing) return 'unchanged';
    const coachMembershipId = input.coachMembershipId ?? (actor.role === 'admin' ? null : actor.membershipId);
    if (input.coachMembershipId) await assertMembership(manager, actor, 'coachMembershipId', input.coachMembershipId);
    const saved = await manager.getRepository(Participant).save({
      organisationId: actor.organisationId,
      coachMembershipId,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email?.toLowerCase() ?? null,
      phone: input.phone ?? null,
      dateOfBirth: input.dateOfBirth ?? null,
      privateNotes: this.encryption.encrypt(input.privateNotes ?? null),
    } as Partial<Participant>);
    await manager.query('UPDATE participant SET external_reference = $2 WHERE id = $1', [saved.id, reference]);
    await this.audit.record(
      actor,
      {
        action: 'create',
        resourceType: 'participant',
        resourceId: saved.id,
        subjectParticipantId: saved.id,
        fields: presentFields(input),
      },
      manager,
    );
    return 'created';
  }

  /** The file is refused as a whole when it is not CSV or has columns this kind does not know. */
  private async check(kindName: ImportKind, content: string): Promise<number> {
    const kind = KINDS[kindName];
    let rows = 0;
    let header: string[] | undefined;
    try {
      const parser = Readable.from([content]).pipe(
        parse({ bom: true, skip_empty_lines: true, relax_column_count: false, to_line: undefined }),
      );
      for await (const record of parser as AsyncIterable<string[]>) {
        if (!header) header = record;
        else rows += 1;
      }
    } catch (error) {
      // The parser quotes the offending bytes; keep the message short and printable (a binary file is not echoed back).
      const message = (error as Error).message.replace(/[^\x20-\x7e\u00a0-\u024f]/g, '?').slice(0, 200);
      throw new InvalidInputException([{ name: 'body', reason: `is not valid CSV: ${message}` }]);
    }
    if (!header) throw new InvalidInputException([{ name: 'body', reason: 'must start with a header row' }]);
    const unknown = header.filter((column) => !kind.columns.includes(column.trim()));
    if (unknown.length) {
      throw new InvalidInputException(unknown.map((column) => ({ name: column, reason: `is not a column for ${kindName}` })));
    }
    if (!header.includes(kind.key)) throw new InvalidInputException([{ name: kind.key, reason: 'column is required' }]);
    return rows;
  }

  private async find(actor: Actor, importId: string): Promise<ImportRunRow> {
    const [row]: ImportRunRow[] = await this.dataSource.query(
      `SELECT id, organisation_id, kind, status, '' AS content, total_rows, rows_done, rows_created, rows_unchanged, rows_rejected, error,
              created_by_user_id, created_by_membership_id, created_by_role, created_at, finished_at
         FROM import_run WHERE id = $1 AND organisation_id = $2 AND ($3 = 'admin' OR created_by_membership_id = $4)`,
      [importId, actor.organisationId, actor.role, actor.membershipId],
    );
    if (!row) throw new NotFoundProblem('import');
    return row;
  }
}

async function assertMembership(manager: EntityManager, actor: Actor, name: string, membershipId: string): Promise<void> {
  if (!(await isCaseworker(manager, actor.organisationId, membershipId))) throw new RowRejected([{ name, reason: CASEWORKER_RULE }]);
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
    rowsRejected: row.rows_rejected,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

import { Injectable } from '@nestjs/common';
import { AuditService, presentFields } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { CASEWORKER_RULE } from '../identity/caseworker.js';
import { MembershipsService } from '../identity/memberships.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { Transactions } from '../platform/database/transactions.js';
import { ConflictProblem, NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import { type Page, pageWindow } from '../platform/http/pagination/page.dto.js';
import type {
  CreateCaseloadShareDto,
  CreateParticipantDto,
  ParticipantDto,
  ParticipantQueryDto,
  ReassignParticipantDto,
  UpdateParticipantDto,
} from './dto/participant.dto.js';
import type { Participant } from './entities/participant.entity.js';
import { type ImportedParticipantRow, type NewImportedParticipant, ParticipantsRepository } from './participants.repository.js';

/** What the bulk import may set and change on a participant; a change of coach needs a reason, so a file never makes one. */
const IMPORTED_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'dateOfBirth'] as const;

/** One checked row of an import file: its key, and the fields it gives (its coach resolved already). */
export interface ParticipantImportRow {
  reference: string;
  input: CreateParticipantDto;
}

/** What became of an import row: the participant's id, and the fields written (created) or changed (updated). */
export interface ParticipantImportOutcome {
  outcome: 'created' | 'updated' | 'unchanged';
  id: string;
  fields: string[];
}

const PERSONAL_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'coachMembershipId', 'privateNotes'] as const;

@Injectable()
export class ParticipantsService {
  constructor(
    private readonly repository: ParticipantsRepository,
    private readonly transactions: Transactions,
    private readonly policies: PolicyService,
    private readonly audit: AuditService,
    private readonly encryption: FieldEncryption,
    private readonly memberships: MembershipsService,
    private readonly organisations: OrganisationsService,
  ) {}

  async create(actor: Actor, input: CreateParticipantDto): Promise<ParticipantDto> {
    const coachMembershipId = input.coachMembershipId ?? (actor.role === 'admin' ? null : actor.membershipId);
    if (coachMembershipId) await this.assertCoach(actor, coachMembershipId);
    if (input.funderId) await this.assertFunder(actor, input.funderId);
    return this.transactions.run(async () => {
      const saved = await this.repository.save({
        organisationId: actor.organisationId,
        coachMembershipId,
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email?.toLowerCase() ?? null,
        phone: input.phone ?? null,
        dateOfBirth: input.dateOfBirth ?? null,
        privateNotes: this.encryption.encrypt(input.privateNotes ?? null),
        funderId: input.funderId ?? null,
        targetGroup: input.targetGroup ?? null,
      });
      await this.audit.record(actor, {
        action: 'create',
        resourceType: 'participant',
        resourceId: saved.id,
        subjectParticipantId: saved.id,
        fields: presentFields(input),
      });
      return this.toDto(saved);
    });
  }

  /**
   * A batch of import rows, set-based: one statement finds (and locks) the
   * participants the rows' keys name, one creates the new ones, one changes
   * those whose data differs, and one writes the audit entries: an entry per
   * participant created or changed (their access log shows it), all written
   * together. A cell left empty keeps what is stored; the coach is only set
   * when the participant is created (another coach takes over with a reason,
   * through `reassign`). The keys must differ within a batch. Joins the
   * caller's transaction.
   */
  async importBatch(actor: Actor, rows: ParticipantImportRow[]): Promise<ParticipantImportOutcome[]> {
    if (new Set(rows.map((row) => row.reference)).size !== rows.length) throw new Error('An import batch names a key twice');
    return this.transactions.run(async () => {
      const existing = new Map(
        (
          await this.repository.lockByExternalReferences(
            actor.organisationId,
            rows.map((row) => row.reference),
          )
        ).map((row) => [row.externalReference, row]),
      );
      const created: NewImportedParticipant[] = [];
      const changed: ImportedParticipantRow[] = [];
      const plans = rows.map(({ reference, input }) => {
        const stored = existing.get(reference);
        const given = importedValues(input);
        if (!stored) {
          created.push({
            externalReference: reference,
            firstName: input.firstName,
            lastName: input.lastName,
            email: given.email ?? null,
            phone: given.phone ?? null,
            dateOfBirth: given.dateOfBirth ?? null,
            coachMembershipId: input.coachMembershipId ?? (actor.role === 'admin' ? null : actor.membershipId),
          });
          return { reference, outcome: 'created' as const, id: undefined, fields: presentFields(input) };
        }
        const fields = IMPORTED_FIELDS.filter((field) => given[field] !== undefined && given[field] !== stored[field]);
        if (fields.length === 0) return { reference, outcome: 'unchanged' as const, id: stored.id, fields };
        changed.push({ ...stored, ...given });
        return { reference, outcome: 'updated' as const, id: stored.id, fields: [...fields] };
      });
      const ids = await this.repository.insertImported(actor.organisationId, created);
      await this.repository.updateImported(changed);
      const outcomes = plans.map((plan) => ({ outcome: plan.outcome, id: plan.id ?? ids.get(plan.reference)!, fields: plan.fields }));
      await this.audit.record(
        actor,
        outcomes
          .filter((row) => row.outcome !== 'unchanged')
          .map((row) => ({
            action: row.outcome === 'created' ? ('create' as const) : ('update' as const),
            resourceType: 'participant',
            resourceId: row.id,
            subjectParticipantId: row.id,
            fields: row.fields,
          })),
      );
      return outcomes;
    });
  }

  async list(actor: Actor, query: ParticipantQueryDto): Promise<Page<ParticipantDto>> {
    const { page, pageSize, skip } = pageWindow(query);
    const scope = this.policies.participantScope(actor, 'p');
    const [rows, total] = await this.repository.page(scope, query.q, skip, pageSize);
    if (rows.length > 0) {
      await this.audit.record(
        actor,
        rows.map((row) => ({
          action: 'list' as const,
          resourceType: 'participant',
          resourceId: row.id,
          subjectParticipantId: row.id,
          fields: ['firstName', 'lastName'],
        })),
      );
    }
    return { items: rows.map((row) => this.toDto(row, actor)), page, pageSize, total };
  }

  async get(actor: Actor, id: string): Promise<ParticipantDto> {
    const participant = await this.findVisible(actor, id);
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'participant',
      resourceId: id,
      subjectParticipantId: id,
      fields: this.visibleFields(actor),
    });
    return this.toDto(participant, actor);
  }

  async update(actor: Actor, id: string, input: UpdateParticipantDto): Promise<ParticipantDto> {
    if (input.coachMembershipId) await this.assertCoach(actor, input.coachMembershipId);
    if (input.funderId) await this.assertFunder(actor, input.funderId);
    return this.transactions.run(async () => {
      const participant = await this.findVisible(actor, id, true);
      if (input.version !== undefined && input.version !== participant.version) {
        throw new ConflictProblem('Someone else changed this participant first. Reload and apply your change again.', 'edit-conflict');
      }
      const changes: Partial<Participant> = {};
      if (input.firstName !== undefined) changes.firstName = input.firstName;
      if (input.lastName !== undefined) changes.lastName = input.lastName;
      if (input.email !== undefined) changes.email = input.email.toLowerCase();
      if (input.phone !== undefined) changes.phone = input.phone;
      if (input.dateOfBirth !== undefined) changes.dateOfBirth = input.dateOfBirth;
      if (input.coachMembershipId !== undefined) changes.coachMembershipId = input.coachMembershipId;
      if (input.privateNotes !== undefined) changes.privateNotes = this.encryption.encrypt(input.privateNotes);
      if (input.funderId !== undefined) changes.funderId = input.funderId;
      if (input.targetGroup !== undefined) changes.targetGroup = input.targetGroup;
      const saved = await this.repository.save({ ...participant, ...changes });
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'participant',
        resourceId: id,
        subjectParticipantId: id,
        fields: presentFields(input),
      });
      return this.toDto(saved, actor);
    });
  }

  async share(actor: Actor, participantId: string, input: CreateCaseloadShareDto): Promise<{ id: string }> {
    await this.assertCoach(actor, input.coachMembershipId);
    const share = await this.repository.saveShare({
      organisationId: actor.organisationId,
      participantId,
      coachMembershipId: input.coachMembershipId,
      grantedByMembershipId: actor.membershipId,
      reason: input.reason,
      validUntil: input.validUntil ?? null,
    });
    await this.audit.record(actor, {
      action: 'create',
      resourceType: 'caseload_share',
      resourceId: share.id,
      subjectParticipantId: participantId,
      fields: ['coachMembershipId', 'reason'],
    });
    return { id: share.id };
  }

  /**
   * Another coach takes over the participant, with a reason (holiday, leaving,
   * workload). A team lead hands over within their team. The reason is kept
   * with the change; the audit entry names the fields.
   */
  async reassign(actor: Actor, participantId: string, input: ReassignParticipantDto): Promise<ParticipantDto> {
    await this.assertCoach(actor, input.coachMembershipId);
    if (actor.role === 'team_lead') {
      const team = await this.memberships.listVisible(actor);
      if (!team.some((member) => member.id === input.coachMembershipId)) {
        throw new RuleViolationException('coachMembershipId', 'must be a coach in your team');
      }
    }
    return this.transactions.run(async () => {
      const participant = await this.findVisible(actor, participantId, true);
      if (participant.coachMembershipId === input.coachMembershipId) {
        throw new RuleViolationException('coachMembershipId', 'is already the coach of this participant');
      }
      await this.repository.changeCoach({
        organisationId: participant.organisationId,
        participantId,
        fromMembershipId: participant.coachMembershipId,
        toMembershipId: input.coachMembershipId,
        reason: input.reason,
        changedByUserId: actor.userId,
      });
      await this.audit.record(actor, {
        action: 'update',
        resourceType: 'participant',
        resourceId: participantId,
        subjectParticipantId: participantId,
        fields: ['coachMembershipId', 'reason'],
      });
      return this.toDto({ ...participant, coachMembershipId: input.coachMembershipId, version: participant.version + 1 }, actor);
    });
  }

  /**
   * The participant if the actor may see it and it is not erased, else 404.
   * `lock` takes the row lock: call it inside `Transactions.run`. The manager
   * parameter is left over from callers that passed theirs; the repository
   * joins the active transaction on its own.
   */
  async findVisible(actor: Actor, id: string, lock = false): Promise<Participant> {
    const participant = await this.repository.findVisible(id, this.policies.participantScope(actor, 'p'), lock);
    if (!participant) throw new NotFoundProblem('participant');
    return participant;
  }

  /** The participant row for their own data export (the export checked access already). */
  findForExport(participantId: string, organisationId: string): Promise<Participant> {
    return this.repository.findInOrganisation(participantId, organisationId);
  }

  toDto(participant: Participant, actor?: Actor): ParticipantDto {
    return {
      id: participant.id,
      firstName: participant.firstName,
      lastName: participant.lastName,
      email: participant.email,
      phone: participant.phone,
      dateOfBirth: participant.dateOfBirth,
      coachMembershipId: participant.coachMembershipId,
      ...(actor && actor.role !== 'participant' ? { privateNotes: this.encryption.decrypt(participant.privateNotes) } : {}),
      funderId: participant.funderId ?? null,
      targetGroup: participant.targetGroup ?? null,
      version: participant.version,
      createdAt: participant.createdAt.toISOString(),
      updatedAt: participant.updatedAt.toISOString(),
    };
  }

  private visibleFields(actor: Actor): string[] {
    return actor.role === 'participant' ? PERSONAL_FIELDS.filter((field) => field !== 'privateNotes') : [...PERSONAL_FIELDS];
  }

  private async assertFunder(actor: Actor, funderId: string): Promise<void> {
    if (!(await this.organisations.funder(actor.organisationId, funderId)))
      throw new RuleViolationException('funderId', 'is not a funder of your organisation');
  }

  private async assertCoach(actor: Actor, membershipId: string): Promise<void> {
    if (!(await this.memberships.isCaseworker(actor.organisationId, membershipId))) {
      throw new RuleViolationException('coachMembershipId', CASEWORKER_RULE);
    }
  }
}

/** The imported fields a row gives, as they are stored (e-mail addresses in lower case); an empty cell gives nothing. */
function importedValues(input: CreateParticipantDto): Partial<Pick<ImportedParticipantRow, (typeof IMPORTED_FIELDS)[number]>> {
  const values: Partial<Pick<ImportedParticipantRow, (typeof IMPORTED_FIELDS)[number]>> = {};
  if (input.firstName !== undefined) values.firstName = input.firstName;
  if (input.lastName !== undefined) values.lastName = input.lastName;
  if (input.email !== undefined) values.email = input.email.toLowerCase();
  if (input.phone !== undefined) values.phone = input.phone;
  if (input.dateOfBirth !== undefined) values.dateOfBirth = input.dateOfBirth;
  return values;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService, presentFields } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { CASEWORKER_RULE, isCaseworker } from '../identity/caseworker.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { activeManager } from '../platform/database/transactions.js';
import { ConflictProblem, NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import { type Page, pageWindow } from '../platform/http/pagination/page.dto.js';
import type {
  CreateCaseloadShareDto,
  CreateParticipantDto,
  ParticipantDto,
  ParticipantQueryDto,
  UpdateParticipantDto,
} from './dto/participant.dto.js';
import { CaseloadShare } from './entities/caseload-share.entity.js';
import { Participant } from './entities/participant.entity.js';

const PERSONAL_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'coachMembershipId', 'privateNotes'] as const;

@Injectable()
export class ParticipantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PolicyService,
    private readonly audit: AuditService,
    private readonly encryption: FieldEncryption,
  ) {}

  async create(actor: Actor, input: CreateParticipantDto): Promise<ParticipantDto> {
    const coachMembershipId = input.coachMembershipId ?? (actor.role === 'admin' ? null : actor.membershipId);
    if (coachMembershipId) await this.assertCoach(actor, coachMembershipId);
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(Participant).save({
        organisationId: actor.organisationId,
        coachMembershipId,
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email?.toLowerCase() ?? null,
        phone: input.phone ?? null,
        dateOfBirth: input.dateOfBirth ?? null,
        privateNotes: this.encryption.encrypt(input.privateNotes ?? null),
      });
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
      return this.toDto(saved);
    });
  }

  async list(actor: Actor, query: ParticipantQueryDto): Promise<Page<ParticipantDto>> {
    const { page, pageSize, skip } = pageWindow(query);
    const scope = this.policies.participantScope(actor, 'p');
    const builder = this.dataSource
      .getRepository(Participant)
      .createQueryBuilder('p')
      .where(scope.sql, scope.params)
      .andWhere('p.erased_at IS NULL');
    if (query.q) builder.andWhere("(p.first_name || ' ' || p.last_name) ILIKE :q", { q: `%${escapeLike(query.q)}%` });
    const [rows, total] = await builder
      .orderBy('p.last_name')
      .addOrderBy('p.first_name')
      .addOrderBy('p.id')
      .skip(skip)
      .take(pageSize)
      .getManyAndCount();
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
    return this.dataSource.transaction(async (manager) => {
      const participant = await this.findVisible(actor, id, manager, true);
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
      const saved = await manager.getRepository(Participant).save({ ...participant, ...changes });
      await this.audit.record(
        actor,
        { action: 'update', resourceType: 'participant', resourceId: id, subjectParticipantId: id, fields: presentFields(input) },
        manager,
      );
      return this.toDto(saved, actor);
    });
  }

  async share(actor: Actor, participantId: string, input: CreateCaseloadShareDto): Promise<{ id: string }> {
    await this.assertCoach(actor, input.coachMembershipId);
    const share = await this.dataSource.getRepository(CaseloadShare).save({
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

  async findVisible(actor: Actor, id: string, manager: EntityManager = activeManager(this.dataSource), lock = false): Promise<Participant> {
    const scope = this.policies.participantScope(actor, 'p');
    const query = manager
      .getRepository(Participant)
      .createQueryBuilder('p')
      .where('p.id = :id', { id })
      .andWhere(scope.sql, scope.params)
      .andWhere('p.erased_at IS NULL');
    if (lock) query.setLock('pessimistic_write');
    const participant = await query.getOne();
    if (!participant) throw new NotFoundProblem('participant');
    return participant;
  }

  /** The participant row for their own data export (the export checked access already). */
  findForExport(participantId: string, organisationId: string): Promise<Participant> {
    return this.dataSource.manager.getRepository(Participant).findOneByOrFail({ id: participantId, organisationId });
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
      version: participant.version,
      createdAt: participant.createdAt.toISOString(),
      updatedAt: participant.updatedAt.toISOString(),
    };
  }

  private visibleFields(actor: Actor): string[] {
    return actor.role === 'participant' ? PERSONAL_FIELDS.filter((field) => field !== 'privateNotes') : [...PERSONAL_FIELDS];
  }

  private async assertCoach(actor: Actor, membershipId: string): Promise<void> {
    if (!(await isCaseworker(this.dataSource.manager, actor.organisationId, membershipId))) {
      throw new RuleViolationException('coachMembershipId', CASEWORKER_RULE);
    }
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

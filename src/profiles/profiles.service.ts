import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService, presentFields } from '../audit/audit.service.js';
import { isStaff, type Actor } from '../platform/auth/actor.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { ConflictProblem, InvalidInputException, NotFoundProblem } from '../platform/http/problem.js';
import { resolveCoordinates } from '../reference-data/postcodes.js';
import { BARRIERS, WORK_BEHAVIOUR_CODES } from '../reference-data/taxonomies.js';
import type {
  CreateBarrierDto,
  CreateCapacityDto,
  CreateGoalDto,
  CreateGoalProgressDto,
  CreateWorkBehaviourDto,
  ProfileDto,
  PutProfileDto,
} from './dto/profile.dto.js';
import {
  GoalProgress,
  ParticipantBarrier,
  ParticipantCapacity,
  ParticipantProfile,
  TrajectoryGoal,
  WorkBehaviourObservation,
} from './entities/participant-profile.entity.js';

const PROFILE_FIELDS = [
  'occupationWishes',
  'skills',
  'certificates',
  'languageLevel',
  'drivingLicence',
  'educationLevel',
  'workHistory',
  'hoursMin',
  'hoursMax',
  'daysAvailable',
  'shiftsPossible',
  'postcode',
  'maxTravelKm',
  'transportModes',
  'copesStimulus',
  'copesPressure',
  'copesPace',
  'needsSupervision',
  'needsAdaptations',
  'excludedSectors',
  'excludedTasks',
  'strengths',
  'wantsGrowth',
  'workReadiness',
  'targetGroupRegisterStatus',
  'targetGroupRegisterDate',
  'benefitType',
  'limitationKind',
] as const;

/**
 * Participant profiles. The participant guard (`resource: participant`) has
 * already checked that the actor may see the participant; this service keeps
 * private fields to staff and audits every read and change.
 */
@Injectable()
export class ProfilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly encryption: FieldEncryption,
  ) {}

  async get(actor: Actor, participantId: string): Promise<ProfileDto> {
    const profile = await this.dataSource
      .getRepository(ParticipantProfile)
      .findOneBy({ participantId, organisationId: actor.organisationId });
    if (!profile) throw new NotFoundProblem('profile');
    const dto = this.toDto(profile, actor);
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'participant_profile',
      resourceId: participantId,
      subjectParticipantId: participantId,
      fields: Object.keys(dto),
    });
    return dto;
  }

  async put(actor: Actor, participantId: string, input: PutProfileDto): Promise<ProfileDto> {
    if (input.hoursMin > input.hoursMax) throw new InvalidInputException([{ name: 'hoursMax', reason: 'must be at least hoursMin' }]);
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ParticipantProfile);
      const existing = await repository.findOne({ where: { participantId }, lock: { mode: 'pessimistic_write' } });
      if (existing && input.version !== undefined && input.version !== existing.version) {
        throw new ConflictProblem('Someone else changed this profile first. Reload and apply your change again.', 'edit-conflict');
      }
      const values: Record<string, unknown> = {};
      for (const field of PROFILE_FIELDS) values[field] = input[field] ?? null;
      const wishes = input.occupationWishes ?? [];
      const saved = await repository.save({
        ...(existing ?? {}),
        ...values,
        participantId,
        organisationId: actor.organisationId,
        occupationWishes: wishes,
        occupationMinorGroups: [...new Set(wishes.map((code) => code.slice(0, 3)))],
        occupationSubMajorGroups: [...new Set(wishes.map((code) => code.slice(0, 2)))],
        skills: input.skills ?? [],
        certificates: input.certificates ?? [],
        drivingLicence: input.drivingLicence ?? false,
        workHistory: input.workHistory ?? [],
        daysAvailable: input.daysAvailable ?? [],
        shiftsPossible: input.shiftsPossible ?? ['day'],
        maxTravelKm: input.maxTravelKm ?? 0,
        transportModes: input.transportModes ?? [],
        needsSupervision: input.needsSupervision ?? false,
        needsAdaptations: input.needsAdaptations ?? [],
        excludedSectors: input.excludedSectors ?? [],
        excludedTasks: (input.excludedTasks ?? []).map((task) => task.trim().toLowerCase()),
        strengths: input.strengths ?? [],
        wantsGrowth: input.wantsGrowth ?? false,
        privateNotes: this.encryption.encrypt(input.privateNotes ?? null),
        ...(await resolveCoordinates(manager, input.postcode, input)),
      } as ParticipantProfile);
      await this.audit.record(
        actor,
        {
          action: existing ? 'update' : 'create',
          resourceType: 'participant_profile',
          resourceId: participantId,
          subjectParticipantId: participantId,
          fields: presentFields(input),
        },
        manager,
      );
      return this.toDto(saved, actor);
    });
  }

  async addCapacity(actor: Actor, participantId: string, input: CreateCapacityDto): Promise<{ id: string }> {
    if (input.hoursPerDay > input.hoursPerWeek)
      throw new InvalidInputException([{ name: 'hoursPerWeek', reason: 'must be at least hoursPerDay' }]);
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(ParticipantCapacity).save({
        organisationId: actor.organisationId,
        participantId,
        assessedOn: input.assessedOn,
        hoursPerDay: input.hoursPerDay,
        hoursPerWeek: input.hoursPerWeek,
        breaks: input.breaks ?? null,
        physicalLimits: input.physicalLimits ?? [],
        assessedByUserId: actor.userId,
      });
      await this.refreshLatestCapacity(manager, participantId);
      await this.audit.record(
        actor,
        {
          action: 'create',
          resourceType: 'participant_capacity',
          resourceId: saved.id,
          subjectParticipantId: participantId,
          fields: presentFields(input),
        },
        manager,
      );
      return { id: saved.id };
    });
  }

  async listCapacity(actor: Actor, participantId: string): Promise<ParticipantCapacity[]> {
    const rows = await this.dataSource
      .getRepository(ParticipantCapacity)
      .find({ where: { participantId, organisationId: actor.organisationId }, order: { assessedOn: 'DESC', createdAt: 'DESC' } });
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'participant_capacity',
      subjectParticipantId: participantId,
      fields: ['assessedOn', 'hoursPerDay', 'hoursPerWeek', 'breaks', 'physicalLimits'],
    });
    return rows;
  }

  async addWorkBehaviour(actor: Actor, participantId: string, input: CreateWorkBehaviourDto): Promise<{ id: string }> {
    const invalid = Object.entries(input.scores).flatMap(([dimension, score]) => {
      if (!WORK_BEHAVIOUR_CODES.includes(dimension))
        return [{ name: `scores.${dimension}`, reason: 'is not one of the 13 work-behaviour dimensions' }];
      if (!Number.isInteger(score) || score < 1 || score > 5)
        return [{ name: `scores.${dimension}`, reason: 'must be a whole number from 1 to 5' }];
      return [];
    });
    if (invalid.length || Object.keys(input.scores).length === 0)
      throw new InvalidInputException(invalid.length ? invalid : [{ name: 'scores', reason: 'must score at least one dimension' }]);
    const saved = await this.dataSource.getRepository(WorkBehaviourObservation).save({
      organisationId: actor.organisationId,
      participantId,
      observedOn: input.observedOn,
      scores: input.scores,
      observedByUserId: actor.userId,
    });
    await this.audit.record(actor, {
      action: 'create',
      resourceType: 'work_behaviour_observation',
      resourceId: saved.id,
      subjectParticipantId: participantId,
      fields: ['observedOn', 'scores'],
    });
    return { id: saved.id };
  }

  async addBarrier(actor: Actor, participantId: string, input: CreateBarrierDto): Promise<{ id: string; supportAction: string | null }> {
    const supportAction = input.supportAction ?? BARRIERS.find((barrier) => barrier.code === input.code)?.supportAction ?? null;
    const saved = await this.dataSource.getRepository(ParticipantBarrier).save({
      organisationId: actor.organisationId,
      participantId,
      code: input.code,
      source: input.source,
      notedOn: input.notedOn,
      supportAction,
    });
    await this.audit.record(actor, {
      action: 'create',
      resourceType: 'participant_barrier',
      resourceId: saved.id,
      subjectParticipantId: participantId,
      fields: ['code', 'source', 'notedOn', 'supportAction'],
    });
    return { id: saved.id, supportAction };
  }

  async listBarriers(actor: Actor, participantId: string): Promise<ParticipantBarrier[]> {
    const rows = await this.dataSource
      .getRepository(ParticipantBarrier)
      .find({ where: { participantId, organisationId: actor.organisationId }, order: { notedOn: 'DESC' } });
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'participant_barrier',
      subjectParticipantId: participantId,
      fields: ['code', 'source', 'notedOn', 'supportAction'],
    });
    return rows;
  }

  async addGoal(actor: Actor, participantId: string, input: CreateGoalDto): Promise<{ id: string }> {
    const saved = await this.dataSource.getRepository(TrajectoryGoal).save({
      organisationId: actor.organisationId,
      participantId,
      code: input.code,
      instruments: input.instruments ?? [],
      barrierCodes: input.barrierCodes ?? [],
      targetDate: input.targetDate ?? null,
    });
    await this.audit.record(actor, {
      action: 'create',
      resourceType: 'trajectory_goal',
      resourceId: saved.id,
      subjectParticipantId: participantId,
      fields: presentFields(input),
    });
    return { id: saved.id };
  }

  async addGoalProgress(actor: Actor, participantId: string, goalId: string, input: CreateGoalProgressDto): Promise<{ id: string }> {
    const goal = await this.dataSource
      .getRepository(TrajectoryGoal)
      .findOneBy({ id: goalId, participantId, organisationId: actor.organisationId });
    if (!goal) throw new NotFoundProblem('goal');
    const saved = await this.dataSource
      .getRepository(GoalProgress)
      .save({ goalId, recordedOn: input.recordedOn, progress: input.progress, note: input.note ?? null });
    await this.audit.record(actor, {
      action: 'create',
      resourceType: 'goal_progress',
      resourceId: saved.id,
      subjectParticipantId: participantId,
      fields: presentFields(input),
    });
    return { id: saved.id };
  }

  /** Keeps the profile's copy of the latest dated assessment in step with the history table. */
  private async refreshLatestCapacity(manager: EntityManager, participantId: string): Promise<void> {
    await manager.query(
      `UPDATE participant_profile pp SET capacity_hours_per_week = latest.hours_per_week, capacity_assessed_on = latest.assessed_on
       FROM (SELECT hours_per_week, assessed_on FROM participant_capacity WHERE participant_id = $1 ORDER BY assessed_on DESC, created_at DESC LIMIT 1) latest
       WHERE pp.participant_id = $1`,
      [participantId],
    );
  }

  toDto(profile: ParticipantProfile, actor: Actor): ProfileDto {
    const dto: ProfileDto = {
      participantId: profile.participantId,
      occupationWishes: profile.occupationWishes,
      skills: profile.skills,
      certificates: profile.certificates,
      languageLevel: profile.languageLevel ?? undefined,
      drivingLicence: profile.drivingLicence,
      educationLevel: profile.educationLevel ?? undefined,
      workHistory: profile.workHistory,
      hoursMin: profile.hoursMin,
      hoursMax: profile.hoursMax,
      daysAvailable: profile.daysAvailable,
      shiftsPossible: profile.shiftsPossible,
      postcode: profile.postcode ?? undefined,
      latitude: profile.latitude ?? undefined,
      longitude: profile.longitude ?? undefined,
      maxTravelKm: profile.maxTravelKm,
      transportModes: profile.transportModes,
      copesStimulus: profile.copesStimulus ?? undefined,
      copesPressure: profile.copesPressure ?? undefined,
      copesPace: profile.copesPace ?? undefined,
      needsSupervision: profile.needsSupervision,
      needsAdaptations: profile.needsAdaptations,
      excludedSectors: profile.excludedSectors,
      excludedTasks: profile.excludedTasks,
      strengths: profile.strengths,
      wantsGrowth: profile.wantsGrowth,
      workReadiness: profile.workReadiness ?? undefined,
      targetGroupRegisterStatus: profile.targetGroupRegisterStatus ?? undefined,
      targetGroupRegisterDate: profile.targetGroupRegisterDate ?? undefined,
      capacityHoursPerWeek: profile.capacityHoursPerWeek,
      capacityAssessedOn: profile.capacityAssessedOn,
      version: profile.version,
    };
    if (isStaff(actor)) {
      dto.benefitType = profile.benefitType ?? undefined;
      dto.limitationKind = profile.limitationKind ?? undefined;
      dto.privateNotes = this.encryption.decrypt(profile.privateNotes) ?? undefined;
    }
    return dto;
  }
}

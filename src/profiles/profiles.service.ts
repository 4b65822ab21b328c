import { Injectable } from '@nestjs/common';
import { AuditService, presentFields } from '../audit/audit.service.js';
import { isStaff, type Actor } from '../platform/auth/actor.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { Transactions } from '../platform/database/transactions.js';
import { ConflictProblem, InvalidInputException, NotFoundProblem } from '../platform/http/problem.js';
import { BARRIERS, INTERMEDIATE_GOALS, WORK_BEHAVIOUR_CODES } from '../reference-data/taxonomies.js';
import type {
  CreateBarrierDto,
  CreateCapacityDto,
  CreateGoalDto,
  CreateGoalProgressDto,
  CreateWorkBehaviourDto,
  ProfileDto,
  PutProfileDto,
} from './dto/profile.dto.js';
import type { ParticipantBarrier, ParticipantCapacity, ParticipantProfile } from './entities/participant-profile.entity.js';
import { ProfilesRepository } from './profiles.repository.js';
import { PostcodesService } from '../reference-data/postcodes.service.js';

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

export interface TrajectoryGoalName {
  id: string;
  code: string;
  nl: string;
  en: string;
  targetDate: string | null;
}

/**
 * Participant profiles. The participant guard (`resource: participant`) has
 * already checked that the actor may see the participant; this service keeps
 * private fields to staff and audits every read and change.
 */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly repository: ProfilesRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly encryption: FieldEncryption,
    private readonly postcodes: PostcodesService,
  ) {}

  async get(actor: Actor, participantId: string): Promise<ProfileDto> {
    const profile = await this.repository.findProfile(participantId, actor.organisationId);
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
    return this.transactions.run(async () => {
      const existing = await this.repository.findProfileForUpdate(participantId);
      if (existing && input.version !== undefined && input.version !== existing.version) {
        throw new ConflictProblem('Someone else changed this profile first. Reload and apply your change again.', 'edit-conflict');
      }
      const values: Record<string, unknown> = {};
      for (const field of PROFILE_FIELDS) values[field] = input[field] ?? null;
      const wishes = input.occupationWishes ?? [];
      const saved = await this.repository.saveProfile({
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
        ...(await this.postcodes.coordinates(input.postcode, input)),
      } as ParticipantProfile);
      await this.audit.record(actor, {
        action: existing ? 'update' : 'create',
        resourceType: 'participant_profile',
        resourceId: participantId,
        subjectParticipantId: participantId,
        fields: presentFields(input),
      });
      return this.toDto(saved, actor);
    });
  }

  async addCapacity(actor: Actor, participantId: string, input: CreateCapacityDto): Promise<{ id: string }> {
    if (input.hoursPerDay > input.hoursPerWeek)
      throw new InvalidInputException([{ name: 'hoursPerWeek', reason: 'must be at least hoursPerDay' }]);
    return this.transactions.run(async () => {
      const saved = await this.repository.insertCapacity({
        organisationId: actor.organisationId,
        participantId,
        assessedOn: input.assessedOn,
        hoursPerDay: input.hoursPerDay,
        hoursPerWeek: input.hoursPerWeek,
        breaks: input.breaks ?? null,
        physicalLimits: input.physicalLimits ?? [],
        assessedByUserId: actor.userId,
      });
      await this.repository.refreshLatestCapacity(participantId);
      await this.audit.record(actor, {
        action: 'create',
        resourceType: 'participant_capacity',
        resourceId: saved.id,
        subjectParticipantId: participantId,
        fields: presentFields(input),
      });
      return { id: saved.id };
    });
  }

  async listCapacity(actor: Actor, participantId: string): Promise<ParticipantCapacity[]> {
    const rows = await this.repository.listCapacity(participantId, actor.organisationId);
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'participant_capacity',
      subjectParticipantId: participantId,
      fields: ['assessedOn', 'hoursPerDay', 'hoursPerWeek', 'breaks', 'physicalLimits'],
    });
    return rows;
  }

  /** The hours per week of the latest capacity assessment, or null (for placements' hours check; no audit: a number, not shown). */
  latestCapacityHours(participantId: string): Promise<number | null> {
    return this.repository.latestCapacityHours(participantId);
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
    const saved = await this.repository.insertWorkBehaviour({
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
    const saved = await this.repository.insertBarrier({
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
    const rows = await this.repository.listBarriers(participantId, actor.organisationId);
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'participant_barrier',
      subjectParticipantId: participantId,
      fields: ['code', 'source', 'notedOn', 'supportAction'],
    });
    return rows;
  }

  async addGoal(actor: Actor, participantId: string, input: CreateGoalDto): Promise<{ id: string }> {
    const saved = await this.repository.insertGoal({
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

  /**
   * The participant's intermediate goals by name, for another capability that links work to them (the jobcoach
   * logbook). Codes and names only: the barriers behind a goal stay here. The caller audits its own read.
   */
  async goalNames(organisationId: string, participantId: string): Promise<TrajectoryGoalName[]> {
    const rows = await this.repository.goalsOf(participantId, organisationId);
    return rows.map((row) => {
      const item = INTERMEDIATE_GOALS.find((goal) => goal.code === row.code);
      return { id: row.id, code: row.code, nl: item?.nl ?? row.code, en: item?.en ?? row.code, targetDate: row.target_date };
    });
  }

  async addGoalProgress(actor: Actor, participantId: string, goalId: string, input: CreateGoalProgressDto): Promise<{ id: string }> {
    const goal = await this.repository.findGoal(goalId, participantId, actor.organisationId);
    if (!goal) throw new NotFoundProblem('goal');
    const saved = await this.repository.insertGoalProgress({
      goalId,
      recordedOn: input.recordedOn,
      progress: input.progress,
      note: input.note ?? null,
    });
    await this.audit.record(actor, {
      action: 'create',
      resourceType: 'goal_progress',
      resourceId: saved.id,
      subjectParticipantId: participantId,
      fields: presentFields(input),
    });
    return { id: saved.id };
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

import { Injectable } from '@nestjs/common';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { type ErasureContext, type OwnedTable, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';
import { type DataExportContext, type DataExportContributor, ExportsPersonalData } from '../privacy/data-export-contributor.js';
import { ProfilesRepository } from './profiles.repository.js';

/**
 * The trajectory plan: free text, JSON and location go; the coded facts
 * (occupation codes, hours, register status, goals) stay for the anonymised
 * statistics and the employers' quota counts.
 */
@Injectable()
@OwnsPersonalData({ order: 100 })
export class ProfilesPrivacy implements PersonalDataOwner {
  readonly tables: readonly OwnedTable[] = [
    {
      table: 'participant_profile',
      erasure: 'anonymise',
      reason:
        'Coded fields stay for statistics and quota counts; notes, benefit, limitation, work history, skills, certificates, strengths, exclusions and location are emptied.',
    },
    {
      table: 'participant_capacity',
      erasure: 'anonymise',
      reason: 'Dated hours stay for statistics; breaks and physical limits are emptied.',
    },
    { table: 'participant_barrier', erasure: 'delete', reason: 'Barriers are special-category data about the person.' },
    {
      table: 'trajectory_goal',
      erasure: 'anonymise',
      reason: 'Goal, instrument and barrier codes only: nothing personal left once the participant is erased.',
    },
    { table: 'goal_progress', erasure: 'anonymise', reason: 'Progress scores stay for statistics; the note is emptied.' },
    { table: 'work_behaviour_observation', erasure: 'delete', reason: 'An assessment of the person, of no use without them.' },
  ];

  constructor(private readonly profiles: ProfilesRepository) {}

  async erase({ participantId }: ErasureContext): Promise<void> {
    await this.profiles.anonymiseProfile(participantId);
    await this.profiles.anonymiseCapacity(participantId);
    await this.profiles.deleteBarriers(participantId);
    await this.profiles.anonymiseGoalProgress(participantId);
    await this.profiles.deleteWorkBehaviour(participantId);
  }
}

/** Profile, capacity history, barriers and goals: the trajectory plan kept about the participant. */
@Injectable()
@ExportsPersonalData({ order: 70, titleNl: 'Uw profiel en trajectplan' })
export class ProfileExportContributor implements DataExportContributor {
  readonly section = 'profile';

  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly encryption: FieldEncryption,
  ) {}

  async collect(participantId: string, organisationId: string, _context: DataExportContext): Promise<unknown> {
    const { profile, ...rest } = await this.profiles.exportRows(participantId, organisationId);
    return {
      profile: profile ? { ...profile, private_notes: this.encryption.decrypt(profile.private_notes) } : null,
      ...rest,
    };
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  CONSENT_CONFIRMATIONS,
  CONSENT_PURPOSES,
  type ConsentConfirmation,
  type ConsentPurpose,
  SHAREABLE_PROFILE_PARTS,
  type ShareableProfilePart,
} from '../entities/consent.entity.js';

export class GiveConsentDto {
  @ApiProperty({
    enum: CONSENT_PURPOSES,
    example: 'share_profile_with_employer',
    description:
      'proposal_to_employers: may be proposed to employers at all; share_profile_with_employer: share the named profile parts with one employer; ' +
      'disclose_support_organisation: may tell one employer that a support organisation is involved; disclose_target_group: may tell one employer target-group facts (register, no-risk policy); email_reminders: reminders by e-mail.',
  })
  @IsIn(CONSENT_PURPOSES)
  purpose: ConsentPurpose;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '0f6f2a44-3f0a-4a3b-9a65-0d2a1e4b7c11',
    description:
      'Required for share_profile_with_employer, disclose_support_organisation and disclose_target_group, not allowed otherwise. An employer of your organisation.',
  })
  @IsOptional()
  @IsUUID()
  employerId?: string;

  @ApiPropertyOptional({
    enum: SHAREABLE_PROFILE_PARTS,
    isArray: true,
    example: ['name', 'workPreferences', 'adaptations'],
    description: 'Required (at least one) for share_profile_with_employer, not allowed otherwise.',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(SHAREABLE_PROFILE_PARTS.length)
  @IsIn(SHAREABLE_PROFILE_PARTS, { each: true })
  profileParts?: ShareableProfilePart[];

  @ApiPropertyOptional({
    enum: CONSENT_CONFIRMATIONS,
    example: 'phone',
    description:
      'Staff only: how the participant confirmed this consent to you (in a meeting, by phone, video, e-mail or letter). The participant is told by e-mail and can withdraw it on their consents page.',
  })
  @IsOptional()
  @IsIn(CONSENT_CONFIRMATIONS)
  confirmedVia?: ConsentConfirmation;
}

export class ExplanationDto {
  @ApiProperty({ example: 'Werkbrug mag u voorstellen aan werkgevers. U kunt deze toestemming altijd weer intrekken.' })
  nl: string;

  @ApiProperty({ example: 'Werkbrug may propose you to employers. You can withdraw this consent at any time.' })
  en: string;
}

export class ConsentDto {
  @ApiProperty({ format: 'uuid', example: '7d0c8a1e-5b2f-4c59-a0c4-3e2b9f61d5a8' })
  id: string;

  @ApiProperty({ enum: CONSENT_PURPOSES, example: 'share_profile_with_employer' })
  purpose: ConsentPurpose;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0f6f2a44-3f0a-4a3b-9a65-0d2a1e4b7c11' })
  employerId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Bakkerij De Korenschoof' })
  employerName: string | null;

  @ApiProperty({ enum: SHAREABLE_PROFILE_PARTS, isArray: true, example: ['name', 'workPreferences', 'adaptations'] })
  profileParts: ShareableProfilePart[];

  @ApiProperty({ example: true, description: 'Given and not withdrawn.' })
  active: boolean;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-23T10:15:00.000Z' })
  givenAt: string;

  @ApiProperty({
    format: 'uuid',
    example: '3b8e2f1a-9c4d-4e6f-8a1b-2c3d4e5f6a7b',
    description: 'The participant, or the coach who recorded consent given in a meeting.',
  })
  givenByUserId: string;

  @ApiProperty({
    enum: CONSENT_CONFIRMATIONS,
    nullable: true,
    example: 'phone',
    description: 'For a consent staff recorded: how the participant confirmed it; null when the participant gave it themself.',
  })
  confirmedVia: ConsentConfirmation | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  withdrawnAt: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null })
  withdrawnByUserId: string | null;

  @ApiProperty({ type: ExplanationDto, description: 'What this consent means, in plain language.' })
  explanation: ExplanationDto;
}

/** The purposes, shareable profile parts and confirmation channels (pages import them from here, not from the entity). */
export { CONSENT_CONFIRMATIONS, CONSENT_PURPOSES, type ConsentPurpose, SHAREABLE_PROFILE_PARTS } from '../entities/consent.entity.js';

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MultiLine } from '../../platform/http/line-breaks.js';
import { RISK_RULES, type RiskRule } from '../../rules/calculations/early-warning.js';
import { CONTACT_CHANNELS, type ContactChannel } from '../aftercare.constants.js';

/** What a coach can record after seeing a risk; some of them are a contact and are logged as one. */
export const RISK_ACTIONS = [
  'acknowledged',
  'called_participant',
  'contacted_employer',
  'meeting_planned',
  'hours_talk_planned',
  'renewal_talk_held',
  'other',
] as const;
export type RiskAction = (typeof RISK_ACTIONS)[number];

export const RISK_STATES = ['open', 'acknowledged', 'action_taken', 'resolved'] as const;
export type RiskState = (typeof RISK_STATES)[number];

export class RiskFollowUpDto {
  @ApiProperty({
    enum: RISK_ACTIONS,
    example: 'called_participant',
    description:
      'What the coach did. called_participant, contacted_employer and renewal_talk_held are also logged as a contact (a renewal talk for the current contract end).',
  })
  @IsIn(RISK_ACTIONS)
  action: RiskAction;

  @ApiPropertyOptional({ maxLength: 1000, example: 'Gebeld; ze heeft nieuwe afspraken gemaakt over de check-ins.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @MultiLine()
  note?: string;

  @ApiPropertyOptional({ enum: CONTACT_CHANNELS, example: 'phone', description: 'For actions that are a contact; phone when left out.' })
  @IsOptional()
  @IsIn(CONTACT_CHANNELS)
  channel?: ContactChannel;

  @ApiPropertyOptional({ example: false, description: 'True: the risk is dealt with and closes. False (default): it stays open.' })
  @IsOptional()
  @IsBoolean()
  resolve?: boolean;
}

export class PlacementRiskDto {
  @ApiProperty({ format: 'uuid', example: '3f0c7f4e-8a51-4f0e-9d6a-2c1b7e5d9a10' })
  id: string;

  @ApiProperty({ format: 'uuid', example: '9b2d6c1a-4e3f-4a7b-8c9d-0e1f2a3b4c5d' })
  placementId: string;

  @ApiProperty({ enum: RISK_RULES, example: 'missed_checkins' })
  rule: RiskRule;

  @ApiProperty({ example: 'Twee nazorggesprekken op rij gemist, de laatste op 10 april 2026.' })
  reason: string;

  @ApiProperty({ example: 'Bel deelnemer: twee gemiste check-ins' })
  nextAction: string;

  @ApiProperty({ enum: RISK_STATES, example: 'open' })
  state: RiskState;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-04-10T04:00:00.000Z' })
  raisedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  acknowledgedAt: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null })
  acknowledgedByUserId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Sanne de Vries', description: 'The name of who first saw it.' })
  acknowledgedByName: string | null;

  @ApiProperty({ enum: RISK_ACTIONS, nullable: true, example: 'called_participant' })
  actionTaken: RiskAction | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Staff only.' })
  actionNote: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  actionAt: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null })
  actionByUserId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Sanne de Vries', description: 'The name of who took the action.' })
  actionByName: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  resolvedAt: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null, description: 'Empty when the system closed it.' })
  resolvedByUserId: string | null;

  @ApiProperty({
    type: String,
    enum: ['condition_ended', 'coach', 'placement_ended'],
    nullable: true,
    example: 'condition_ended',
    description: 'condition_ended: the rule no longer holds (e.g. a check-in took place); coach: the coach closed it.',
  })
  resolution: 'condition_ended' | 'coach' | 'placement_ended' | null;
}

export class OpenRiskDto extends PlacementRiskDto {
  @ApiProperty({ example: 'Sanne de Vries' })
  participantName: string;

  @ApiProperty({ example: 'Bakkerij Korenschoof' })
  employerName: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d' })
  coachMembershipId: string | null;
}

export class OpenRisksQueryDto {
  @ApiPropertyOptional({
    enum: ['mine', 'team'],
    default: 'mine',
    example: 'mine',
    description: "team: the team lead's whole team (a coach gets their own).",
  })
  @IsOptional()
  @IsIn(['mine', 'team'])
  scope?: 'mine' | 'team';
}

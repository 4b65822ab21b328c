import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ExplanationDto } from '../../consents/dto/consent.dto.js';

export class DataExportQueryDto {
  @ApiPropertyOptional({
    enum: ['json', 'html'],
    default: 'json',
    example: 'html',
    description: 'json for machines, html for a readable summary in Dutch.',
  })
  @IsOptional()
  @IsIn(['json', 'html'])
  format?: 'json' | 'html';
}

export class DataExportDto {
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-23T10:15:00.000Z' })
  exportedAt: string;

  @ApiProperty({ format: 'uuid', example: '5a1d7c3e-2b4f-4e8a-9c6d-1f2e3d4c5b6a' })
  participantId: string;

  @ApiProperty({ format: 'uuid', example: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b' })
  organisationId: string;

  @ApiProperty({ type: ExplanationDto, description: 'What this export is and what it holds.' })
  about: ExplanationDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'One key per section: participant, userAccount, memberships, consents, auditEvents, mailMessages, and any section a later feature adds.',
    example: {
      participant: {
        id: '5a1d7c3e-2b4f-4e8a-9c6d-1f2e3d4c5b6a',
        firstName: 'Fatima',
        lastName: 'El Amrani',
        email: 'fatima@example.nl',
        privateNotes: null,
      },
      userAccount: { email: 'fatima@example.nl', displayName: 'Fatima El Amrani', locale: 'nl' },
      memberships: [{ role: 'participant', status: 'active' }],
      consents: [{ purpose: 'proposal_to_employers', active: true }],
      auditEvents: [{ at: '2026-11-20T09:00:00.000Z', actor: { displayName: 'Sanne de Vries', role: 'jobcoach' }, action: 'read' }],
      mailMessages: [{ subject: 'Uw uitnodiging voor Werkbrug', status: 'sent', sentAt: '2026-11-01T08:00:00.000Z' }],
    },
  })
  sections: Record<string, unknown>;
}

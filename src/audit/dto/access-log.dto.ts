import { ApiProperty } from '@nestjs/swagger';

export class AccessLogActorDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sanne de Vries',
    description: 'Null for automatic processing by Werkbrug itself.',
  })
  displayName: string | null;

  @ApiProperty({
    example: 'jobcoach',
    description: 'The role the person had when they acted (admin, team_lead, jobcoach, employer_user, participant, system).',
  })
  role: string;
}

export class AccessLogEntryDto {
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-23T10:15:00.000Z' })
  at: string;

  @ApiProperty({ type: AccessLogActorDto })
  actor: AccessLogActorDto;

  @ApiProperty({
    enum: ['read', 'list', 'create', 'update', 'delete', 'export', 'erase', 'consent_given', 'consent_withdrawn'],
    example: 'read',
  })
  action: string;

  @ApiProperty({ example: 'participant', description: 'What kind of record was looked at or changed.' })
  resourceType: string;

  @ApiProperty({ type: [String], example: ['firstName', 'lastName', 'email'], description: 'Which fields were shown or changed.' })
  fields: string[];
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogEntryDto] })
  items: AccessLogEntryDto[];

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 25 })
  pageSize: number;

  @ApiProperty({ example: 1 })
  total: number;
}

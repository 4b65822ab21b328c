import { IsIsoDate } from '../../reference-data/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { DATE_PARAMETER_KEYS, NUMERIC_PARAMETER_KEYS } from '../../rules/calculations/parameters.js';
import { MultiLine, SingleLine } from '../../platform/http/line-breaks.js';

const KEYS = [...NUMERIC_PARAMETER_KEYS, ...DATE_PARAMETER_KEYS];

export class CreateRuleParameterDto {
  @ApiProperty({ enum: KEYS, example: 'reassessmentIntervalMonths' })
  @IsIn(KEYS)
  key: string;

  @ApiPropertyOptional({ example: 'private', description: 'For parameters set per sector or target group.' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  @SingleLine()
  scope?: string;

  @ApiPropertyOptional({ example: 6, description: 'The value, for numeric parameters: required unless valueDate is given.' })
  @ValidateIf((object: CreateRuleParameterDto) => object.valueDate === undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  valueNumber?: number;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2028-01-01', description: 'The value, for date parameters.' })
  @IsOptional()
  @IsIsoDate()
  valueDate?: string;

  @ApiProperty({ type: String, format: 'date', example: '2027-01-01' })
  @IsIsoDate()
  validFrom: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2027-06-30',
    description:
      'Last day the value applies. Leave out for an open end: a value for a national rule then stops by itself the day before a later national value begins.',
  })
  @IsOptional()
  @IsIsoDate()
  validTo?: string | null;

  @ApiProperty({ example: 'Besluit van het managementteam, 12 november 2026' })
  @IsString()
  @Length(3, 500)
  @MultiLine()
  source: string;
}

export class EndRuleParameterDto {
  @ApiProperty({ type: String, format: 'date', example: '2027-06-30', description: 'The last day the value applies.' })
  @IsIsoDate()
  validTo: string;
}

export class RuleParameterDto {
  @ApiProperty({ type: String, nullable: true, description: 'Null for national reference data.' })
  id: string | null;

  @ApiProperty({ example: 'minimumWagePerHour' })
  key: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  scope: string | null;

  @ApiProperty({
    example: 14.71,
    description: 'A number, or a date (YYYY-MM-DD) for date parameters.',
    oneOf: [{ type: 'number' }, { type: 'string', format: 'date' }],
  })
  value: number | string;

  @ApiProperty({ type: String, format: 'date', example: '2026-01-01' })
  validFrom: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-06-30' })
  validTo: string | null;

  @ApiProperty({ example: 'Staatscourant 2025, nr. 12345' })
  source: string;

  @ApiProperty({ enum: ['national', 'organisation'] })
  origin: 'national' | 'organisation';

  @ApiProperty({ type: String, nullable: true, description: 'Who entered an organisation value.' })
  recordedBy: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  recordedAt: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Set when an admin withdrew the value; it is no longer used.',
  })
  withdrawnAt: string | null;
}

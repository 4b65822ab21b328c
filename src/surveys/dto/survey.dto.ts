import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MultiLine } from '../../platform/http/line-breaks.js';
import { RESPONDENTS, type Respondent } from '../survey.constants.js';

export class SurveySettingsDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'integer', minimum: 1, maximum: 120 },
    minItems: 1,
    maxItems: 6,
    uniqueItems: true,
    example: [3, 12],
    description: 'Months into a placement (from the trial or contract start) when the participant and the employer contact get a survey.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(120, { each: true })
  momentMonths: number[];

  @ApiProperty({
    type: 'integer',
    example: 12,
    minimum: 0,
    maximum: 60,
    description: 'After the last moment, a survey every this many months; 0: none.',
  })
  @IsInt()
  @Min(0)
  @Max(60)
  repeatEveryMonths: number;
}

export class SurveySettingsViewDto extends SurveySettingsDto {
  @ApiProperty({ example: false, description: 'True while the organisation uses the Werkbrug defaults.' })
  isDefault: boolean;
}

export class SurveyAnswerDto {
  @ApiProperty({
    type: 'integer',
    example: 8,
    minimum: 1,
    maximum: 10,
    description: "The score for the coach's support, 1 (very bad) to 10 (excellent).",
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  score: number;

  @ApiPropertyOptional({ example: 'Ik kon altijd bellen als er iets was.', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultiLine()
  wentWell?: string;

  @ApiPropertyOptional({ example: 'Vaker langskomen op het werk.', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultiLine()
  couldBeBetter?: string;
}

export class SurveyAveragesQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    example: 2026,
    minimum: 2015,
    maximum: 2100,
    description: 'Calendar year of the answers; default: this year.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2015)
  @Max(2100)
  year?: number;
}

export class SurveyAverageDto {
  @ApiProperty({ example: 12, description: 'Answers in the year.' })
  responses: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 7.25,
    description: 'Average score (two decimals); null without answers, or over fewer answers than minimumAnswers (tooFewAnswers).',
  })
  average: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 7.5,
    description:
      'Null unless both the participants and the employers gave at least minimumAnswers answers (either could be derived from the other).',
  })
  participantAverage: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 7, description: 'As participantAverage.' })
  employerAverage: number | null;

  @ApiProperty({
    example: false,
    description: 'True when there are answers but too few to show an average without pointing at a person (or when it could be derived).',
  })
  tooFewAnswers: boolean;

  @ApiProperty({ example: false, description: "True when the average is below UWV's minimum." })
  belowThreshold: boolean;
}

export class CoachSurveyAverageDto extends SurveyAverageDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: '5b0c1f8e-2d3a-4c59-9e61-1f1a3b9c7d20' })
  coachMembershipId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Sanne de Vries' })
  coachName: string | null;
}

export class SurveyAveragesDto {
  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ example: 6.5, description: 'UWV minimum average score (dated rule parameter jobcoachSatisfactionMinimum).' })
  threshold: number;

  @ApiProperty({ example: 5, description: 'An average is shown over at least this many answers (organisation rule surveyMinimumAnswers).' })
  minimumAnswers: number;

  @ApiProperty({ type: SurveyAverageDto })
  organisation: SurveyAverageDto;

  @ApiProperty({ type: [CoachSurveyAverageDto] })
  coaches: CoachSurveyAverageDto[];
}

/** An open survey, for the portal's home pages. */
export interface OpenSurvey {
  id: string;
  respondent: Respondent;
  momentMonths: number;
  coachName: string | null;
  employeeName: string | null;
  employerName: string | null;
  expiresAt: Date;
}

export { RESPONDENTS };

import { ApiProperty } from '@nestjs/swagger';
import { ExplanationLineDto, ParameterUsedDto } from './dto/subsidy.dto.js';

export class LkvReasonDto {
  @ApiProperty({
    example: 'registered_after_contract_start',
    enum: ['not_paid_job', 'no_contract', 'not_in_target_group_register', 'register_date_unknown', 'registered_after_contract_start'],
  })
  code: string;

  @ApiProperty({ example: 'De deelnemer is pas na de start van het contract in het doelgroepregister opgenomen.' })
  nl: string;

  @ApiProperty({ example: 'The participant was entered in the target-group register only after the contract started.' })
  en: string;
}

export class LkvYearDto {
  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ example: 1040, description: 'Estimated paid hours: hours per week x 52, pro rata for the days employed in the year.' })
  paidHours: number;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-01-01' })
  eligibleFrom: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-12-31' })
  eligibleTo: string | null;

  @ApiProperty({ example: 1040 })
  eligibleHours: number;

  @ApiProperty({ type: Number, nullable: true, example: 1.01 })
  perHour: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 2000 })
  maxPerYear: number | null;

  @ApiProperty({ example: false })
  capped: boolean;

  @ApiProperty({ example: 105040, description: 'Euro cents.' })
  amountCents: number;
}

export class LoonkostenvoordeelDto {
  @ApiProperty({ format: 'uuid' })
  placementId: string;

  @ApiProperty({ example: true })
  eligible: boolean;

  @ApiProperty({ type: LkvReasonDto, nullable: true, description: 'Why the placement is not eligible; null when it is.' })
  reason: LkvReasonDto | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-01-01' })
  contractStart: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 20 })
  hoursPerWeek: number | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2025-11-03' })
  targetGroupRegisterDate: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2028-12-31',
    description: 'Last day of the LKV period; null while it runs for the whole employment and the employment has no end.',
  })
  eligibleUntil: string | null;

  @ApiProperty({
    description: 'True for employments from 2026-01-01: the LKV runs for the whole employment (transition: earlier ones keep 3 years).',
  })
  wholeEmployment: boolean;

  @ApiProperty({ type: [LkvYearDto] })
  perYear: LkvYearDto[];

  @ApiProperty({ example: 315120, description: 'Euro cents over the whole period.' })
  totalCents: number;

  @ApiProperty({
    type: ExplanationLineDto,
    description: 'How the paid hours were estimated: from the contract, not from the payroll administration.',
  })
  hoursEstimate: ExplanationLineDto;

  @ApiProperty({ type: [ParameterUsedDto] })
  parametersUsed: ParameterUsedDto[];

  @ApiProperty({ type: [ExplanationLineDto] })
  explanation: ExplanationLineDto[];
}

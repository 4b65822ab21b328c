import { ApiProperty } from '@nestjs/swagger';
import { PLACEMENT_STATUSES, PLACEMENT_TYPES, type PlacementStatus, type PlacementType } from '../entities/placement.entity.js';
import { SubsidyStatusDto } from './subsidy.dto.js';

export class ContactPersonDto {
  @ApiProperty({ example: 'Sanne de Vries' })
  name: string;

  @ApiProperty({ example: 'sanne@werkfit.nl' })
  email: string;

  @ApiProperty({ type: String, nullable: true, example: '06 12345678' })
  phone: string | null;
}

/**
 * What an employer sees of a placement: the work agreement and the support
 * around it, never the participant's benefit, health, finances or notes.
 */
export class EmployerPlacementDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Fatima El Amrani' })
  employeeName: string;

  @ApiProperty({ enum: PLACEMENT_TYPES })
  type: PlacementType;

  @ApiProperty({ enum: PLACEMENT_STATUSES })
  status: PlacementStatus;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  trialStart: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  trialPlannedEnd: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  contractStart: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 24 })
  hoursPerWeek: number | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  contractEnd: string | null;

  @ApiProperty({ type: ContactPersonDto, nullable: true, description: 'Your one contact person at the support organisation.' })
  contactPerson: ContactPersonDto | null;

  @ApiProperty({
    type: SubsidyStatusDto,
    nullable: true,
    description: 'Null unless the employee agreed to disclose the support (a subsidy tells that the employee is in a target group).',
  })
  subsidy: SubsidyStatusDto | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      "Last day of the no-risk policy; shown only with the employee's consent to disclose the support, and from two months after the contract start (the employee need not disclose it earlier).",
  })
  noRiskPolicyLastDay: string | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class CreateEmployerDto {
  @ApiProperty({ example: 'Bakkerij De Korenschoof' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The organisation's one contact person for this employer." })
  @IsOptional()
  @IsUUID()
  contactCoachMembershipId?: string;
}

export class EmployerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Bakkerij De Korenschoof' })
  name: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  contactCoachMembershipId: string | null;

  @ApiProperty({ example: 1 })
  version: number;
}

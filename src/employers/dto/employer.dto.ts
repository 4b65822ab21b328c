import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDutchPostcode, IsKvkNumber, IsPayrollTaxNumber, OptionalLatitude, OptionalLongitude } from '../../reference-data/validation.js';
import { TARGET_GROUP_EXPERIENCE, type TargetGroupExperience } from '../entities/employer.entity.js';
import { MultiLine, SingleLine } from '../../platform/http/line-breaks.js';

/** The choices of targetGroupExperience, for forms that offer them. */
export { TARGET_GROUP_EXPERIENCE };

export class EmployerAddressDto {
  @ApiProperty({ example: 'Oudegracht' })
  @IsString()
  @Length(1, 200)
  @SingleLine()
  street: string;

  @ApiProperty({ example: '12a' })
  @IsString()
  @Length(1, 20)
  @SingleLine()
  houseNumber: string;

  @ApiProperty({ example: '3511 AB', description: 'Dutch postcode, `1234 AB`.' })
  @IsDutchPostcode()
  postcode: string;

  @ApiProperty({ example: 'Utrecht' })
  @IsString()
  @Length(1, 100)
  @SingleLine()
  city: string;

  @ApiPropertyOptional({ example: 52.0907, description: 'Filled from the postcode area when left out.' })
  @OptionalLatitude()
  latitude?: number;

  @ApiPropertyOptional({ example: 5.1214 })
  @OptionalLongitude()
  longitude?: number;
}

export class EmployerContactPersonDto {
  @ApiProperty({ example: 'Joke de Vries' })
  @IsString()
  @Length(1, 200)
  @SingleLine()
  name: string;

  @ApiPropertyOptional({ example: 'Teamleider productie' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @SingleLine()
  role?: string;

  @ApiPropertyOptional({ example: 'joke@korenschoof.nl' })
  @IsOptional()
  @IsEmail()
  @SingleLine()
  email?: string;

  @ApiPropertyOptional({ example: '030 1234567' })
  @IsOptional()
  @Matches(/^[+0-9 ()-]{6,20}$/, { message: 'must be a phone number' })
  @SingleLine()
  phone?: string;
}

export class CreateEmployerDto {
  @ApiProperty({ example: 'Bakkerij De Korenschoof' })
  @IsString()
  @Length(1, 200)
  @SingleLine()
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The organisation's one contact person for this employer." })
  @IsOptional()
  @IsUUID()
  contactCoachMembershipId?: string;

  @ApiPropertyOptional({ example: '12345678', description: 'KvK number, 8 digits.' })
  @IsOptional()
  @IsKvkNumber()
  kvkNumber?: string;

  @ApiPropertyOptional({ example: '123456789L01', description: 'Loonheffingennummer; the quota is counted per fiscal number.' })
  @IsOptional()
  @IsPayrollTaxNumber()
  payrollTaxNumber?: string;

  @ApiPropertyOptional({ enum: ['public', 'private'], example: 'private' })
  @IsOptional()
  @IsIn(['public', 'private'])
  sectorType?: 'public' | 'private';

  @ApiPropertyOptional({ example: 42 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  employeeCount?: number;

  @ApiPropertyOptional({ example: 68_166, description: 'Total paid hours per year, for the quota.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  paidHoursPerYear?: number;

  @ApiPropertyOptional({ enum: TARGET_GROUP_EXPERIENCE, example: 'some' })
  @IsOptional()
  @IsIn(TARGET_GROUP_EXPERIENCE)
  targetGroupExperience?: TargetGroupExperience;

  @ApiPropertyOptional({ example: 'We willen dat ons team de buurt weerspiegelt.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @MultiLine()
  inclusiveHiringMotivation?: string;

  @ApiPropertyOptional({ type: [EmployerAddressDto] })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EmployerAddressDto)
  addresses?: EmployerAddressDto[];

  @ApiPropertyOptional({ type: [EmployerContactPersonDto] })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EmployerContactPersonDto)
  contactPersons?: EmployerContactPersonDto[];
}

export class UpdateEmployerDto extends PartialType(CreateEmployerDto) {
  @ApiPropertyOptional({ example: 3, description: 'The version you read; a change on an older version is refused with 409.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class EmployerAddressViewDto extends EmployerAddressDto {}

export class EmployerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Bakkerij De Korenschoof' })
  name: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  contactCoachMembershipId: string | null;

  @ApiProperty({ type: String, nullable: true, example: '12345678' })
  kvkNumber: string | null;

  @ApiProperty({ type: String, nullable: true, example: '123456789L01' })
  payrollTaxNumber: string | null;

  @ApiProperty({ type: String, enum: ['public', 'private'], nullable: true })
  sectorType: 'public' | 'private' | null;

  @ApiProperty({ type: Number, nullable: true, example: 42 })
  employeeCount: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 68_166 })
  paidHoursPerYear: number | null;

  @ApiProperty({ enum: TARGET_GROUP_EXPERIENCE, example: 'some' })
  targetGroupExperience: TargetGroupExperience;

  @ApiProperty({ type: String, nullable: true })
  inclusiveHiringMotivation: string | null;

  @ApiProperty({ type: [EmployerAddressViewDto] })
  addresses: EmployerAddressViewDto[];

  @ApiProperty({ type: [EmployerContactPersonDto] })
  contactPersons: EmployerContactPersonDto[];

  @ApiProperty({ example: 1 })
  version: number;
}

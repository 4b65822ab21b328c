import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SingleLine } from '../../platform/http/line-breaks.js';

export class OccupationQueryDto {
  @ApiProperty({ example: 'magazijn', minLength: 2, maxLength: 100, description: 'Part of the name, in Dutch or English.' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  @SingleLine()
  q: string;

  @ApiPropertyOptional({ enum: ['nl', 'en'], example: 'nl', description: 'Language of the titles returned (default nl).' })
  @IsOptional()
  @IsIn(['nl', 'en'])
  locale?: 'nl' | 'en';

  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class OccupationDto {
  @ApiProperty({ example: 'esco:808becc8-5a4e-4e71-a043-c2ea32b56ae3', pattern: '^(isco:[0-9]{4}|esco:[0-9a-f-]{36})$' })
  key: string;

  @ApiProperty({ example: '9333', pattern: '^[0-9]{4}$', description: 'ISCO-08 unit group.' })
  iscoCode: string;

  @ApiPropertyOptional({ example: 'http://data.europa.eu/esco/occupation/808becc8-5a4e-4e71-a043-c2ea32b56ae3' })
  escoUri?: string;

  @ApiProperty({ example: 'pakhuismedewerker' })
  title: string;

  @ApiProperty({ example: 'Laders en lossers', description: "The ISCO-08 unit group's title." })
  groupTitle: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, MaxLength } from 'class-validator';
import { SingleLine } from '../../http/line-breaks.js';

export class CreateTestMessageDto {
  @ApiProperty({ example: 'beheer@voorbeeldgemeente.nl', description: 'Where the test message goes.' })
  @IsEmail()
  @MaxLength(254)
  @SingleLine()
  recipient: string;

  @ApiPropertyOptional({ enum: ['nl', 'en'], default: 'nl', example: 'nl' })
  @IsOptional()
  @IsIn(['nl', 'en'])
  locale?: 'nl' | 'en';
}

import { ApiProperty } from '@nestjs/swagger';

/** The answer of a POST that creates something and names only its id. */
export class CreatedResourceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
}

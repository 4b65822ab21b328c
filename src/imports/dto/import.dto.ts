import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IMPORT_KINDS, type ImportKind } from '../csv-columns.js';

export class ImportQueryDto {
  @ApiProperty({ enum: IMPORT_KINDS, example: 'participants', description: 'What the rows of the CSV file are.' })
  @IsIn(IMPORT_KINDS)
  kind: ImportKind;
}

export class ImportDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: IMPORT_KINDS })
  kind: ImportKind;

  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] })
  status: 'queued' | 'running' | 'completed' | 'failed';

  @ApiProperty({ example: 250, description: 'Data rows in the file (the header not counted).' })
  totalRows: number;

  @ApiProperty({ example: 120, description: 'Rows handled so far: created, already there, or rejected.' })
  rowsDone: number;

  @ApiProperty({ example: 48, description: 'Whole percent of the rows handled.' })
  percentage: number;

  @ApiProperty({ example: 110 })
  rowsCreated: number;

  @ApiProperty({
    example: 5,
    description: 'Rows whose key (KvK number, external reference) was already imported, with the same data: left as they are.',
  })
  rowsUnchanged: number;

  @ApiProperty({
    example: 3,
    description: 'Rows whose key was already imported and whose data changed (participants): the record now holds the file’s values.',
  })
  rowsUpdated: number;

  @ApiProperty({ example: 5 })
  rowsRejected: number;

  @ApiPropertyOptional({ nullable: true, type: String })
  error: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  finishedAt: string | null;
}

export class ImportRejectionReasonDto {
  @ApiProperty({ example: 'hoursMin' })
  name: string;

  @ApiProperty({ example: 'hoursMin must not be less than 1' })
  reason: string;
}

export class ImportRejectionDto {
  @ApiProperty({ example: 3, description: 'The data row in the file, 1 being the first row after the header.' })
  row: number;

  @ApiProperty({ type: [ImportRejectionReasonDto] })
  reasons: ImportRejectionReasonDto[];
}

export class ImportUpdateDto {
  @ApiProperty({ example: 4, description: 'The data row in the file, 1 being the first row after the header.' })
  row: number;

  @ApiProperty({ type: [String], example: ['lastName', 'email'], description: 'The columns whose value changed the record (no values).' })
  fields: string[];
}

import type { IncomingMessage } from 'node:http';
import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { InvalidInputException, ProblemException } from '../platform/http/problem.js';
import { uuidParam } from '../platform/http/validation.js';
import { ImportDto, ImportQueryDto, ImportRejectionDto, ImportUpdateDto } from './dto/import.dto.js';
import { ImportsService, MAX_IMPORT_BYTES } from './imports.service.js';

async function readCsvBody(request: IncomingMessage): Promise<string> {
  if (!request.headers['content-type']?.toLowerCase().startsWith('text/csv')) {
    throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported-media-type', 'Send the file as text/csv.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_IMPORT_BYTES) {
      throw new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, 'payload-too-large', `The file is larger than ${MAX_IMPORT_BYTES} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new InvalidInputException([{ name: 'body', reason: 'must be a CSV file with a header row' }]);
  return text;
}

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @Policy({ roles: STAFF })
  @ApiOperation({
    operationId: 'createImport',
    summary: 'Import employers, vacancies (admin) or participants (admin, team lead, job coach) from a CSV file; runs in the background',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'externalReference,firstName,lastName\nCRM-1,Fatima,El Amrani\n' } })
  @ApiAcceptedResponse({ type: ImportDto })
  async create(@CurrentActor() actor: Actor, @Query() query: ImportQueryDto, @Req() request: IncomingMessage): Promise<ImportDto> {
    return this.imports.start(actor, query.kind, await readCsvBody(request));
  }

  @Get(':importId')
  @Policy({ roles: STAFF })
  @ApiOperation({ operationId: 'getImport', summary: 'The progress of an import: rows done, created, updated, unchanged, rejected' })
  @ApiOkResponse({ type: ImportDto })
  get(@CurrentActor() actor: Actor, @Param('importId', uuidParam('importId')) importId: string): Promise<ImportDto> {
    return this.imports.get(actor, importId);
  }

  @Get(':importId/rejections')
  @Policy({ roles: STAFF })
  @ApiOperation({ operationId: 'listImportRejections', summary: 'The rows of an import that were refused, with the reason per field' })
  @ApiOkResponse({ type: [ImportRejectionDto] })
  rejections(@CurrentActor() actor: Actor, @Param('importId', uuidParam('importId')) importId: string): Promise<ImportRejectionDto[]> {
    return this.imports.rejections(actor, importId);
  }

  @Get(':importId/updates')
  @Policy({ roles: STAFF })
  @ApiOperation({
    operationId: 'listImportUpdates',
    summary: 'The rows of an import that changed a record imported before, with the columns that changed',
  })
  @ApiOkResponse({ type: [ImportUpdateDto] })
  updates(@CurrentActor() actor: Actor, @Param('importId', uuidParam('importId')) importId: string): Promise<ImportUpdateDto[]> {
    return this.imports.updates(actor, importId);
  }
}

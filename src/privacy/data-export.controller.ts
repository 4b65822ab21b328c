import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { NotFoundProblem } from '../platform/http/problem.js';
import { DataExportRenderer } from './data-export.renderer.js';
import { DataExportService } from './data-export.service.js';
import { DataExportDto, DataExportQueryDto } from './dto/data-export.dto.js';

const EXPORT_DESCRIPTION = 'The export (JSON), or with ?format=html a readable summary in Dutch (text/html).';

@ApiTags('privacy')
@Controller()
export class DataExportController {
  constructor(
    private readonly exports: DataExportService,
    private readonly renderer: DataExportRenderer,
  ) {}

  @Get('me/data-export')
  @Policy({ roles: ['participant'], assurance: 'substantial' })
  @ApiOperation({ operationId: 'exportMyData', summary: 'All data Werkbrug holds about you (GDPR art. 15), as JSON or readable HTML' })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: DataExportDto, description: EXPORT_DESCRIPTION })
  async mine(
    @CurrentActor() actor: Actor,
    @Query() query: DataExportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DataExportDto | string> {
    if (!actor.participantId) throw new NotFoundProblem('participant');
    return this.respond(await this.exports.export(actor, actor.participantId), query, response);
  }

  @Get('participants/:participantId/data-export')
  @Policy({ roles: STAFF, resource: { kind: 'participant', param: 'participantId' } })
  @ApiOperation({
    operationId: 'exportParticipantData',
    summary: 'All data held about a participant, for a request under GDPR art. 15, as JSON or readable HTML',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: DataExportDto, description: EXPORT_DESCRIPTION })
  async forParticipant(
    @CurrentActor() actor: Actor,
    @Param('participantId') participantId: string,
    @Query() query: DataExportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DataExportDto | string> {
    return this.respond(await this.exports.export(actor, participantId), query, response);
  }

  private respond(data: DataExportDto, query: DataExportQueryDto, response: Response): DataExportDto | string {
    response.setHeader('Cache-Control', 'no-store');
    if (query.format !== 'html') return data;
    response.type('text/html; charset=utf-8');
    return this.renderer.render(data, this.exports.sections());
  }
}

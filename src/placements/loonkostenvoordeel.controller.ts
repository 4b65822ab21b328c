import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../platform/auth/policy.decorator.js';
import { LoonkostenvoordeelDto } from './loonkostenvoordeel.dto.js';
import { LoonkostenvoordeelService } from './loonkostenvoordeel.service.js';

@ApiTags('placements')
@Controller()
export class LoonkostenvoordeelController {
  constructor(private readonly lkv: LoonkostenvoordeelService) {}

  @Get('placements/:placementId/loonkostenvoordeel')
  @Policy({ roles: STAFF, resource: { kind: 'placement', param: 'placementId' } })
  @ApiOperation({
    operationId: 'getLoonkostenvoordeel',
    summary: 'Loonkostenvoordeel banenafspraak (LKV): eligibility and the amounts per calendar year, explained',
  })
  @ApiOkResponse({ type: LoonkostenvoordeelDto })
  get(@CurrentActor() actor: Actor, @Param('placementId') placementId: string): Promise<LoonkostenvoordeelDto> {
    return this.lkv.forPlacement(actor, placementId);
  }
}

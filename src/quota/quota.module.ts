import { Module } from '@nestjs/common';
import { LoonkostenvoordeelController } from '../placements/loonkostenvoordeel.controller.js';
import { LoonkostenvoordeelService } from '../placements/loonkostenvoordeel.service.js';
import { PlacementsModule } from '../placements/placements.module.js';
import { QuotaController } from './quota.controller.js';
import { QuotaPrivacy } from './quota.privacy.js';
import { QuotaRepository } from './quota.repository.js';
import { QuotaService } from './quota.service.js';

/**
 * Banenafspraak: the quota per fiscal number, and the loonkostenvoordeel
 * (LKV banenafspraak) per placement, both for people in the doelgroepregister.
 */
@Module({
  imports: [PlacementsModule],
  controllers: [QuotaController, LoonkostenvoordeelController],
  providers: [QuotaService, QuotaRepository, QuotaPrivacy, LoonkostenvoordeelService],
  exports: [QuotaService],
})
export class QuotaModule {}

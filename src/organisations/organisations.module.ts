import { Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller.js';
import { OrganisationsPrivacy } from './organisations.privacy.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { OrganisationsService } from './organisations.service.js';

@Module({
  controllers: [OrganisationsController],
  providers: [OrganisationsService, OrganisationsRepository, OrganisationsPrivacy],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}

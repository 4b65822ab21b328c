import { Module } from '@nestjs/common';
import { OrganisationDirectoryRepository } from './organisation-directory.repository.js';
import { OrganisationDirectoryService } from './organisation-directory.service.js';

/** The admin pages' read-only lists of the organisation (see OrganisationDirectoryService). */
@Module({
  providers: [OrganisationDirectoryService, OrganisationDirectoryRepository],
  exports: [OrganisationDirectoryService],
})
export class OrganisationDirectoryModule {}

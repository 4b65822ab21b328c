import { Module } from '@nestjs/common';
import { ProfilesController } from './profiles.controller.js';
import { ProfileExportContributor, ProfilesPrivacy } from './profiles.privacy.js';
import { ProfilesRepository } from './profiles.repository.js';
import { ProfilesService } from './profiles.service.js';

@Module({
  controllers: [ProfilesController],
  providers: [ProfilesService, ProfilesRepository, ProfilesPrivacy, ProfileExportContributor],
  exports: [ProfilesService],
})
export class ProfilesModule {}

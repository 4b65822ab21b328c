import { Module } from '@nestjs/common';
import { ReferenceDataModule } from '../reference-data/reference-data.module.js';
import { ProfilesController } from './profiles.controller.js';
import { ProfileExportContributor, ProfilesPrivacy } from './profiles.privacy.js';
import { ProfilesRepository } from './profiles.repository.js';
import { ProfilesService } from './profiles.service.js';

@Module({
  imports: [ReferenceDataModule],
  controllers: [ProfilesController],
  providers: [ProfilesService, ProfilesRepository, ProfilesPrivacy, ProfileExportContributor],
  exports: [ProfilesService],
})
export class ProfilesModule {}

import { Module } from '@nestjs/common';
import { ProfileFiguresRepository } from './profile-figures.repository.js';
import { ProfileFiguresService } from './profile-figures.service.js';
import { ReferenceDataModule } from '../reference-data/reference-data.module.js';
import { ProfilesController } from './profiles.controller.js';
import { ProfileExportContributor, ProfilesPrivacy } from './profiles.privacy.js';
import { ProfilesRepository } from './profiles.repository.js';
import { ProfilesService } from './profiles.service.js';

@Module({
  imports: [ReferenceDataModule],
  controllers: [ProfilesController],
  providers: [
    ProfileFiguresRepository,
    ProfileFiguresService,
    ProfilesService,
    ProfilesRepository,
    ProfilesPrivacy,
    ProfileExportContributor,
  ],
  exports: [ProfileFiguresService, ProfilesService],
})
export class ProfilesModule {}

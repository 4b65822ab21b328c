import { Module } from '@nestjs/common';
import { OccupationsRepository } from './occupations.repository.js';
import { OccupationsService } from './occupations.service.js';
import { PostcodesRepository } from './postcodes.repository.js';
import { PostcodesService } from './postcodes.service.js';
import { ReferenceDataController } from './reference-data.controller.js';
import { ReferenceDataPrivacy } from './reference-data.privacy.js';

@Module({
  controllers: [ReferenceDataController],
  providers: [PostcodesRepository, PostcodesService, OccupationsRepository, OccupationsService, ReferenceDataPrivacy],
  exports: [PostcodesService, OccupationsService],
})
export class ReferenceDataModule {}

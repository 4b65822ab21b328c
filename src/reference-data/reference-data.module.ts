import { Module } from '@nestjs/common';
import { PostcodesRepository } from './postcodes.repository.js';
import { PostcodesService } from './postcodes.service.js';
import { ReferenceDataController } from './reference-data.controller.js';
import { ReferenceDataPrivacy } from './reference-data.privacy.js';

@Module({
  controllers: [ReferenceDataController],
  providers: [PostcodesRepository, PostcodesService, ReferenceDataPrivacy],
  exports: [PostcodesService],
})
export class ReferenceDataModule {}

import { Module } from '@nestjs/common';
import { ReferenceDataModule } from '../reference-data/reference-data.module.js';
import { ImportsController } from './imports.controller.js';
import { ImportsPrivacy } from './imports.privacy.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';

@Module({
  imports: [ReferenceDataModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRepository, ImportsPrivacy],
  exports: [ImportsService],
})
export class ImportsModule {}

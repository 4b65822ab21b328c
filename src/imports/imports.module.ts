import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller.js';
import { ImportsPrivacy } from './imports.privacy.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';

@Module({
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRepository, ImportsPrivacy],
  exports: [ImportsService],
})
export class ImportsModule {}

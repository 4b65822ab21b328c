import { Module } from '@nestjs/common';
import { ReferenceDataModule } from '../reference-data/reference-data.module.js';
import { EmployersController } from './employers.controller.js';
import { EmployersPrivacy } from './employers.privacy.js';
import { EmployersRepository } from './employers.repository.js';
import { EmployersService } from './employers.service.js';

@Module({
  imports: [ReferenceDataModule],
  controllers: [EmployersController],
  providers: [EmployersService, EmployersRepository, EmployersPrivacy],
  exports: [EmployersService],
})
export class EmployersModule {}

import { Module } from '@nestjs/common';
import { EmployersController } from './employers.controller.js';
import { EmployersPrivacy } from './employers.privacy.js';
import { EmployersRepository } from './employers.repository.js';
import { EmployersService } from './employers.service.js';

@Module({
  controllers: [EmployersController],
  providers: [EmployersService, EmployersRepository, EmployersPrivacy],
  exports: [EmployersService],
})
export class EmployersModule {}

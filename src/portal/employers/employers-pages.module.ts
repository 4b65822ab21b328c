import { Module } from '@nestjs/common';
import { EmployersModule } from '../../employers/employers.module.js';
import { EmployersPagesController } from './employers-pages.controller.js';

/** The staff's employer pages: list, add, change. */
@Module({
  imports: [EmployersModule],
  controllers: [EmployersPagesController],
})
export class EmployersPagesModule {}

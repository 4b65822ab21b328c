import { Module } from '@nestjs/common';
import { OrganisationsController } from './organisations.controller.js';

@Module({ controllers: [OrganisationsController] })
export class OrganisationsModule {}

import { Module } from '@nestjs/common';
import { CalculationsController } from './calculations.controller.js';
import { CalculationsService } from './calculations.service.js';

/** What-if calculations without stored data (the rule parameters come from the global RuleParametersModule). */
@Module({ controllers: [CalculationsController], providers: [CalculationsService], exports: [CalculationsService] })
export class CalculationsModule {}

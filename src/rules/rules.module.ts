import { Global, Module } from '@nestjs/common';
import { RuleParametersController } from './rule-parameters.controller.js';
import { RuleParametersService } from './rule-parameters.service.js';

@Global()
@Module({ controllers: [RuleParametersController], providers: [RuleParametersService], exports: [RuleParametersService] })
export class RulesModule {}

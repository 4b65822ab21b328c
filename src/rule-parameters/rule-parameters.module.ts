import { Global, Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module.js';
import { RuleParametersController } from './rule-parameters.controller.js';
import { RuleParametersPrivacy } from './rule-parameters.privacy.js';
import { RuleParametersRepository } from './rule-parameters.repository.js';
import { RuleParametersService } from './rule-parameters.service.js';

@Global()
@Module({
  imports: [TasksModule],
  controllers: [RuleParametersController],
  providers: [RuleParametersService, RuleParametersRepository, RuleParametersPrivacy],
  exports: [RuleParametersService],
})
export class RuleParametersModule {}

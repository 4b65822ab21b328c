import { Module } from '@nestjs/common';
import { MatchesService } from './matches.service.js';
import { MatchingController } from './matching.controller.js';
import { MatchingService } from './matching.service.js';

@Module({
  controllers: [MatchingController],
  providers: [MatchingService, MatchesService],
  exports: [MatchingService, MatchesService],
})
export class MatchingModule {}

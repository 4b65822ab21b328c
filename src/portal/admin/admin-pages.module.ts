import { Module } from '@nestjs/common';
import { AdminPagesController } from './admin-pages.controller.js';
import './admin.i18n.js';

/** The organisation admin's pages. Rule parameters, auth and policies come from global modules; imports are optional. */
@Module({
  controllers: [AdminPagesController],
})
export class AdminPagesModule {}

import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { EmployersModule } from '../../employers/employers.module.js';
import { OrganisationsModule } from '../../organisations/organisations.module.js';
import { QuotaModule } from '../../quota/quota.module.js';
import { TasksModule } from '../../tasks/tasks.module.js';
import { OidcModule } from '../../identity/oidc/oidc.module.js';
import { AdminPagesController } from './admin-pages.controller.js';
import { FunderPagesController } from './funder-pages.controller.js';
import { SignInServicesPagesController } from './sign-in-services-pages.controller.js';
import { IMPORT_UPLOAD_PATH, ImportUploadMiddleware } from './import-upload.js';
import './admin.i18n.js';

/** The organisation admin's pages. Rule parameters, auth and policies come from global modules; imports are optional. */
@Module({
  imports: [OrganisationsModule, EmployersModule, QuotaModule, TasksModule, OidcModule],
  controllers: [AdminPagesController, SignInServicesPagesController, FunderPagesController],
  providers: [ImportUploadMiddleware],
})
export class AdminPagesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The upload form's body (multipart) must be read before the guard checks its CSRF field; only on this route.
    consumer.apply(ImportUploadMiddleware).forRoutes({ path: IMPORT_UPLOAD_PATH.slice(1), method: RequestMethod.POST });
  }
}

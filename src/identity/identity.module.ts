import { Global, Module } from '@nestjs/common';
import { AuthGuard } from '../platform/auth/auth.guard.js';
import { PlatformOperators } from '../platform/auth/platform-operators.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { MailModule } from '../platform/mail/mail.module.js';
import { AuditRepository } from '../audit/audit.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { IdentityPrivacy, MembershipsExportContributor, UserAccountExportContributor } from './identity.privacy.js';
import { IdentityRepository } from './identity.repository.js';
import { InvitationsController } from './invitations.controller.js';
import { MeController } from './me.controller.js';
import { MembershipsService } from './memberships.service.js';
import { OneTimeTokensService } from './one-time-tokens.service.js';
import { PasswordPolicy } from './password-policy.js';
import { SessionService } from './session.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { SignInThrottle } from './sign-in-throttle.js';

/**
 * Sign-in, sessions, invitations and memberships, and the shared access
 * machinery (guard, policies, audit, encryption). Global: every capability
 * may inject MembershipsService (names and addresses of people) without
 * importing this module, so no import cycle can form.
 */
@Global()
@Module({
  imports: [MailModule, OrganisationsModule],
  controllers: [AuthController, MeController, InvitationsController],
  providers: [
    AuthService,
    SessionService,
    MembershipsService,
    OneTimeTokensService,
    IdentityRepository,
    SessionsRepository,
    IdentityPrivacy,
    UserAccountExportContributor,
    MembershipsExportContributor,
    PasswordPolicy,
    SignInThrottle,
    AuthGuard,
    PolicyService,
    FieldEncryption,
    AuditService,
    AuditRepository,
    PlatformOperators,
  ],
  exports: [
    AuthService,
    SessionService,
    MembershipsService,
    OneTimeTokensService,
    AuthGuard,
    PolicyService,
    FieldEncryption,
    AuditService,
    PlatformOperators,
  ],
})
export class IdentityModule {}

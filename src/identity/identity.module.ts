import { Global, Module } from '@nestjs/common';
import { AuthGuard } from '../platform/auth/auth.guard.js';
import { PolicyService } from '../platform/auth/policy.service.js';
import { FieldEncryption } from '../platform/crypto/field-encryption.js';
import { MailModule } from '../platform/mail/mail.module.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { InvitationsController } from './invitations.controller.js';
import { MeController } from './me.controller.js';
import { PasswordPolicy } from './password-policy.js';
import { SessionService } from './session.service.js';

/** Sign-in, sessions, invitations, and the shared access machinery (guard, policies, audit, encryption). */
@Global()
@Module({
  imports: [MailModule],
  controllers: [AuthController, MeController, InvitationsController],
  providers: [AuthService, SessionService, PasswordPolicy, AuthGuard, PolicyService, FieldEncryption, AuditService],
  exports: [AuthService, SessionService, AuthGuard, PolicyService, FieldEncryption, AuditService],
})
export class IdentityModule {}

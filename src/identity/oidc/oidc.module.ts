import { Module } from '@nestjs/common';
import { EmployersModule } from '../../employers/employers.module.js';
import { OrganisationsModule } from '../../organisations/organisations.module.js';
import { IdentityRepository } from '../identity.repository.js';
import { OidcClient } from './oidc-client.js';
import { LinkedSignInExportContributor, OidcPrivacy } from './oidc.privacy.js';
import { OidcRepository } from './oidc.repository.js';
import { OidcService } from './oidc.service.js';

/** Sign-in through OpenID Connect brokers (DigiD, eHerkenning): part of identity, apart for its dependency on employers (KvK). */
@Module({
  imports: [EmployersModule, OrganisationsModule],
  providers: [OidcService, OidcClient, OidcRepository, OidcPrivacy, LinkedSignInExportContributor, IdentityRepository],
  exports: [OidcService],
})
export class OidcModule {}

import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { MembershipsService } from '../../identity/memberships.service.js';
import { operatorsConfig } from '../config/operators.config.js';
import type { Actor } from './actor.js';

/** The platform operators named in PLATFORM_OPERATORS: the installation's own staff, across organisations. */
@Injectable()
export class PlatformOperators {
  constructor(
    @Inject(operatorsConfig.KEY) private readonly config: ConfigType<typeof operatorsConfig>,
    private readonly memberships: MembershipsService,
  ) {}

  /** Whether the account behind this session is named as an operator (whatever its role in its organisation). */
  async isOperator(actor: Actor): Promise<boolean> {
    if (this.config.emails.size === 0) return false;
    const account = await this.memberships.recipient(actor.membershipId);
    return !!account && this.config.emails.has(account.email.toLowerCase());
  }
}

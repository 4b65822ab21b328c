import { Injectable } from '@nestjs/common';
import { OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';

/** Rule values are an organisation's configuration, never about a participant. */
@Injectable()
@OwnsPersonalData({ order: 320 })
export class RuleParametersPrivacy implements PersonalDataOwner {
  readonly tables = [
    {
      table: 'organisation_rule_parameter',
      erasure: 'none' as const,
      reason: "Dated rule values an organisation's admins set, with their source: configuration, not about a participant.",
    },
  ];
}

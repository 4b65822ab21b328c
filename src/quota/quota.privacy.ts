import { Injectable } from '@nestjs/common';
import { OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';

/** Quota figures are about an employer's workforce as a whole, never about one participant. */
@Injectable()
@OwnsPersonalData({ order: 310 })
export class QuotaPrivacy implements PersonalDataOwner {
  readonly tables = [
    {
      table: 'quota_reported_hours',
      erasure: 'none' as const,
      reason: 'Hours an employer reports for its target-group workforce in a year: employer figures, not about one participant.',
    },
  ];
}

import { Injectable } from '@nestjs/common';
import { type OwnedTable, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';

/** Employers hold no data about participants: their contact persons' details are the employer's own, kept while it is a client. */
@Injectable()
@OwnsPersonalData({ order: 100 })
export class EmployersPrivacy implements PersonalDataOwner {
  readonly tables: readonly OwnedTable[] = [
    {
      table: 'employer',
      erasure: 'none',
      reason:
        "The employer's own details and its contact persons (name, role, e-mail, phone): no participant is referenced; a contact person's data goes when they or the employer ask.",
    },
  ];
}

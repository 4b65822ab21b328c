import { Injectable } from '@nestjs/common';
import { type OwnedTable, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';

/** Reference data only: nothing here is about a person. */
@Injectable()
@OwnsPersonalData({ order: 100 })
export class ReferenceDataPrivacy implements PersonalDataOwner {
  readonly tables: readonly OwnedTable[] = [
    { table: 'postcode_area', erasure: 'none', reason: 'Reference data: public centroids of 4-digit postcode areas, about no person.' },
    { table: 'occupation', erasure: 'none', reason: 'Reference data: ISCO-08 unit groups and ESCO occupation titles, about no person.' },
  ];
}

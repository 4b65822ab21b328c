import { Injectable } from '@nestjs/common';
import { type OwnedTable, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';

/** Organisations and teams are configuration: nothing in them is about one participant. */
@Injectable()
@OwnsPersonalData({ order: 100 })
export class OrganisationsPrivacy implements PersonalDataOwner {
  readonly tables: readonly OwnedTable[] = [
    {
      table: 'organisation',
      erasure: 'none',
      reason: 'The organisation’s name, slug and settings: configuration, nothing about a participant.',
    },
    { table: 'team', erasure: 'none', reason: 'A team of coaches by name: configuration, nothing about a participant.' },
    {
      table: 'funder',
      erasure: 'none',
      reason: 'A municipality, UWV or other body that pays for trajectories, by name: configuration, nothing about a participant.',
    },
  ];
}

import { Injectable } from '@nestjs/common';
import { type OwnedTable, OwnsPersonalData, type PersonalDataOwner } from '../platform/privacy/personal-data.js';

/** Vacancies describe an employer's job; no column refers to a participant. */
@Injectable()
@OwnsPersonalData({ order: 100 })
export class VacanciesPrivacy implements PersonalDataOwner {
  readonly tables: readonly OwnedTable[] = [
    {
      table: 'vacancy',
      erasure: 'none',
      reason: "An employer's job description (title, tasks, requirements); it refers to no participant and holds nothing about one.",
    },
  ];
}

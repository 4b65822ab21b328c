import { ADAPTATIONS, label } from '../reference-data/taxonomies.js';
import { formatLongDate, formatNumber } from '../rules/calculations/explain.js';
import { OCCUPATION_FIT, type Criterion, type MatchFilter } from './criteria.js';

export interface Sentence {
  nl: string;
  en: string;
}

/** One row of the matching query: the numbers the explanation is built from. */
export interface MatchRow {
  participant_id: string;
  vacancy_id: string;
  total: number;
  /** Only with QueryOptions.everyRow and a bucket's pair bound (the bound test). */
  pair_bound?: number;
  vacancy_row_bound?: number;
  distance_km: number | null;
  reach_km: number | null;
  p_hours_min: number;
  p_hours_max: number;
  p_shifts: string[];
  p_days: string[];
  p_certificates: string[];
  p_language_level: string | null;
  p_driving_licence: boolean;
  p_capacity_hours: number | null;
  p_capacity_assessed_on: string | null;
  p_occupation_wishes: string[];
  p_skills: string[];
  p_copes_stimulus: number | null;
  p_copes_pressure: number | null;
  p_copes_pace: number | null;
  p_needs_supervision: boolean;
  p_needs_adaptations: string[];
  p_wants_growth: boolean;
  p_excluded_sectors: string[];
  p_excluded_tasks: string[];
  v_hours_min: number;
  v_hours_max: number;
  v_shifts: string[];
  v_days: string[];
  v_required_certificates: string[];
  v_language_level: string | null;
  v_driving_licence_required: boolean;
  v_isco_code: string;
  v_skills: string[];
  v_stimulus_level: number | null;
  v_production_pressure: number | null;
  v_work_pace: number | null;
  v_supervision_on_floor: boolean;
  v_adaptations_possible: string[];
  v_quiet_workspace_possible: boolean;
  v_growth_possible: boolean;
  v_sector: string | null;
  v_core_tasks: string[];
  e_experience: string;
  has_consent: boolean;
  [key: `s_${string}`]: number;
  [key: `f_${string}`]: boolean;
}

const SHIFT_NL: Record<string, string> = { day: 'overdag', evening: "'s avonds", night: "'s nachts", weekend: 'in het weekend' };
const SHIFT_EN: Record<string, string> = { day: 'in the daytime', evening: 'in the evening', night: 'at night', weekend: 'at weekends' };
const DAY_ORDER = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_NL: Record<string, string> = {
  mon: 'maandag',
  tue: 'dinsdag',
  wed: 'woensdag',
  thu: 'donderdag',
  fri: 'vrijdag',
  sat: 'zaterdag',
  sun: 'zondag',
};
const DAY_EN: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const number = (value: number, locale: 'nl' | 'en') => formatNumber(Number(value), locale, 1);
const range = (min: number, max: number, locale: 'nl' | 'en') =>
  Number(min) === Number(max) ? number(min, locale) : `${number(min, locale)} ${locale === 'nl' ? 'tot' : 'to'} ${number(max, locale)}`;

/** "a, b en c" / "a, b and c". */
function join(items: string[], locale: 'nl' | 'en'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${locale === 'nl' ? 'en' : 'and'} ${items.at(-1)}`;
}

/** Week days as people say them: runs of three or more as "maandag t/m donderdag", the rest by name. */
export function dayList(days: readonly string[], locale: 'nl' | 'en'): string {
  const names = locale === 'nl' ? DAY_NL : DAY_EN;
  const sorted = DAY_ORDER.filter((day) => days.includes(day));
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && DAY_ORDER.indexOf(sorted[j + 1]) === DAY_ORDER.indexOf(sorted[j]) + 1) j++;
    if (j - i >= 2) parts.push(`${names[sorted[i]]} ${locale === 'nl' ? 't/m' : 'to'} ${names[sorted[j]]}`);
    else for (let k = i; k <= j; k++) parts.push(names[sorted[k]]);
    i = j + 1;
  }
  return join(parts, locale);
}

const shiftList = (shifts: readonly string[], locale: 'nl' | 'en') =>
  join(
    shifts.map((s) => (locale === 'nl' ? SHIFT_NL : SHIFT_EN)[s] ?? s),
    locale,
  );

function shiftsSentence(row: MatchRow, locale: 'nl' | 'en'): string {
  const nl = locale === 'nl';
  const missingShifts = row.v_shifts.filter((s) => !row.p_shifts.includes(s));
  const daysOpen = !row.v_days.length || !row.p_days.length;
  const missingDays = daysOpen ? [] : row.v_days.filter((d) => !row.p_days.includes(d));
  const parts: string[] = [];
  if (missingShifts.length) {
    const can = row.p_shifts.length ? shiftList(row.p_shifts, locale) : nl ? 'op geen enkel moment' : 'at no time';
    parts.push(
      nl
        ? `Kan ${can} werken; de vacature vraagt ook ${shiftList(missingShifts, locale)}`
        : `Can work ${can}; the vacancy also asks ${shiftList(missingShifts, locale)}`,
    );
  }
  if (missingDays.length) {
    parts.push(
      nl
        ? `Kan ${dayList(row.p_days, locale)}; de vacature vraagt ${dayList(row.v_days, locale)}`
        : `Can work ${dayList(row.p_days, locale)}; the vacancy asks ${dayList(row.v_days, locale)}`,
    );
  }
  if (parts.length) return parts.map((part, index) => (index ? part.charAt(0).toLowerCase() + part.slice(1) : part)).join('; ');
  const when = row.v_shifts.length ? shiftList(row.v_shifts, locale) : nl ? 'zonder vaste diensten' : 'without fixed shifts';
  const days = row.v_days.length ? ` (${dayList(row.v_days, locale)})` : '';
  return nl ? `Kan werken wanneer de vacature vraagt: ${when}${days}` : `Can work when the vacancy asks: ${when}${days}`;
}

const both = (make: (locale: 'nl' | 'en') => string): Sentence => ({ nl: make('nl'), en: make('en') });

export function explainFilter(filter: MatchFilter, row: MatchRow): Sentence {
  switch (filter) {
    case 'hours':
      return both((l) =>
        l === 'nl'
          ? `Wil ${range(row.p_hours_min, row.p_hours_max, l)} uur per week werken; de vacature biedt ${range(row.v_hours_min, row.v_hours_max, l)} uur`
          : `Wants to work ${range(row.p_hours_min, row.p_hours_max, l)} hours a week; the vacancy offers ${range(row.v_hours_min, row.v_hours_max, l)} hours`,
      );
    case 'shifts':
      return both((l) => shiftsSentence(row, l));
    case 'distance':
      if (row.distance_km === null)
        return {
          nl: 'Afstand onbekend: de postcode van de deelnemer of de vacature is niet bekend',
          en: "Distance unknown: the participant's or the vacancy's postcode is not known",
        };
      return both((l) =>
        l === 'nl'
          ? `Afstand ${number(row.distance_km!, l)} km; reisbereik ${number(row.reach_km ?? 0, l)} km`
          : `Distance ${number(row.distance_km!, l)} km; travel reach ${number(row.reach_km ?? 0, l)} km`,
      );
    case 'certificates': {
      const missing = row.v_required_certificates.filter((c) => !row.p_certificates.includes(c));
      const extra: Sentence[] = [];
      if (row.v_driving_licence_required && !row.p_driving_licence) extra.push({ nl: 'geen rijbewijs', en: 'no driving licence' });
      if (row.v_language_level && (row.p_language_level ?? 'A0') < row.v_language_level) {
        extra.push({
          nl: `taalniveau ${row.p_language_level ?? 'onbekend'}, de vacature vraagt ${row.v_language_level}`,
          en: `language level ${row.p_language_level ?? 'unknown'}, the vacancy asks ${row.v_language_level}`,
        });
      }
      if (!missing.length && !extra.length) {
        return {
          nl: `Voldoet aan de eisen${row.v_required_certificates.length ? ` (${row.v_required_certificates.join(', ')})` : ''}`,
          en: `Meets the requirements${row.v_required_certificates.length ? ` (${row.v_required_certificates.join(', ')})` : ''}`,
        };
      }
      const nl = [...(missing.length ? [`mist ${missing.join(', ')}`] : []), ...extra.map((s) => s.nl)].join('; ');
      const en = [...(missing.length ? [`missing ${missing.join(', ')}`] : []), ...extra.map((s) => s.en)].join('; ');
      return { nl: `Voldoet niet aan de eisen: ${nl}`, en: `Does not meet the requirements: ${en}` };
    }
    case 'capacity':
      if (row.p_capacity_hours === null) return { nl: 'Belastbaarheid is nog niet vastgesteld', en: 'Capacity has not been assessed yet' };
      return both((l) => {
        const assessed = row.p_capacity_assessed_on ? formatLongDate(row.p_capacity_assessed_on, l) : '';
        return l === 'nl'
          ? `Kan ${number(row.p_capacity_hours!, l)} uur per week aan (vastgesteld op ${assessed}); de vacature vraagt minstens ${number(row.v_hours_min, l)} uur`
          : `Can manage ${number(row.p_capacity_hours!, l)} hours a week (assessed on ${assessed}); the vacancy needs at least ${number(row.v_hours_min, l)} hours`;
      });
    case 'exclusions': {
      const sector = row.v_sector && row.p_excluded_sectors.includes(row.v_sector) ? row.v_sector : null;
      const tasks = row.v_core_tasks.filter((task) => row.p_excluded_tasks.includes(task));
      if (!sector && !tasks.length)
        return { nl: 'Geen sector of taak die de deelnemer uitsluit', en: 'No sector or task the participant excludes' };
      return {
        nl: `Deelnemer wil dit niet: ${[...(sector ? [`sector ${sector}`] : []), ...tasks.map((t) => `taak "${t}"`)].join(', ')}`,
        en: `The participant does not want: ${[...(sector ? [`sector ${sector}`] : []), ...tasks.map((t) => `task "${t}"`)].join(', ')}`,
      };
    }
    case 'consent':
      return row.has_consent
        ? { nl: 'Toestemming om voor te stellen aan werkgevers', en: 'Consent to be proposed to employers' }
        : { nl: 'Geen toestemming om voor te stellen aan werkgevers', en: 'No consent to be proposed to employers' };
  }
}

/**
 * Why a criterion scored what it did. The sentence follows the score the
 * query computed (never its own reading of the data), so a zero never comes
 * with a positive sentence.
 */
export function explainCriterion(criterion: Criterion, row: MatchRow): Sentence {
  const score = Number(row[`s_${criterion}`] ?? 0);
  switch (criterion) {
    case 'occupation': {
      if (score >= OCCUPATION_FIT.unit)
        return { nl: 'Een beroepswens is precies dit beroep', en: 'An occupation wish is exactly this occupation' };
      if (score >= OCCUPATION_FIT.minor)
        return {
          nl: 'Een beroepswens ligt dicht bij dit beroep (dezelfde beroepsklasse)',
          en: 'An occupation wish is close to this occupation (the same minor group)',
        };
      if (score > 0)
        return {
          nl: 'Een beroepswens lijkt een beetje op dit beroep (dezelfde beroepsgroep)',
          en: 'An occupation wish is somewhat like this occupation (the same sub-major group)',
        };
      return { nl: 'Geen beroepswens die op dit beroep lijkt', en: 'No occupation wish like this occupation' };
    }
    case 'skills': {
      if (!row.v_skills.length)
        return { nl: 'De vacature vraagt geen bepaalde vaardigheden', en: 'The vacancy asks for no particular skills' };
      const has = row.v_skills.filter((s) => row.p_skills.includes(s));
      const missing = row.v_skills.filter((s) => !row.p_skills.includes(s));
      return {
        nl: `Heeft ${has.length} van de ${row.v_skills.length} gevraagde vaardigheden${has.length ? `: ${has.join(', ')}` : ''}${missing.length ? `; mist ${missing.join(', ')}` : ''}`,
        en: `Has ${has.length} of the ${row.v_skills.length} skills asked${has.length ? `: ${has.join(', ')}` : ''}${missing.length ? `; missing ${missing.join(', ')}` : ''}`,
      };
    }
    case 'workplace': {
      const part = (nl: string, en: string, demand: number | null, copes: number | null) => {
        if (demand === null) return null;
        if (copes === null)
          return {
            nl: `${nl}: vraagt ${demand} van 5, aankunnen onbekend`,
            en: `${en}: asks ${demand} of 5, unknown what they can manage`,
          };
        const ok = Number(copes) >= Number(demand);
        return ok
          ? { nl: `${nl}: vraagt ${demand} van 5, kan ${copes} aan`, en: `${en}: asks ${demand} of 5, can manage ${copes}` }
          : {
              nl: `${nl}: vraagt ${demand} van 5, kan maar ${copes} aan`,
              en: `${en}: asks ${demand} of 5, can only manage ${copes}`,
            };
      };
      const parts = [
        part('prikkels', 'stimulus', row.v_stimulus_level, row.p_copes_stimulus),
        part('werkdruk', 'pressure', row.v_production_pressure, row.p_copes_pressure),
        part('tempo', 'pace', row.v_work_pace, row.p_copes_pace),
      ].filter((p): p is Sentence => p !== null);
      if (!parts.length)
        return {
          nl: 'De vacature beschrijft prikkels, werkdruk en tempo niet',
          en: 'The vacancy does not describe stimulus, pressure or pace',
        };
      return { nl: parts.map((p) => p.nl).join('; '), en: parts.map((p) => p.en).join('; ') };
    }
    case 'supervision':
      if (!row.p_needs_supervision) return { nl: 'Heeft geen begeleiding op de vloer nodig', en: 'Needs no supervision on the floor' };
      return row.v_supervision_on_floor
        ? { nl: 'Heeft begeleiding op de vloer nodig; de vacature biedt die', en: 'Needs supervision on the floor; the vacancy offers it' }
        : {
            nl: 'Heeft begeleiding op de vloer nodig; de vacature biedt die niet',
            en: 'Needs supervision on the floor; the vacancy does not offer it',
          };
    case 'adaptations': {
      if (!row.p_needs_adaptations.length) return { nl: 'Heeft geen aanpassingen nodig', en: 'Needs no adaptations' };
      const available = row.p_needs_adaptations.filter(
        (a) => row.v_adaptations_possible.includes(a) || (a === 'quiet_workspace' && row.v_quiet_workspace_possible),
      );
      return {
        nl: `${available.length} van ${row.p_needs_adaptations.length} benodigde aanpassingen mogelijk${available.length ? `: ${available.map((a) => label(ADAPTATIONS, a, 'nl').toLowerCase()).join(', ')}` : ''}`,
        en: `${available.length} of ${row.p_needs_adaptations.length} adaptations needed are possible${available.length ? `: ${available.map((a) => label(ADAPTATIONS, a, 'en').toLowerCase()).join(', ')}` : ''}`,
      };
    }
    case 'growth':
      if (!row.p_wants_growth) return { nl: 'Groei is geen wens', en: 'Growth is not a wish' };
      return row.v_growth_possible
        ? { nl: 'Wil groeien; de vacature biedt groeimogelijkheden', en: 'Wants to grow; the vacancy offers growth' }
        : { nl: 'Wil groeien; de vacature biedt geen groeimogelijkheden', en: 'Wants to grow; the vacancy offers no growth' };
    case 'employerExperience': {
      const nl = { extensive: 'veel', some: 'enige', none: 'geen' }[row.e_experience] ?? 'geen';
      const en = { extensive: 'much', some: 'some', none: 'no' }[row.e_experience] ?? 'no';
      return { nl: `Werkgever heeft ${nl} ervaring met de doelgroep`, en: `The employer has ${en} experience with the target group` };
    }
  }
}

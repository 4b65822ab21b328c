import { ADAPTATIONS, label } from '../reference-data/taxonomies.js';
import type { Criterion, MatchFilter } from './criteria.js';

export interface Sentence {
  nl: string;
  en: string;
}

/** One row of the matching query: the numbers the explanation is built from. */
export interface MatchRow {
  participant_id: string;
  vacancy_id: string;
  total: number;
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

const SHIFT_NL: Record<string, string> = { day: 'dag', evening: 'avond', night: 'nacht', weekend: 'weekend' };
const SHIFT_EN: Record<string, string> = { day: 'day', evening: 'evening', night: 'night', weekend: 'weekend' };

const range = (min: number, max: number) => (Number(min) === Number(max) ? `${fmt(min)}` : `${fmt(min)}-${fmt(max)}`);
const fmt = (value: number) => String(Number(value));
const km = (value: number, locale: 'nl' | 'en') =>
  (Math.round(Number(value) * 10) / 10).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB');
const list = (items: string[], none: string) => (items.length ? items.join(', ') : none);

export function explainFilter(filter: MatchFilter, row: MatchRow): Sentence {
  switch (filter) {
    case 'hours':
      return {
        nl: `Werkt ${range(row.p_hours_min, row.p_hours_max)} uur; vacature biedt ${range(row.v_hours_min, row.v_hours_max)} uur`,
        en: `Works ${range(row.p_hours_min, row.p_hours_max)} hours; vacancy offers ${range(row.v_hours_min, row.v_hours_max)} hours`,
      };
    case 'shifts':
      return {
        nl: `Kan werken: ${list(
          row.p_shifts.map((s) => SHIFT_NL[s] ?? s),
          'geen diensten',
        )}; vacature vraagt: ${list(
          row.v_shifts.map((s) => SHIFT_NL[s] ?? s),
          'geen vaste diensten',
        )}`,
        en: `Can work: ${list(
          row.p_shifts.map((s) => SHIFT_EN[s] ?? s),
          'no shifts',
        )}; vacancy asks: ${list(
          row.v_shifts.map((s) => SHIFT_EN[s] ?? s),
          'no fixed shifts',
        )}`,
      };
    case 'distance':
      if (row.distance_km === null)
        return { nl: 'Afstand onbekend: postcode of coördinaten ontbreken', en: 'Distance unknown: postcode or coordinates missing' };
      return {
        nl: `Afstand ${km(row.distance_km, 'nl')} km; reisbereik ${km(row.reach_km ?? 0, 'nl')} km`,
        en: `Distance ${km(row.distance_km, 'en')} km; travel reach ${km(row.reach_km ?? 0, 'en')} km`,
      };
    case 'certificates': {
      const missing = row.v_required_certificates.filter((c) => !row.p_certificates.includes(c));
      const extra: Sentence[] = [];
      if (row.v_driving_licence_required && !row.p_driving_licence) extra.push({ nl: 'geen rijbewijs', en: 'no driving licence' });
      if (row.v_language_level && (row.p_language_level ?? 'A0') < row.v_language_level) {
        extra.push({
          nl: `taalniveau ${row.p_language_level ?? 'onbekend'} onder ${row.v_language_level}`,
          en: `language level ${row.p_language_level ?? 'unknown'} below ${row.v_language_level}`,
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
      if (row.p_capacity_hours === null) return { nl: 'Geen vastgestelde belastbaarheid', en: 'No assessed capacity on record' };
      return {
        nl: `Belastbaar ${fmt(row.p_capacity_hours)} uur per week (vastgesteld ${row.p_capacity_assessed_on}); vacature vraagt minimaal ${fmt(row.v_hours_min)} uur`,
        en: `Capacity ${fmt(row.p_capacity_hours)} hours a week (assessed ${row.p_capacity_assessed_on}); vacancy needs at least ${fmt(row.v_hours_min)} hours`,
      };
    case 'exclusions': {
      const sector = row.v_sector && row.p_excluded_sectors.includes(row.v_sector) ? row.v_sector : null;
      const tasks = row.v_core_tasks.filter((task) => row.p_excluded_tasks.includes(task));
      if (!sector && !tasks.length) return { nl: 'Geen uitgesloten sector of taak', en: 'No excluded sector or task' };
      return {
        nl: `Deelnemer sluit uit: ${[...(sector ? [`sector ${sector}`] : []), ...tasks.map((t) => `taak "${t}"`)].join(', ')}`,
        en: `Participant excludes: ${[...(sector ? [`sector ${sector}`] : []), ...tasks.map((t) => `task "${t}"`)].join(', ')}`,
      };
    }
    case 'consent':
      return row.has_consent
        ? { nl: 'Toestemming om voor te stellen aan werkgevers', en: 'Consent to be proposed to employers' }
        : { nl: 'Geen toestemming om voor te stellen aan werkgevers', en: 'No consent to be proposed to employers' };
  }
}

export function explainCriterion(criterion: Criterion, row: MatchRow): Sentence {
  switch (criterion) {
    case 'occupation': {
      const code = row.v_isco_code;
      const wishes = row.p_occupation_wishes;
      const unit = wishes.find((w) => w === code);
      const minor = wishes.find((w) => w.slice(0, 3) === code.slice(0, 3));
      const subMajor = wishes.find((w) => w.slice(0, 2) === code.slice(0, 2));
      if (unit)
        return {
          nl: `Beroepswens ${unit} is hetzelfde beroep (ISCO ${code})`,
          en: `Occupation wish ${unit} is the same occupation (ISCO ${code})`,
        };
      if (minor)
        return {
          nl: `Beroepswens ${minor} ligt in dezelfde beroepsklasse (${code.slice(0, 3)})`,
          en: `Occupation wish ${minor} is in the same minor group (${code.slice(0, 3)})`,
        };
      if (subMajor)
        return {
          nl: `Beroepswens ${subMajor} ligt in dezelfde beroepsgroep (${code.slice(0, 2)})`,
          en: `Occupation wish ${subMajor} is in the same sub-major group (${code.slice(0, 2)})`,
        };
      return { nl: `Geen beroepswens in de buurt van ISCO ${code}`, en: `No occupation wish near ISCO ${code}` };
    }
    case 'skills': {
      if (!row.v_skills.length)
        return { nl: 'Vacature vraagt geen specifieke vaardigheden', en: 'The vacancy asks for no specific skills' };
      const has = row.v_skills.filter((s) => row.p_skills.includes(s));
      return {
        nl: `${has.length} van ${row.v_skills.length} gevraagde vaardigheden${has.length ? `: ${has.join(', ')}` : ''}`,
        en: `${has.length} of ${row.v_skills.length} skills asked${has.length ? `: ${has.join(', ')}` : ''}`,
      };
    }
    case 'workplace': {
      const part = (nl: string, en: string, demand: number | null, copes: number | null) =>
        demand === null ? null : { nl: `${nl} ${demand} (aankunnen ${copes ?? '?'})`, en: `${en} ${demand} (copes with ${copes ?? '?'})` };
      const parts = [
        part('prikkels', 'stimulus', row.v_stimulus_level, row.p_copes_stimulus),
        part('werkdruk', 'pressure', row.v_production_pressure, row.p_copes_pressure),
        part('tempo', 'pace', row.v_work_pace, row.p_copes_pace),
      ].filter((p): p is Sentence => p !== null);
      if (!parts.length)
        return { nl: 'Vacature beschrijft prikkels, druk en tempo niet', en: 'The vacancy does not describe stimulus, pressure or pace' };
      return { nl: `Werkplek: ${parts.map((p) => p.nl).join(', ')}`, en: `Workplace: ${parts.map((p) => p.en).join(', ')}` };
    }
    case 'supervision':
      if (!row.p_needs_supervision) return { nl: 'Heeft geen begeleiding op de vloer nodig', en: 'Needs no supervision on the floor' };
      return row.v_supervision_on_floor
        ? { nl: 'Heeft begeleiding op de vloer nodig; vacature biedt die', en: 'Needs supervision on the floor; the vacancy offers it' }
        : {
            nl: 'Heeft begeleiding op de vloer nodig; vacature biedt die niet',
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
        ? { nl: 'Wil groeien; vacature biedt groeimogelijkheden', en: 'Wants to grow; the vacancy offers growth' }
        : { nl: 'Wil groeien; vacature biedt geen groeimogelijkheden', en: 'Wants to grow; the vacancy offers no growth' };
    case 'employerExperience': {
      const nl = { extensive: 'veel', some: 'enige', none: 'geen' }[row.e_experience] ?? 'geen';
      const en = { extensive: 'much', some: 'some', none: 'no' }[row.e_experience] ?? 'no';
      return { nl: `Werkgever heeft ${nl} ervaring met de doelgroep`, en: `The employer has ${en} experience with the target group` };
    }
  }
}

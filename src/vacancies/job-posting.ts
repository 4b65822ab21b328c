import type { Employer } from '../employers/entities/employer.entity.js';
import type { Vacancy } from './entities/vacancy.entity.js';

const SHIFT_TYPES: Record<string, string> = { day: 'Dagdienst', evening: 'Avonddienst', night: 'Nachtdienst', weekend: 'Weekenddienst' };

/** schema.org JobPosting (JSON-LD). Only what is public about the job: nothing about any participant. */
export function toJobPosting(vacancy: Vacancy, employer: Employer, publicUrl: string): Record<string, unknown> {
  const address = employer.addresses.find((candidate) => candidate.postcode === vacancy.postcode) ?? employer.addresses[0];
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    identifier: { '@type': 'PropertyValue', name: employer.name, value: vacancy.id },
    url: `${publicUrl.replace(/\/$/, '')}/v1/vacancies/${vacancy.id}/job-posting`,
    title: vacancy.title,
    description: vacancy.description ?? vacancy.title,
    datePosted: vacancy.createdAt.toISOString().slice(0, 10),
    ...(vacancy.closingDate ? { validThrough: vacancy.closingDate } : {}),
    employmentType: vacancy.hoursMax >= 36 ? 'FULL_TIME' : 'PART_TIME',
    workHours: `${vacancy.hoursMin}-${vacancy.hoursMax} uur per week`,
    ...(vacancy.shifts.length ? { jobSchedule: vacancy.shifts.map((shift) => SHIFT_TYPES[shift] ?? shift).join(', ') } : {}),
    occupationalCategory: vacancy.escoUri ? [`ISCO-08 ${vacancy.iscoCode}`, vacancy.escoUri] : `ISCO-08 ${vacancy.iscoCode}`,
    ...(vacancy.skills.length ? { skills: vacancy.skills.join(', ') } : {}),
    ...(vacancy.tasks.length ? { responsibilities: vacancy.tasks.map((task) => task.description).join('; ') } : {}),
    ...(vacancy.requiredCertificates.length
      ? { qualifications: vacancy.requiredCertificates.map((name) => ({ '@type': 'EducationalOccupationalCredential', name })) }
      : {}),
    ...(vacancy.physicalLoad ? { physicalRequirement: `Fysieke belasting ${vacancy.physicalLoad} op een schaal van 1 tot 5` } : {}),
    hiringOrganization: {
      '@type': 'Organization',
      name: employer.name,
      ...(employer.kvkNumber ? { identifier: `KvK ${employer.kvkNumber}` } : {}),
    },
    jobLocation: {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        postalCode: vacancy.postcode,
        addressCountry: 'NL',
        ...(address && address.postcode === vacancy.postcode
          ? { streetAddress: `${address.street} ${address.houseNumber}`, addressLocality: address.city }
          : {}),
      },
      ...(vacancy.latitude !== null && vacancy.longitude !== null
        ? { geo: { '@type': 'GeoCoordinates', latitude: vacancy.latitude, longitude: vacancy.longitude } }
        : {}),
    },
  };
}

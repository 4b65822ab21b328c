import type { ValueTransformer } from 'typeorm';

/** PostgreSQL numeric arrives as a string; these columns hold small decimals (hours, km). */
export const numericColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};

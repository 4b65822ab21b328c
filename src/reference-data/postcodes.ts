import { InvalidInputException } from '../platform/http/problem.js';
import { pc4Of } from './validation.js';

export interface PostcodeCentroid {
  pc4: string;
  latitude: number;
  longitude: number;
  municipality: string | null;
}

/** Parses `pc4,latitude,longitude[,municipality]` lines; a header line is skipped. */
export function parsePostcodeCsv(text: string): PostcodeCentroid[] {
  const rows: PostcodeCentroid[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed || (index === 0 && /[a-z]/i.test(trimmed.split(/[,;]/)[0]))) return;
    const [pc4, lat, lon, ...rest] = trimmed.split(/[,;]/).map((cell) => cell.trim().replace(/^"|"$/g, ''));
    const latitude = Number(lat);
    const longitude = Number(lon);
    if (!/^[1-9][0-9]{3}$/.test(pc4) || !(latitude >= 50 && latitude <= 54) || !(longitude >= 3 && longitude <= 8)) {
      throw new InvalidInputException([
        { name: `line ${index + 1}`, reason: 'must be pc4,latitude,longitude with a Dutch 4-digit postcode' },
      ]);
    }
    rows.push({ pc4, latitude, longitude, municipality: rest.join(',') || null });
  });
  return rows;
}

/** The reason given for a postcode whose 4-digit area is not in the centroid table (the portal matches on it). */
export const UNKNOWN_POSTCODE_AREA = 'is not a known Dutch postcode area';

/**
 * Coordinates for a full postcode: the given ones, else the 4-digit area's centroid.
 * A postcode whose area is unknown is refused here, naming `field`, so the person
 * entering it hears so now rather than later as a failed distance filter.
 */
export async function coordinatesFor(
  centroid: (pc4: string) => Promise<{ latitude: number; longitude: number } | null>,
  postcode: string | null | undefined,
  given?: { latitude?: number; longitude?: number },
  field = 'postcode',
): Promise<{ latitude: number | null; longitude: number | null }> {
  if (given?.latitude !== undefined && given.longitude !== undefined) return { latitude: given.latitude, longitude: given.longitude };
  if (!postcode) return { latitude: null, longitude: null };
  const found = await centroid(pc4Of(postcode));
  if (!found) {
    throw new InvalidInputException([
      { name: field, reason: `${UNKNOWN_POSTCODE_AREA} (${pc4Of(postcode)}): check the postcode, or give latitude and longitude` },
    ]);
  }
  return found;
}

import { InvalidInputException } from '../platform/http/problem.js';
import { pc4Of } from './validation.js';

/** Anything that runs SQL: a DataSource, an EntityManager, or a plain pg client adapter. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

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

/** Upserts centroids in batches of multi-row inserts; returns the number of rows. */
export async function importPostcodes(dataSource: Queryable, rows: PostcodeCentroid[]): Promise<number> {
  for (let start = 0; start < rows.length; start += 1000) {
    const batch = rows.slice(start, start + 1000);
    const params: unknown[] = [];
    const values = batch.map((row, i) => {
      params.push(row.pc4, row.latitude, row.longitude, row.municipality);
      return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
    });
    await dataSource.query(
      `INSERT INTO postcode_area (pc4, latitude, longitude, municipality) VALUES ${values.join(', ')}
       ON CONFLICT (pc4) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude, municipality = excluded.municipality`,
      params,
    );
  }
  return rows.length;
}

/** Coordinates for a full postcode: the given ones, else the 4-digit area's centroid, else none. */
export async function resolveCoordinates(
  dataSource: Queryable,
  postcode: string | null | undefined,
  given?: { latitude?: number; longitude?: number },
): Promise<{ latitude: number | null; longitude: number | null }> {
  if (given?.latitude !== undefined && given.longitude !== undefined) return { latitude: given.latitude, longitude: given.longitude };
  if (!postcode) return { latitude: null, longitude: null };
  const [row] = (await dataSource.query('SELECT latitude, longitude FROM postcode_area WHERE pc4 = $1', [pc4Of(postcode)])) as Array<{
    latitude: number;
    longitude: number;
  }>;
  return row ? { latitude: Number(row.latitude), longitude: Number(row.longitude) } : { latitude: null, longitude: null };
}

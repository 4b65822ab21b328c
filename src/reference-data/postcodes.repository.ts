import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';
import { buildDataSourceOptions } from '../platform/database/typeorm-options.js';
import type { PostcodeCentroid } from './postcodes.js';

const CENTROID_SQL = 'SELECT latitude, longitude FROM postcode_area WHERE pc4 = $1';

/** Every statement on postcode_area. */
@Injectable()
export class PostcodesRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** For the import CLI, which runs without the application: its own connection, closed by `close`. */
  static async connect(url: string): Promise<{ postcodes: PostcodesRepository; close: () => Promise<void> }> {
    const dataSource = await new DataSource(buildDataSourceOptions(url, 1)).initialize();
    return { postcodes: new PostcodesRepository(dataSource), close: () => dataSource.destroy() };
  }

  async centroid(pc4: string): Promise<{ latitude: number; longitude: number } | null> {
    const [row] = await this.query<{ latitude: number; longitude: number }>(CENTROID_SQL, [pc4]);
    return row ? { latitude: Number(row.latitude), longitude: Number(row.longitude) } : null;
  }

  /** Upserts centroids in batches of multi-row inserts; returns the number of rows. */
  async upsert(rows: PostcodeCentroid[]): Promise<number> {
    for (let start = 0; start < rows.length; start += 1000) {
      const batch = rows.slice(start, start + 1000);
      const params: unknown[] = [];
      const values = batch.map((row, i) => {
        params.push(row.pc4, row.latitude, row.longitude, row.municipality);
        return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
      });
      await this.query(
        `INSERT INTO postcode_area (pc4, latitude, longitude, municipality) VALUES ${values.join(', ')}
         ON CONFLICT (pc4) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude, municipality = excluded.municipality`,
        params,
      );
    }
    return rows.length;
  }
}

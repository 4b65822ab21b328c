import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A Dutch 4-digit postcode area's centroid: where a postcode without coordinates is placed for matching. */
@Entity('postcode_area')
export class PostcodeArea {
  @PrimaryColumn({ type: 'char', length: 4 }) pc4: string;
  @Column({ type: 'double precision' }) latitude: number;
  @Column({ type: 'double precision' }) longitude: number;
  @Column({ type: 'text', nullable: true }) municipality: string | null;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';
import { ErasureRecord } from './entities/erasure-record.entity.js';

@Injectable()
export class PrivacyRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async recordErasure(record: Omit<ErasureRecord, 'id'>): Promise<void> {
    await this.manager.getRepository(ErasureRecord).insert(record);
  }
}

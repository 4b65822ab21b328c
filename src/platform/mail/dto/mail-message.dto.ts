import { ApiProperty } from '@nestjs/swagger';
import type { MailMessage, MailStatus } from '../entities/mail-message.entity.js';

export class MailMessageDto {
  @ApiProperty({ format: 'uuid', example: '2f1c3a5e-8d0b-4f8e-9a57-0c4d9b1f7e21' })
  id: string;

  @ApiProperty({ enum: ['queued', 'sent', 'retrying', 'failed'], example: 'sent' })
  status: MailStatus;

  @ApiProperty({ example: 'test-message' })
  template: string;

  @ApiProperty({ example: 1 })
  attempts: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-23T10:15:00Z' })
  sentAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-23T10:14:58Z' })
  createdAt: string;

  static from(message: MailMessage): MailMessageDto {
    return {
      id: message.id,
      status: message.status,
      template: message.template,
      attempts: message.attempts,
      sentAt: message.sentAt?.toISOString() ?? null,
      createdAt: message.createdAt.toISOString(),
    };
  }
}

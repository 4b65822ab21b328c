import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { MultiLine, SingleLine } from '../../platform/http/line-breaks.js';

export class EraseParticipantDto {
  @ApiProperty({
    example: 'Verzoek van de deelnemer per brief van 20 november 2026 (AVG art. 17); traject afgesloten.',
    description: 'Why the data is erased.',
  })
  @IsString()
  @Length(3, 1000)
  @MultiLine()
  reason: string;

  @ApiProperty({
    example: 'Fatima El Amrani',
    description: "The participant's full name (first and last name), typed again as a safeguard.",
  })
  @IsString()
  @Length(1, 250)
  @SingleLine()
  confirmName: string;
}

export class ErasureResultDto {
  @ApiProperty({ format: 'uuid', example: '5a1d7c3e-2b4f-4e8a-9c6d-1f2e3d4c5b6a' })
  participantId: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-23T10:15:00.000Z' })
  erasedAt: string;

  @ApiProperty({ example: 2, description: 'Active consents that were withdrawn.' })
  consentsWithdrawn: number;

  @ApiProperty({
    example: true,
    description: 'False when the account is also used in another organisation: then only this membership is closed.',
  })
  userAccountAnonymised: boolean;

  @ApiProperty({ example: 1 })
  sessionsRevoked: number;

  @ApiProperty({ example: 0 })
  oneTimeTokensDeleted: number;

  @ApiProperty({ example: 1, description: 'Mails to the participant that were not (or not successfully) sent: removed.' })
  mailMessagesDeleted: number;

  @ApiProperty({ example: 3, description: 'Sent mails: kept as delivery records only (no address, subject or body).' })
  mailMessagesAnonymised: number;
}

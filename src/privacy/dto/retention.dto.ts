import { ApiProperty } from '@nestjs/swagger';
import { ExplanationDto } from '../../consents/dto/consent.dto.js';

export class RetentionRuleDto {
  @ApiProperty({ example: 'audit_log' })
  category: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'P5Y',
    description: 'ISO 8601 duration; null for anonymised records kept for statistics.',
  })
  retention: string | null;

  @ApiProperty({ example: 'AVG art. 5(2) en 32 (verantwoordingsplicht, beveiliging); NEN 7513 (logging van toegang tot persoonsgegevens)' })
  legalBasis: string;

  @ApiProperty({ type: ExplanationDto, example: { nl: 'vanaf het moment van de handeling', en: 'from the moment of the action' } })
  startsAt: ExplanationDto;

  @ApiProperty({
    type: ExplanationDto,
    example: {
      nl: 'We bewaren 5 jaar wie uw gegevens heeft bekeken of gewijzigd, en wanneer.',
      en: 'For 5 years we keep who looked at or changed your data, and when.',
    },
  })
  explanation: ExplanationDto;
}

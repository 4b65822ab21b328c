import { IsIn, IsNotEmpty, IsOptional, IsString, Length } from 'class-validator';
import { SingleLine } from '../../../platform/http/line-breaks.js';

export const LEVEL_CHOICES = ['low', 'substantial', 'high'] as const;

/** A sign-in service (OpenID Connect broker) as the admin's form sends it; the service checks the rest. */
export class CreateOidcProviderDto {
  @IsString()
  @Length(1, 100)
  @SingleLine()
  label: string;

  @IsString()
  @IsNotEmpty()
  @SingleLine()
  issuer: string;

  @IsString()
  @IsNotEmpty()
  @SingleLine()
  clientId: string;

  @IsString()
  @IsNotEmpty()
  @SingleLine()
  clientSecret: string;

  @IsOptional()
  @IsString()
  @SingleLine()
  scopes?: string;

  @IsOptional()
  @IsString()
  @SingleLine()
  subjectClaim?: string;

  @IsOptional()
  @IsString()
  @SingleLine()
  kvkClaim?: string;

  /** The broker's `acr` value for each level of assurance; at least one (the service checks). */
  @IsOptional()
  @IsString()
  @SingleLine()
  acrLow?: string;

  @IsOptional()
  @IsString()
  @SingleLine()
  acrSubstantial?: string;

  @IsOptional()
  @IsString()
  @SingleLine()
  acrHigh?: string;

  @IsOptional()
  @IsIn(LEVEL_CHOICES)
  participantMin?: (typeof LEVEL_CHOICES)[number];

  @IsOptional()
  @IsIn(LEVEL_CHOICES)
  employerMin?: (typeof LEVEL_CHOICES)[number];
}

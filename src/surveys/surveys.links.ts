import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../platform/config/app.config.js';

/** The pages surveys serve: the answer page behind the mail's link (no sign-in), and the signed-in one. */
@Injectable()
export class SurveyLinks {
  constructor(@Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>) {}

  /** For the mail: the token is the only key, so it goes in the link once and is stored hashed. */
  answer(token: string): string {
    return `${this.app.publicUrl}/portal/survey?token=${encodeURIComponent(token)}`;
  }

  /** For the signed-in participant's or employer user's own pages. */
  static forActor(invitationId: string): string {
    return `/portal/surveys/${invitationId}`;
  }
}

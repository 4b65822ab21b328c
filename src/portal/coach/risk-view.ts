import { RISK_ACTIONS, RiskFollowUpDto, type PlacementRiskDto } from '../../aftercare/dto/risk.dto.js';
import type { InvalidParam } from '../../platform/http/problem.js';
import { type FormBody, parseForm, submitOrShowAgain } from '../form.js';
import type { FormErrors } from '../portal-context.js';
import './coach-risks.i18n.js';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * A warning as the coach's and team lead's pages show it: its state in words,
 * and what was done about it (the action, when, by whom, the note), so a
 * follow-up once saved stays visible on every page that shows the warning.
 */
export function riskView<T extends PlacementRiskDto>(
  risk: T,
  t: Translate,
  form?: { values?: Record<string, unknown>; errors?: FormErrors },
  formAction = `/portal/placements/${risk.placementId}/risks/${risk.id}`,
): T & {
  formAction: string;
  stateLabel: string;
  followUp?: { action: string; at: string; by: string | null; note: string | null };
  seen?: { at: string; by: string | null };
  actions: Array<{ value: string; label: string }>;
  values?: Record<string, unknown>;
  errors?: FormErrors;
} {
  return {
    ...risk,
    stateLabel: t(`risk.state.${risk.state}`),
    formAction,
    followUp:
      risk.actionTaken && risk.actionAt
        ? { action: t(`risk.action.${risk.actionTaken}`), at: risk.actionAt, by: risk.actionByName, note: risk.actionNote }
        : undefined,
    // Only seen (no action yet): say who saw it and when.
    seen: !risk.actionAt && risk.acknowledgedAt ? { at: risk.acknowledgedAt, by: risk.acknowledgedByName } : undefined,
    actions: RISK_ACTIONS.map((action) => ({ value: action, label: t(`risk.action.${action}`) })),
    ...(form ?? {}),
  };
}

/** A warning's follow-up form as posted, to show again with its errors. */
export interface RiskFormState {
  riskId: string;
  values: Record<string, unknown>;
  params: InvalidParam[];
}

/**
 * The follow-up form of a warning, posted from Vandaag or from the placement
 * page: checked, recorded, then `saved()` (the page's redirect); bad input or a
 * refusal shows the posting page again with what was typed.
 */
export async function recordRiskFollowUp(
  riskId: string,
  body: FormBody,
  record: (value: RiskFollowUpDto) => Promise<unknown>,
  saved: () => void,
  showAgain: (form: RiskFormState, status: number) => Promise<void>,
): Promise<void> {
  const values = { action: body.action, note: body.note, resolve: body.resolve };
  const { value, invalidParams } = await parseForm(RiskFollowUpDto, values as FormBody, { resolve: 'boolean' });
  if (!value) return showAgain({ riskId, values, params: invalidParams }, 400);
  await submitOrShowAgain(
    async () => {
      await record(value);
      saved();
    },
    (params) => showAgain({ riskId, values, params }, 422),
  );
}

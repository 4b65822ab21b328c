/**
 * The today view's statements ($1 organisation, $2 the coach's membership;
 * check-ins $3 today's date, help requests $3 the open statuses, handovers $3
 * now), shared with the benchmark's floor server so both run the same SQL.
 */

/** How far ahead the today view looks for check-ins and handovers. */
const CHECKIN_HORIZON_DAYS = 7;
const HANDOVER_HORIZON_DAYS = 14;
/** Placements that no longer need aftercare work. */
export const ENDED_PLACEMENT = "('closed', 'dropped_out', 'no_match')";

// Check-ins carry their coach (planned with the placement's, moved on reassignment), so the
// (coach, status, due) index answers this without scanning the organisation's check-ins.
export const TODAY_CHECKINS_SQL = `SELECT c.id AS "checkinId", c.placement_id AS "placementId", to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn",
              p.id AS "participantId", p.first_name || ' ' || p.last_name AS "participantName", e.name AS "employerName",
              EXISTS (SELECT 1 FROM checkin_preparation cp WHERE cp.checkin_id = c.id) AS prepared
         FROM checkin c
         JOIN placement pl ON pl.id = c.placement_id
         JOIN participant p ON p.id = pl.participant_id
         JOIN employer e ON e.id = pl.employer_id
        WHERE c.coach_membership_id = $2 AND c.organisation_id = $1
          AND c.status = 'planned' AND c.due_on <= $3::date + ${CHECKIN_HORIZON_DAYS}
          AND p.erased_at IS NULL AND pl.status NOT IN ${ENDED_PLACEMENT}
        ORDER BY c.due_on, "participantName", c.id`;

export const TODAY_HELP_REQUESTS_SQL = `SELECT hr.id, hr.urgency, hr.status, hr.participant_id AS "participantId", hr.created_at AS "createdAt",
              hr.acknowledge_by AS "acknowledgeBy", hr.escalated_at AS "escalatedAt", hr.category, hr.requester_role AS "requesterRole",
              CASE WHEN hr.requester_role = 'participant' AND hr.participant_id IS NOT NULL THEN p.first_name || ' ' || p.last_name
                   ELSE u.display_name END AS "requesterName",
              e.name AS "employerName"
         FROM help_request hr
         JOIN user_account u ON u.id = hr.requester_user_id
         LEFT JOIN participant p ON p.id = hr.participant_id
         LEFT JOIN employer e ON e.id = hr.employer_id
        WHERE hr.organisation_id = $1 AND hr.assigned_membership_id = $2 AND hr.status = ANY($3)
        ORDER BY CASE hr.urgency WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, hr.created_at, hr.id`;

// Signals: the placement's risk flags, and what the latest recorded check-in noted (lateness counts even when it is not a flag yet).
export const TODAY_RISK_FLAGS_SQL = `SELECT pl.id AS "placementId", p.id AS "participantId", p.first_name || ' ' || p.last_name AS "participantName", e.name AS "employerName",
                cardinality(pl.risk_flag_reasons) AS "reasonCount", pl.risk_flag_reasons AS "riskReasons", pl.risk_flag_raised_at AS "raisedAt",
                pl.last_contact_at AS "lastContactAt", coalesce(lc.signals, '{}') AS "lastSignals", to_char(lc.held_on, 'YYYY-MM-DD') AS "lastCheckinOn"
           FROM placement pl
           JOIN participant p ON p.id = pl.participant_id
           JOIN employer e ON e.id = pl.employer_id
           LEFT JOIN LATERAL (SELECT c.signals, c.held_on FROM checkin c
                               WHERE c.placement_id = pl.id AND c.status = 'done' ORDER BY c.held_on DESC NULLS LAST, c.id DESC LIMIT 1) lc ON true
          WHERE pl.organisation_id = $1 AND pl.coach_membership_id = $2
            AND (cardinality(pl.risk_flag_reasons) > 0 OR cardinality(lc.signals) > 0)
            AND p.erased_at IS NULL AND pl.status NOT IN ${ENDED_PLACEMENT}
          ORDER BY pl.risk_flag_raised_at NULLS LAST, "participantName", pl.id`;

export const TODAY_HANDOVERS_SQL = `SELECT hm.id AS "handoverMeetingId", pl.id AS "placementId", p.id AS "participantId", p.first_name || ' ' || p.last_name AS "participantName",
                e.name AS "employerName", hm.starts_at AS "startsAt",
                hm.participant_confirmed_at IS NOT NULL AS "participantConfirmed", hm.employer_confirmed_at IS NOT NULL AS "employerConfirmed"
           FROM handover_meeting hm
           JOIN placement pl ON pl.id = hm.placement_id
           JOIN participant p ON p.id = pl.participant_id
           JOIN employer e ON e.id = pl.employer_id
          WHERE hm.organisation_id = $1 AND pl.coach_membership_id = $2 AND hm.status = 'scheduled' AND hm.completed_at IS NULL
            AND hm.starts_at >= $3 AND hm.starts_at < $3::timestamptz + interval '${HANDOVER_HORIZON_DAYS} days' AND p.erased_at IS NULL
          ORDER BY hm.starts_at, hm.id`;

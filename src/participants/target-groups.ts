/**
 * The scheme a participant's trajectory falls under (doelgroep): the
 * Participatiewet (bijstand, loonkostensubsidie), the banenafspraak
 * (doelgroepregister), Wajong, a Wsw-indicatie (beschut werk), WIA/WGA, or other.
 */
export const TARGET_GROUPS = ['participatiewet', 'banenafspraak', 'wajong', 'wsw_indicatie', 'wia_wga', 'other'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

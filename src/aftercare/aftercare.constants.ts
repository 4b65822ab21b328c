/** How a contact with participant or employer took place; shared by entities, DTOs and portal forms. */
export const CONTACT_CHANNELS = ['visit', 'phone', 'video', 'app', 'email'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

import type { PageServerLoad } from './$types';

/** Public: the toegankelijkheidsverklaring, with the contact from ACCESSIBILITY_CONTACT. */
export const load: PageServerLoad = ({ locals }) => ({ contacts: locals.config.accessibilityContacts });

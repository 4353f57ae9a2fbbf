import type { invitationsNl } from './invitations.nl';

/** English messages for the invitations pages. Same keys as invitations.nl.ts. */
export const invitationsEn: Record<keyof typeof invitationsNl, string> = {
	'invitations.pageTitle': 'Participants and invitations'
};

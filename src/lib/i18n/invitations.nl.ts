/** Dutch messages for the invitations pages. Part of the catalogue in nl.ts. */
export const invitationsNl = {
	'invitations.pageTitle': 'Deelnemers en uitnodigingen'
} as const;

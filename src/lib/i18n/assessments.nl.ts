/** Dutch messages for the assessments pages. Part of the catalogue in nl.ts. */
export const assessmentsNl = {
	'assessments.pageTitle': 'Toetsingen'
} as const;

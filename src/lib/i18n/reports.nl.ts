/** Dutch messages for the reports pages. Part of the catalogue in nl.ts. */
export const reportsNl = {
	'reports.pageTitle': 'Verslag'
} as const;

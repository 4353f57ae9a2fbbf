import type { reportsNl } from './reports.nl';

/** English messages for the reports pages. Same keys as reports.nl.ts. */
export const reportsEn: Record<keyof typeof reportsNl, string> = {
	'reports.pageTitle': 'Report'
};

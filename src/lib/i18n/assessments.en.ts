import type { assessmentsNl } from './assessments.nl';

/** English messages for the assessments pages. Same keys as assessments.nl.ts. */
export const assessmentsEn: Record<keyof typeof assessmentsNl, string> = {
	'assessments.pageTitle': 'Assessments'
};

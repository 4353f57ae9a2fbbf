import type { scoringNl } from './scoring.nl';

/** English messages for providers and assessments. Same keys as scoring.nl.ts. */
export const scoringEn: Record<keyof typeof scoringNl, string> = {
	'error.provider.exists': 'A provider with this name is already in the register.',
	'error.provider.conflict': 'Someone else has just changed this provider. Reload the page and try again.',
	'error.assessment.draftVersion': 'Assessments are only possible against a published version of the framework. This version is still a draft.',
	'error.assessment.final': 'This assessment is final. It can only change through an amendment with a reason.',
	'error.assessment.notFinal': 'This assessment is not final yet. Just change the scores.',
	'error.assessment.conflict': 'Someone else has just changed this requirement. Reload the page and try again.',
	'error.assessment.reasonRequired': 'Write down why this requirement applies differently than the kind of provider suggests.',
	'error.assessment.trustMotivation': 'Write down what your judgement of this behaviour rests on.',
	'error.assessment.motivationRequired': 'If you deviate from the decision rule, write down why.',
	'error.assessment.outcomeRequired': 'Choose the outcome you decide on.',
	'error.assessment.deviationSame': 'This is the outcome of the decision rule. Choose “accept” or another outcome.',
	'error.assessment.unscored': '{count} requirements have no score yet: {list}. Score every requirement that applies first.',
	'error.assessment.nothingAssessed': 'No requirement was assessed. Without scores there is no outcome.',
	'error.assessment.notApplicable': 'This requirement does not apply to this provider and has no score.',
	'error.assessment.levelRequired': 'Choose a score.',
	'error.promotion.reportNotFinal': 'Criteria can be taken over once the session’s report is final.',
	'error.promotion.decided': 'This criterion has already been decided on.',
	'error.promotion.notDraft': 'Choose a theme in a draft version. A published version no longer changes.',
	'error.assessment.noChange': 'Nothing has changed.'
};

import type { Translation } from './core';
import type { scoringNl } from './scoring.nl';

/** English messages for providers and assessments. Same keys as scoring.nl.ts. */
export const scoringEn: Translation<typeof scoringNl> = {
	'error.provider.exists': 'A provider with this name is already in the register.',
	'error.provider.conflict': 'Someone else has just changed this provider. Reload the page and try again.',
	'error.assessment.draftVersion':
		'Assessments are only possible against a published version of the framework. This version is still a draft.',
	'error.assessment.final': 'This assessment is final. It can only change through an amendment with a reason.',
	'error.assessment.notFinal': 'This assessment is not final yet. Just change the scores.',
	'error.assessment.conflict': 'Someone else has just changed this requirement. Reload the page and try again.',
	'error.assessment.reasonRequired': '{requirement}: write down why this requirement applies differently than expected. Nothing was saved.',
	'error.assessment.noProviderRequirements':
		'This version of the framework has no requirements for care providers. All its requirements are for the municipality. Choose another framework.',
	'error.assessment.guardianParentMissing':
		'For {provider} it is not recorded whether the relative is the parent with authority. This is needed for {list}. Fill it in at the provider first.',
	'error.assessment.dayCareMissing':
		'For {provider} it is not recorded whether there is day care. This is needed for {list}. Fill it in at the provider first.',
	'error.provider.guardianWithoutInformal':
		'A parent with authority is only possible with a personal budget for a relative. Also tick personal budget, relative.',
	'error.assessment.trustMotivation': 'Write down what your judgement of this behaviour rests on.',
	'error.assessment.motivationRequired': 'If you deviate from the decision rule, write down why.',
	'error.assessment.outcomeRequired': 'Choose the outcome you decide on.',
	'error.assessment.deviationSame': 'This is the outcome of the decision rule. Choose “accept” or another outcome.',
	'error.assessment.unscored': {
		one: '{count} requirement has no score yet: {list}. Score every requirement that applies first.',
		other: '{count} requirements have no score yet: {list}. Score every requirement that applies first.'
	},
	'error.assessment.nothingAssessed': 'No requirement was assessed. Without scores there is no outcome.',
	'error.assessment.notApplicable': 'This requirement does not apply to this provider and has no score.',
	'error.assessment.levelRequired': 'Choose a score.',
	'error.promotion.reportNotFinal': 'Criteria can be taken over once the session’s report is final.',
	'error.promotion.decided': 'This criterion has already been decided on.',
	'error.promotion.notDraft': 'Choose a theme in a draft version. A published version no longer changes.',
	'error.thresholds.decimals': 'Use a percentage with at most one decimal.',
	'error.thresholds.order': 'The limit for sufficient may not be higher than the limit for good.',
	'error.assessment.noChange': 'Nothing has changed.',
	'scoring.level.meets': 'Meets',
	'scoring.level.largely': 'Largely meets',
	'scoring.level.largely_not': 'Largely does not meet',
	'scoring.level.not': 'Does not meet',
	'scoring.outcome.good': 'Good',
	'scoring.outcome.sufficient': 'Sufficient',
	'scoring.outcome.insufficient': 'Insufficient',
	'scoring.csv.applies': 'Applies',
	'scoring.csv.reason': 'Reason',
	'scoring.csv.level': 'Judgement',
	'scoring.csv.score': 'Score',
	'scoring.csv.evidence': 'Evidence seen',
	'scoring.csv.explanation': 'Explanation',
	'scoring.csv.summary': 'Summary',
	'scoring.csv.assessed': 'Requirements assessed',
	'scoring.csv.sum': 'Sum of the scores',
	'scoring.csv.share': 'Share',
	'scoring.csv.arithmetic': 'Computation',
	'scoring.csv.outcome': 'Outcome',
	'scoring.csv.overall': 'Total',
	'scoring.csv.notAssessed': 'Not assessed',
	'scoring.csv.flagged': 'Below the threshold for a theme ({threshold})',
	'scoring.csv.proposal': 'Proposal by the decision rule: {outcome}',
	'scoring.csv.unscored': 'Not scored yet',
	'scoring.csv.thresholds': 'Decision rule',
	'scoring.csv.boundaryRule':
		'Good: more than {good}. Sufficient (improvement plan and retest): from {sufficient} up to and including {good}. Insufficient: less than {sufficient}. A theme below {theme} stands out.',
	'scoring.csv.decision': 'Decision',
	'scoring.csv.accepted': 'Proposal accepted: {outcome}',
	'scoring.csv.deviated': 'Deviated from the proposal: {outcome}. Motivation: {motivation}'
};

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
	'error.assessment.changedMeanwhile':
		'Someone else saved this in the meantime. Your change was not saved; what you entered is still in the form. Look at what is there now, then save again.',
	'error.assessment.conflict':
		'Someone else has just changed this requirement. Your change was not saved; what you entered is still in the form. Look at what is there now, then save again.',
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
	'error.assessment.proposalChanged':
		'Someone changed scores after you opened this page, and so the proposal changed. Look at the proposal again, then choose.',
	'error.assessment.notApplicable': 'This requirement does not apply to this provider and has no score.',
	'error.assessment.levelRequired': 'Choose a score.',
	'error.promotion.reportNotFinal': 'Criteria can be taken over once the session’s report is final.',
	'error.promotion.decided': 'This criterion has already been decided on.',
	'error.promotion.notDraft': 'Choose a theme in a draft version. A published version no longer changes.',
	'error.thresholds.decimals': 'Use a percentage with at most one decimal.',
	'error.thresholds.order': 'The limit for sufficient may not be higher than the limit for good.',
	'error.assessment.noChange': 'Nothing has changed.',
	'error.assessment.dateTooFar': 'This date is more than a year ahead. Check the year.',
	'error.assessment.dateFuture': 'This date is in the future. Fill in the day the plan came in: today or earlier.',
	'error.assessment.dateTooEarly': 'This date is before {date}. Check the year.',
	'error.assessment.dueTooFar': 'This date is more than five years after the assessment. Check the year.',
	'error.assessment.noFollowUpWhenGood':
		'With the outcome good there is no improvement plan and no retest: contract management follows. Leave this date empty.',
	'error.assessment.beforeAssessment': 'This date is before the assessment ({date}). Choose a later date.',
	'error.assessment.retestBeforePlan': 'The retest can only come after the improvement plan ({date}). Choose a later date.',
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
	'scoring.csv.deviated': 'Deviated from the proposal: {outcome}. Motivation: {motivation}',
	'scoring.band.text': '{source}: {range} of the indicators met',
	'scoring.band.aboveThrough': 'more than {min} % up to and including {max} %',
	'scoring.band.aboveUntil': 'more than {min} % and less than {max} %',
	'scoring.band.fromThrough': '{min} % up to and including {max} %',
	'scoring.band.fromUntil': '{min} % up to but not including {max} %',
	'scoring.band.below': 'less than {max} %',
	'scoring.csv.band': 'Band',
	'scoring.csv.levels': 'Levels',
	'scoring.csv.unmet': '% not met',
	'scoring.unmet.value': {
		one: '{percent}: {count} of {assessed} assessed requirements is largely not or not met',
		other: '{percent}: {count} of {assessed} assessed requirements are largely not or not met'
	},
	'scoring.unmet.none': 'Nothing assessed yet',
	'method.link': 'How do we calculate?',
	'method.title': 'How do we calculate?',
	'method.intro':
		'This page explains how Kwaliteitsdialoog calculates the outcome of an assessment, and why on a few points we come out differently from the tables in the afwegingskader (Toetsingskader 2019 NMD Wmo en Jeugdzorg, chapter 3).',
	'method.steps.title': 'How we calculate',
	'method.steps.level': 'You give every requirement that applies one of four levels. Each level has a score: 1, 0.75, 0.25 or 0.',
	'method.steps.sum': 'We add up the scores and divide by the number of requirements assessed. That is the share, as a percentage.',
	'method.steps.notApplicable': 'A requirement that does not apply to this provider does not count, not in the number either.',
	'method.steps.themes': 'We do the same per theme.',
	'method.steps.exact': 'We compare the exact share with the boundaries. We round only to show the number.',
	'method.rule.title': 'The decision rule',
	'method.rule.intro':
		'The afwegingskader says: more than 75 % is good, less than 65 % is insufficient. In between is sufficient. This is how we apply it:',
	'method.rule.boundaries':
		'So exactly {good} % is sufficient, not good. Exactly {sufficient} % is sufficient, not insufficient. A theme stands out when it is below {theme} %.',
	'method.rule.custom': 'This assessment uses the boundaries that applied when it started: {good} % and {sufficient} % (theme: {theme} %).',
	'method.rule.deviate':
		'The decision rule makes a proposal. The quality manager may deviate from it, with a motivation. The afwegingskader says so too.',
	'method.bands.title': 'What the four levels mean',
	'method.bands.intro':
		'The afwegingskader gives each level a band: the share of a requirement’s indicators met. The source does not say which level a boundary belongs to. We read the boundaries like the decision rule.',
	'method.bands.caption': 'The four levels with their score and band',
	'method.bands.level': 'Level',
	'method.bands.score': 'Score',
	'method.bands.band': 'Band',
	'method.bands.boundaries':
		'So exactly 75 % is “largely meets”. Exactly 65 % is also “largely meets”. Exactly 45 % is “largely does not meet”.',
	'method.source.title': 'Where the source contradicts itself',
	'method.source.intro': 'On a few points the afwegingskader says two things. This is what we chose, and why:',
	'method.source.table.title': '29 of the 45 requirements',
	'method.source.table.text':
		'The table calls “29 to 34 of the 45” sufficient. But 29 of 45 is 64.4 %. The text says less than 65 % is insufficient. We follow the text: 29 of 45 is insufficient. From 29.25 of 45 (exactly 65 %) it is sufficient. Why: the text is the decision rule itself, in percentages. The table is a rounded translation into counts.',
	'method.source.scores.title': 'The boundaries per theme',
	'method.source.scores.text':
		'The afwegingskader gives a SCORE per theme that would be below 65 %. For three themes that is not so: Doelmatigheid 4 of 6 is 66.7 %, Doeltreffendheid 3.25 of 5 is exactly 65.0 % and Cliëntgerichtheid 8.5 of 13 is 65.4 %. That is not less than 65 %. So we do not make those themes stand out at these scores. With us a theme stands out from 3.75 of 6 (62.5 %), 3 of 5 (60.0 %) and 8.25 of 13 (63.5 %). For Veiligheid (11.5 of 18 is 63.9 %) and Leefklimaat (1.25 of 2 is 62.5 %) text and SCORE agree.',
	'method.source.count.title': '44 or 45 requirements',
	'method.source.count.text':
		'Chapter 2 says the Drents kwaliteitskader has 44 requirements (18, 6, 5, 13 and 2) and lists 44. The decision rule speaks of 45. We use the 44 requirements the source lists. We always calculate in percentages of the requirements actually assessed. The source says so under the table too: “the total may differ in absolute numbers”.',
	'method.source.sum.title': 'Counting requirements or adding scores',
	'method.source.sum.text':
		'The table counts requirements that are sufficient. But the afwegingskader also gives each requirement a score (1, 0.75, 0.25 or 0), and the boundaries per theme are scores. So we add up the scores.',
	'method.assessment.title': 'The calculation of this assessment',
	'method.assessment.intro': '{provider}, assessment of {date}.',
	'method.assessment.back': 'Back to the assessment',
	'method.assessment.overall': 'Total',
	'method.assessment.outcome': 'Proposal of the decision rule',
	'method.assessment.unmet': '% not met',
	'method.assessment.caption': 'Per theme: the sum of the scores, the number of requirements assessed and the share',
	'method.assessment.theme': 'Theme',
	'method.assessment.arithmetic': 'Calculation',
	'method.assessment.flag': 'Below {theme} %?',
	'method.assessment.flagged': 'Yes, stands out',
	'method.assessment.notFlagged': 'No',
	'method.assessment.nothing': 'Not assessed',
	'method.assessment.none': 'No outcome yet: nothing has been assessed.',
	'method.assessment.notApplicable': {
		one: '{count} requirement does not apply to this provider and does not count.',
		other: '{count} requirements do not apply to this provider and do not count.'
	},
	'method.assessment.unscored': {
		one: '{count} requirement has no score yet. It does not count yet.',
		other: '{count} requirements have no score yet. They do not count yet.'
	},
	'error.retest.notFinal': 'An improvement plan and a retest follow a final assessment. Finish the assessment first.',
	'error.retest.noPlanAsked': 'With the outcome Good no improvement plan is needed. Contract management monitors the provider.',
	'error.retest.motivationRequired': 'Write down why the improvement plan is not good enough, so the provider knows what to improve.',
	'error.retest.planBeforeAssessment': 'The improvement plan cannot have arrived before the day of the assessment. Choose a later date.',
	'error.retest.alreadyStarted': 'The retest has started. The judgement of the improvement plan no longer changes.',
	'error.retest.planRejected': 'The improvement plan was rejected. The provider improves the plan first; then record your new judgement.',
	'error.retest.planNotJudged': 'Judge the improvement plan first. The retest follows after that.',
	'error.retest.beforePlan': 'The retest cannot be before the day the improvement plan arrived. Choose a later date.'
};

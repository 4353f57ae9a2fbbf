import type { Translation } from './core';
import type { promotionNl } from './promotion.nl';

/** English messages for promotion and the version overview. Same keys as promotion.nl.ts. */
export const promotionEn: Translation<typeof promotionNl> = {
	'promotion.pageTitle': 'Taking criteria into the framework',
	'promotion.list.intro':
		'These are the sessions with a final report. Choose a session. For each criterion you decide: take it in as a new requirement, merge it with an existing requirement, or do not take it in.',
	'promotion.mergeNote': 'Supplemented with a criterion from the session “{title}” ({date}): “{text}”',
	'promotion.list.empty': 'There is no session with a final report yet.',
	'promotion.list.caption': 'Sessions with a final report',
	'promotion.list.session': 'Session',
	'promotion.list.held': 'Held on',
	'promotion.list.final': 'Report final on',
	'promotion.list.open': 'Criteria',
	'promotion.list.allDone': 'All {total} criteria have been decided',
	'promotion.list.openCount': '{open} of {total} criteria still open',

	'promotion.session.title': 'Criteria from “{title}”',
	'promotion.session.back': 'Back to all sessions',
	'promotion.session.intro':
		'These are the criteria of the final report, by theme. Decide for each criterion what happens to it. A new or changed requirement goes into a draft of a framework. Then you publish that draft.',

	'promotion.provenance.title': 'What is kept',
	'promotion.provenance.intro': 'With every requirement you take in, we keep where it came from:',
	'promotion.provenance.session': 'Session',
	'promotion.provenance.date': 'Date',
	'promotion.provenance.perspectives': 'Who took part',
	'promotion.provenance.original': 'Original wording',
	'promotion.provenance.originalValue': 'The text of the criterion, as in the final report.',

	'promotion.drafts.title': 'Drafts to publish',
	'promotion.drafts.intro': 'Criteria from this session are in these drafts. Only after publishing can you assess providers with them.',
	'promotion.drafts.view': 'View draft',
	'promotion.drafts.publish': 'Publish',
	'promotion.draftGroup': '{framework}, draft {label}',

	'promotion.criterion.title': 'Criterion {n}',
	'promotion.criterion.status': 'In the report',
	'promotion.criterion.agreed': 'Agreed',
	'promotion.criterion.provisional': 'Provisional',
	'promotion.criterion.state': 'What happens to it',
	'promotion.criterion.where': '{requirement} in {theme} ({framework}, version {label})',
	'promotion.criterion.reason': 'Reason',
	'promotion.state.open': 'Not decided yet',
	'promotion.state.promoted': 'Taken in as a new requirement',
	'promotion.state.merged': 'Merged with a requirement',
	'promotion.state.not_promoted': 'Not taken in',

	'promotion.action.promote': 'Take in as a new requirement',
	'promotion.action.merge': 'Merge with a requirement',
	'promotion.action.decline': 'Do not take in',
	'promotion.cancel': 'Cancel',
	'promotion.reopen': 'Look at it again',

	'promotion.promote.title': 'Take in as a new requirement',
	'promotion.promote.intro':
		'Choose the theme the requirement belongs to. It may be a theme of another framework. Then rewrite the criterion as a requirement.',
	'promotion.promote.theme': 'Theme in a draft',
	'promotion.promote.themeHint': 'You only see themes of drafts. A published version does not change any more.',
	'promotion.promote.chooseTheme': 'Choose a theme',
	'promotion.promote.noDraft': '{framework} has no draft yet. You can make a draft from version {label}.',
	'promotion.promote.createDraft': 'Make a draft',
	'promotion.promote.noDrafts': 'There is no draft yet. Make a draft first.',
	'promotion.promote.submit': 'Add the requirement to the draft',

	'promotion.merge.title': 'Merge with a requirement',
	'promotion.merge.intro':
		'Choose a requirement of a draft. Then change the wording of that requirement. The requirement keeps its own origin. Its note will say that this criterion was added.',
	'promotion.merge.requirement': 'Requirement in a draft',
	'promotion.merge.requirementHint': 'The requirements are listed by theme.',
	'promotion.merge.chooseRequirement': 'Choose a requirement',
	'promotion.merge.group': '{framework}, draft {label}: {theme}',
	'promotion.merge.choose': 'Choose this requirement',
	'promotion.merge.chosen': 'Chosen requirement',
	'promotion.merge.submit': 'Save the merge',

	'promotion.decline.title': 'Do not take in',
	'promotion.decline.reason': 'Why do you not take this criterion in?',
	'promotion.decline.reasonHint': 'The reason is listed at the bottom of this page, so it stays visible what happened to every criterion.',
	'promotion.decline.submit': 'Save the reason',

	'promotion.declined.title': 'Criteria not taken in',
	'promotion.declined.empty': 'There are no criteria you do not take in (yet).',

	'promotion.done.promoted': 'The criterion is now a requirement in the draft.',
	'promotion.done.merged': 'The criterion has been merged with the requirement.',
	'promotion.done.declined': 'Saved: you do not take this criterion in.',
	'promotion.done.reopened': 'You can look at this criterion again.',
	'promotion.done.draftCreated': 'The draft has been made. Now choose the theme.',
	'promotion.done.viewDraft': 'View and publish the draft ({framework}, {label})',

	'versionOverview.link': 'Overview of the providers',
	'versionOverview.title': 'Providers assessed with {framework}, version {label}',
	'versionOverview.breadcrumb': 'Overview of the providers',
	'versionOverview.draft': 'This is a draft. An overview exists only for a published version.',
	'versionOverview.empty': 'There is no completed assessment with this version yet.',
	'versionOverview.intro':
		'For each provider, the latest completed assessment with this version. You see the score per theme, the overall score and the outcome. Click a provider for the full report, with the explanation of every number.',
	'versionOverview.caption': 'Scores per provider, version {label}',
	'versionOverview.provider': 'Provider',
	'versionOverview.date': 'assessed on {date}',
	'versionOverview.overall': 'Overall',
	'versionOverview.outcome': 'Outcome',
	'versionOverview.notAssessed': 'not assessed',
	'versionOverview.flagged': 'below the limit',
	'versionOverview.deviated': 'deviated from the proposal ({proposed})',
	'versionOverview.legend':
		'“Below the limit” means: this theme scores lower than the limit for a theme. That can lead to a measure. A dash means: not assessed.'
};

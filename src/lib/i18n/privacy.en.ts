import type { Translation } from './core';
/** English messages for privacy: retention, a person's requests about their data, the audit log. Part of the catalogue in en.ts. */
import type { privacyNl } from './privacy.nl';

export const privacyEn: Translation<typeof privacyNl> = {
	'privacy.notice.planned':
		'Personal data will be removed on {date}. The participants\' names then become "Deelnemer 1", "Deelnemer 2" and so on. Their e-mail addresses and phone numbers are erased.',
	'privacy.notice.moves': 'When the report becomes final, this date moves: to {months} months after that day.',
	'privacy.notice.done': 'Personal data was removed on {date}. The participants are now called "Deelnemer 1", "Deelnemer 2" and so on.',

	'privacy.nav': 'Privacy',
	'privacy.title': "Privacy: a person's data",
	'privacy.intro':
		'Does someone ask which data we hold about them? Or ask us to remove it? Look the person up here. You can download the data or remove it.',
	'privacy.auditLink': 'See who viewed or downloaded reports',
	'privacy.search.title': 'Find a person',
	'privacy.search.label': 'E-mail address or name',
	'privacy.search.hint':
		'With an e-mail address you search for exactly that address. With a name you find everyone whose name contains it. What you search for is not stored anywhere.',
	'privacy.search.submit': 'Search',
	'privacy.results.title': 'Found',
	'privacy.results.caption': 'Participants that match your search',
	'privacy.results.count': 'Found {count} times. Choose who it is. The same person may have taken part in several sessions.',
	'privacy.results.none': 'Nobody found. Check the spelling or search for part of the name.',
	'privacy.results.choose': 'Choose',
	'privacy.results.chooseRecord': 'Choose {name} in {session}',
	'privacy.results.name': 'Name',
	'privacy.results.email': 'E-mail address',
	'privacy.results.session': 'Session',
	'privacy.results.date': 'Date',
	'privacy.results.role': 'Role',
	'privacy.results.state': 'State',
	'privacy.results.active': 'data present',
	'privacy.results.removed': 'removed from the list',
	'privacy.results.pseudonymised': 'already removed',
	'privacy.results.noDate': 'no date',
	'privacy.download': 'Download data',
	'privacy.download.hint':
		'You get a file (JSON) with everything stored about the chosen participants. Only give it to the person themselves.',
	'privacy.erase': 'Remove data',
	'privacy.erase.confirmTitle': 'Are you sure?',
	'privacy.erase.confirmText':
		'You are removing the data of {count:counts.participants}. Name, e-mail address, phone number and notes are erased. The name becomes "Deelnemer" with a number. Personal links stop working. Mail to this person is emptied. Comments on the report stay, but without a name. This cannot be undone.',
	'privacy.erase.confirmCheck': 'Yes, I want to remove this data',
	'privacy.erase.confirmSubmit': 'Remove for good',
	'privacy.erase.cancel': 'Do not remove',
	'privacy.erase.done': 'The data of {count:counts.participants} has been removed.',

	'privacy.audit.title': 'Who viewed reports?',
	'privacy.audit.intro':
		'Here you see who viewed or downloaded a report or an assessment, and what happened to personal data. The newest is at the top.',
	'privacy.audit.filter': 'Show',
	'privacy.audit.all': 'everything',
	'privacy.audit.show': 'Show',
	'privacy.audit.caption': 'Viewed, downloaded and removed',
	'privacy.audit.when': 'When',
	'privacy.audit.who': 'Who',
	'privacy.audit.what': 'What',
	'privacy.audit.about': 'About',
	'privacy.audit.none': 'There is nothing to show yet.',
	'privacy.audit.more': 'Older lines',
	'privacy.audit.participant': 'participant (number {id})',
	'privacy.audit.system': 'the app itself',
	'privacy.audit.unknownUser': 'account {id}',
	'privacy.audit.records': { one: '{count} participant: number {ids}', other: '{count} participants: numbers {ids}' },
	'privacy.audit.reportOf': 'report of {title}',
	'privacy.audit.assessmentOf': 'assessment of {title}',
	'privacy.audit.sessionOf': 'session {title}',
	'privacy.audit.backToPrivacy': 'Back to privacy',
	'privacy.action.report.view': 'report viewed',
	'privacy.action.report.export': 'report downloaded',
	'privacy.action.assessment.view': 'assessment viewed',
	'privacy.action.assessment.export': 'assessment downloaded',
	'privacy.action.privacy.export': "a person's data downloaded",
	'privacy.action.privacy.erase': "a person's data removed",
	'privacy.action.privacy.retention': 'personal data removed after the retention period',

	'error.privacy.term': 'Enter an e-mail address or a name of at least 2 characters.',
	'error.privacy.documents':
		'The personal data has been removed, but the shared documents of the session still refer to the participant. Remove the same participants below once more.',
	'error.privacy.noneChosen': 'First choose one or more participants.',
	'error.privacy.confirm': 'First tick "Yes, I want to remove this data".'
};

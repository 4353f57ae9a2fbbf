import type { Messages } from './core';
import { frameworksEn } from './frameworks.en';
import { sessionsEn } from './sessions.en';
import { followupEn } from './followup.en';
import { invitationsEn } from './invitations.en';
import { reportsEn } from './reports.en';
import { scoringEn } from './scoring.en';
import { assessmentsEn } from './assessments.en';
import { promotionEn } from './promotion.en';
import { privacyEn } from './privacy.en';
import { faultsEn } from './faults.en';
import { linksEn } from './links.en';
import { identityEn } from './identity.en';
import { followthroughEn } from './followthrough.en';
import { consoleEn } from './console.en';
import { accessibilityEn } from './accessibility.en';
import { mfaEn } from './mfa.en';
import { inspirationEn } from './inspiration.en';

/** English, the second locale. Same keys as nl.ts; the type makes a missing key an error. */
export const en: Messages = {
	...frameworksEn,
	...sessionsEn,
	...followupEn,
	...invitationsEn,
	...reportsEn,
	...scoringEn,
	...assessmentsEn,
	...promotionEn,
	...privacyEn,
	...faultsEn,
	...linksEn,
	...identityEn,
	...followthroughEn,
	...consoleEn,
	...accessibilityEn,
	...mfaEn,
	...inspirationEn,
	'app.name': 'Kwaliteitsdialoog',
	'app.tagline': 'Setting quality criteria for social support (Wmo) together with clients.',
	'layout.skip': 'Skip to content',
	'layout.nav': 'Main menu',
	'layout.home': 'Home',
	'layout.dashboard': 'Overview',
	'layout.accounts': 'Accounts',
	'layout.account': 'My account',
	'layout.login': 'Log in',
	'layout.logout': 'Log out',
	'layout.loggedInAs': 'Logged in as {name}',
	'layout.language': 'Language',
	'layout.switchLanguage': 'Nederlands',
	'layout.footer': 'Kwaliteitsdialoog is open source. Questions? Contact your municipality.',
	'form.optional': 'optional',
	'counts.stickers': { one: '{count} sticker', other: '{count} stickers' },
	'counts.stickersTooMany': { one: '{count} sticker too many was', other: '{count} stickers too many were' },
	'counts.participants': { one: '{count} participant', other: '{count} participants' },
	'counts.minutes': { one: '{count} minute', other: '{count} minutes' },
	'counts.seconds': { one: '{count} second', other: '{count} seconds' },
	'counts.invitationsQueued': {
		one: 'We have queued {count} invitation for sending',
		other: 'We have queued {count} invitations for sending'
	},
	'counts.alreadyInvited': { one: '{count} person already had the invitation', other: '{count} people already had the invitation' },
	'counts.reportMails': {
		one: 'We will now e-mail the report to {count} person.',
		other: 'We will now e-mail the report to {count} people.'
	},
	'counts.reportNoMail': {
		one: '{count} person has no e-mail address and gets no e-mail.',
		other: '{count} people have no e-mail address and get no e-mail.'
	},
	'counts.comments': { one: 'is {count} comment', other: 'are {count} comments' },
	'counts.unanswered': { one: '{count} has no answer yet', other: '{count} have no answer yet' },
	'counts.answered': {
		one: '{count} of the {invited} participants has answered the questions.',
		other: '{count} of the {invited} participants have answered the questions.'
	},
	'counts.filledIn': {
		one: '{count} of the {invited} participants filled in the evaluation.',
		other: '{count} of the {invited} participants filled in the evaluation.'
	},

	'home.title': 'Kwaliteitsdialoog',
	'home.intro':
		'Municipalities agree with clients on the quality of social support under the Wmo. They do this in a conversation: the quality dialogue.',
	'home.steps.title': 'How it works',
	'home.steps.1': 'The facilitator plans the sessions.',
	'home.steps.2': 'A varied group of 8 to 15 people is invited.',
	'home.steps.3': 'In a two-hour session the group chooses themes and drafts criteria.',
	'home.steps.4': 'Everyone receives a report and has two weeks to respond.',
	'home.participant.title': 'Are you taking part in a session?',
	'home.participant.text': 'Use the link in your invitation, or the code the facilitator shows.',
	'home.code.label': 'Session code',
	'home.code.hint': 'The facilitator shows the code. It has 6 letters and digits, for example K7MP2Q.',
	'home.code.submit': 'Join',
	'home.code.qr': 'Do you have a QR code? Scan it with your phone’s camera.',
	'home.staff.title': 'Do you work for the municipality?',
	'home.staff.text': 'Log in to plan sessions and manage the quality framework.',

	'login.title': 'Log in',
	'login.intro': 'This is for staff. Participants in a session do not need an account.',
	'login.email': 'E-mail address',
	'login.password': 'Password',
	'login.submit': 'Log in',
	'login.invalid': 'The e-mail address or password is not correct.',
	'login.throttled': 'Too many failed attempts. Try again in {minutes:counts.minutes}.',
	'login.throttledSeconds': 'Too many failed attempts. Try again in {seconds:counts.seconds}.',
	'login.missing': 'Enter your e-mail address and password.',
	'login.passwordOff': 'Logging in with a password is switched off. Log in through your organisation.',
	'login.oidc.button': 'Log in with {label}',
	'oidc.error.notLinked': 'This account is not linked to login through the organisation.',
	'oidc.admin.title': 'Login through the organisation',
	'oidc.admin.linked': 'This account is linked to an account at the organisation ({issuer}).',
	'oidc.admin.notLinked':
		'This account is not linked. When the employee logs in through the organisation, the app links the account if the e-mail address matches and is verified.',
	'oidc.admin.unlinkHint':
		'End the link when the wrong person was linked, or when the employee has a new account at the organisation. The employee is logged out everywhere. At the next login through the organisation the app links again if the e-mail address matches and is verified.',
	'oidc.admin.unlink': 'End the link',
	'oidc.admin.unlinked': 'The link has ended. The employee is logged out everywhere.',
	'login.oidc.defaultLabel': 'your organisation account',
	'login.oidc.or': 'Or log in with your e-mail address and password:',
	'login.oidc.unavailable': 'Logging in through your organisation is not possible right now. Try again later or contact the administrator.',
	'login.oidc.state': 'The login has expired or was already used. Start again with the button below.',
	'login.oidc.cancelled': 'The login at your organisation was cancelled. Please try again.',
	'login.oidc.token':
		'The answer from your organisation could not be verified. You are not logged in. Try again or contact the administrator.',
	'login.oidc.noRole': 'You do not have access to Kwaliteitsdialoog (yet). Ask the administrator to give you access.',
	'login.oidc.disabled': 'Your account is switched off. Contact the administrator.',
	'login.oidc.noEmail':
		'Your organisation did not pass on an e-mail address, so we cannot create an account for you. Contact the administrator.',
	'login.oidc.emailTaken':
		'There is already an account with your e-mail address, but it is not linked to your organisation account. Contact the administrator.',

	'account.title': 'My account',
	'account.details': 'Your details',
	'account.name': 'Name',
	'account.email': 'E-mail address',
	'account.roles': 'Roles',
	'account.ssoOnly':
		'You log in through your organisation (single sign-on). Your password and second step are managed there, not in this app.',
	'account.password.title': 'Change password',
	'account.password.mustChange': 'Please choose a new password first. The password you were given is temporary.',
	'account.password.current': 'Current password',
	'account.password.new': 'New password',
	'account.password.repeat': 'New password again',
	'account.password.hint': 'At least {min} characters. A sentence of a few words is easy to remember.',
	'account.password.submit': 'Save password',
	'account.password.saved': 'Your new password has been saved.',
	'account.password.mismatch': 'The two new passwords are not the same.',
	'account.password.currentMissing': 'Enter your current password.',
	'account.password.continue': 'Continue to the overview',

	'dashboard.title': 'Overview',
	'dashboard.welcome': 'Welcome, {name}.',
	'dashboard.roles': 'Your roles: {roles}.',
	'dashboard.sessions.title': 'Sessions',
	'dashboard.sessions.empty': 'There are no sessions yet.',
	'dashboard.framework.title': 'Quality framework',
	'dashboard.framework.empty': 'There is no quality framework yet.',
	'dashboard.framework.item': '{name}, version {label}',
	'dashboard.framework.link': 'To the quality frameworks',
	'dashboard.accounts.title': 'Accounts',
	'dashboard.accounts.text': 'Manage who may work with Kwaliteitsdialoog.',
	'dashboard.accounts.link': 'Go to the accounts',

	'role.admin': 'administrator',
	'role.facilitator': 'facilitator',
	'role.quality_manager': 'quality manager',

	'accounts.title': 'Accounts',
	'accounts.intro': 'Manage staff accounts here. Participants do not have an account.',
	'accounts.table.caption': 'All accounts',
	'accounts.table.name': 'Name',
	'accounts.table.email': 'E-mail address',
	'accounts.table.roles': 'Roles',
	'accounts.table.status': 'Status',
	'accounts.table.actions': 'Actions',
	'accounts.status.active': 'active',
	'accounts.status.disabled': 'disabled',
	'accounts.status.mustChange': 'still has to choose their own password',
	'accounts.edit': 'Edit',
	'accounts.new.title': 'New account',
	'accounts.new.password': 'Temporary password',
	'accounts.new.passwordHint': 'Pass this password on in person. At the first login the user chooses their own password.',
	'accounts.new.submit': 'Create account',
	'accounts.created': 'The account for {name} has been created.',
	'accounts.edit.title': 'Account of {name}',
	'accounts.edit.submit': 'Save changes',
	'accounts.edit.details': 'Details',
	'accounts.status.title': 'Status',
	'accounts.status.current': 'This account is now {status}.',
	'accounts.saved': 'The changes have been saved.',
	'accounts.disable': 'Disable account',
	'accounts.disable.hint': 'A disabled account can no longer log in. You can enable it again later.',
	'accounts.enable': 'Enable account',
	'accounts.disabled': 'The account has been disabled.',
	'accounts.enabled': 'The account has been enabled.',
	'accounts.reset.title': 'New temporary password',
	'accounts.reset.submit': 'Set password',
	'accounts.reset.done': 'The temporary password has been set. The user must replace it when logging in.',
	'accounts.back': 'Back to all accounts',
	'accounts.rolesLegend': 'Roles',
	'accounts.rolesHint': 'Choose one or more roles.',

	'setup.title': 'Set up Kwaliteitsdialoog',
	'setup.intro': 'There is no account yet. Create the first account, for the administrator.',
	'setup.name': 'Your name',
	'setup.email': 'Your e-mail address',
	'setup.password': 'Choose a password',
	'setup.submit': 'Create administrator',

	'form.required': 'This field is required.',
	'form.errorSummary': 'Not everything is filled in correctly. Look at the questions below.',

	'error.title': 'Something went wrong',
	'error.notFound.title': 'Page not found',
	'error.notFound': 'This page does not exist (any more). Check the address, or go to the home page.',
	'error.forbidden': 'You may not view or do this.',
	'error.unauthorized': 'Please log in first.',
	'error.internal': 'Something went wrong on our side. Please try again later. Mention this code if you ask for help: {id}.',
	'error.badJson': 'The data is not valid JSON.',
	'error.badRequest': 'The request is not valid.',
	'error.tooLarge': 'What you sent is too large. It can be at most {max}.',
	'error.tooLarge.title': 'What you sent is too large',
	'error.tooLarge.nothingSaved': 'Nothing was saved.',
	'error.tooLarge.retry': 'Make the text or the file smaller and send it again.',
	'error.tooLarge.advice': "Go back with your browser's Back button: your text is usually still there.",
	'error.tooLarge.back': 'Open the previous page again',
	'error.tooLarge.max': 'It can be at most {max}.',
	'error.addressMissing': 'The app cannot tell which address this request comes from. Please contact the administrator of the app.',
	'error.methodNotAllowed': 'This address cannot handle a {method} request.',
	'error.origin': 'This request comes from another website and was refused.',
	'error.starting': 'The app is still starting. Please try again in a moment.',
	'error.backHome': 'Go to the home page',
	'error.password.tooShort': 'The password must have at least {min} characters.',
	'error.password.tooLong': 'The password may have at most {max} characters.',
	'error.password.containsEmail': 'The password may not contain the e-mail address, nor the part before the @.',
	'error.password.currentWrong': 'The current password is not correct.',
	'error.password.same': 'Choose a password other than the current one.',
	'error.account.email': 'Enter a valid e-mail address.',
	'error.account.name': 'Enter a name of at most 120 characters.',
	'error.account.roles': 'Choose at least one role.',
	'error.account.emailTaken': 'There is already an account with this e-mail address.',
	'error.account.lastAdmin': 'This is the last active administrator. Make someone else administrator first.',
	'error.setup.done': 'Kwaliteitsdialoog has already been set up. Log in with your account.',
	'error.session.title': 'Give the session a title of at most 200 characters.',
	'error.participant.invalid': 'Enter a name (at most 60 characters) and choose a background.',
	'error.missing': 'This does not exist (any more).'
};

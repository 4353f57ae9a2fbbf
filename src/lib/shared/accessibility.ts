/**
 * The product's own accessibility checks, as the toegankelijkheidsverklaring (/toegankelijkheid)
 * lists them. Every page here is opened in Chromium by tests/browser/accessibility.test.ts,
 * checked with axe-core (WCAG 2.1 A and AA, best practices) and with the keyboard; one problem on one page
 * fails that test. So the statement's "no problems found" is only true while the test passes,
 * and a page added here is a page the test checks.
 */
import type { MessageKey } from '../i18n/core';

export interface CheckedPage {
	path: string;
	/** The page's title in the catalogue, as the statement names it. */
	title: MessageKey;
	/** Who opens it in the test: a visitor who is not logged in, or the beheerder. */
	as: 'anonymous' | 'admin';
}

export const CHECKED_PAGES: readonly CheckedPage[] = [
	{ path: '/', title: 'home.title', as: 'anonymous' },
	{ path: '/login', title: 'login.title', as: 'anonymous' },
	{ path: '/join', title: 'join.title', as: 'anonymous' },
	{ path: '/toegankelijkheid', title: 'accessibility.title', as: 'anonymous' },
	{ path: '/dashboard', title: 'dashboard.title', as: 'admin' },
	{ path: '/frameworks', title: 'frameworks.title', as: 'admin' },
	{ path: '/providers', title: 'assessments.providers.title', as: 'admin' },
	{ path: '/outbox', title: 'outbox.title', as: 'admin' },
	{ path: '/admin/accounts', title: 'accounts.title', as: 'admin' },
	{ path: '/admin/privacy', title: 'privacy.title', as: 'admin' },
	{ path: '/account', title: 'account.title', as: 'admin' }
];

/** The address of a contact (mailto:, https:, tel:) as a person reads it. */
export function contactText(uri: string): string {
	if (/^mailto:/i.test(uri)) return uri.slice(7);
	if (/^tel:/i.test(uri)) return uri.slice(4);
	return uri;
}

/**
 * A message as the outbox pages show it: dates as ISO text, no attachment contents, and no
 * working personal link: a link is a credential for its recipient alone, so it is shown as
 * "[persoonlijke link (verborgen)]" (the subject may hold one too).
 */
import type { Locale } from '../../i18n';
import type { MailMessage } from '../db/schema';
import { hidePersonalLinks } from './link-text';

export function mailSummary(m: MailMessage, locale: Locale) {
	return {
		id: m.id,
		kind: m.kind,
		to: m.toAddress,
		subject: hidePersonalLinks(m.subject, locale),
		status: m.status,
		attempts: m.attempts,
		lastError: m.lastError,
		transport: (m.transport === 'smtp' || m.transport === 'file' ? m.transport : null) as 'smtp' | 'file' | null,
		createdAt: m.createdAt.toISOString(),
		sentAt: m.sentAt?.toISOString() ?? null,
		nextAttemptAt: m.nextAttemptAt.toISOString(),
		dialogueSessionId: m.dialogueSessionId
	};
}

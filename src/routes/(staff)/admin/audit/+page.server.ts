import { ACCESS_ACTIONS, isAccessAction, listAccessLog } from '$lib/server/privacy/access-log';
import { parseId, requireUser } from '$lib/server/http/guards';
import { translate, type MessageKey } from '$lib/i18n';
import { formatSessionDate } from '$lib/shared/sessions/time';
import type { PageServerLoad } from './$types';

const PAGE = 100;

/** The audit log of report and assessment views and exports and of the privacy actions, for the beheerder. */
export const load: PageServerLoad = (event) => {
	requireUser(event, 'admin');
	const locale = event.locals.locale;
	const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
	const params = event.url.searchParams;
	const action = isAccessAction(params.get('action')) ? params.get('action') : null;
	const before = parseId(params.get('before'));
	const entries = listAccessLog(event.locals.db, { action: action as never, before, limit: PAGE }, event.locals.locale);
	const rows = entries.map((e) => {
		const ids = Array.isArray(e.details?.participantIds) ? (e.details.participantIds as number[]) : null;
		const who =
			e.actor.type === 'user'
				? (e.actor.name ?? t('privacy.audit.unknownUser', { id: e.actor.id ?? '-' }))
				: e.actor.type === 'participant'
					? t('privacy.audit.participant', { id: e.actor.id ?? '-' })
					: t('privacy.audit.system');
		const about =
			e.subject.type === 'report'
				? t('privacy.audit.reportOf', { title: e.subject.label ?? `#${e.subject.id}` })
				: e.subject.type === 'assessment'
					? t('privacy.audit.assessmentOf', { title: e.subject.label ?? `#${e.subject.id}` })
					: e.subject.type === 'dialogue_session'
						? t('privacy.audit.sessionOf', { title: e.subject.label ?? `#${e.subject.id}` })
						: e.subject.type === 'participant'
							? t('privacy.audit.participant', { id: e.subject.id ?? '-' })
							: ids
								? t('privacy.audit.records', { count: ids.length, ids: ids.join(', ') })
								: '-';
		return { id: e.id, when: formatSessionDate(e.at, locale), who, what: t(`privacy.action.${e.action}` as MessageKey), about };
	});
	return {
		actions: ACCESS_ACTIONS.map((a) => ({ value: a, label: t(`privacy.action.${a}` as MessageKey) })),
		action,
		rows,
		next: entries.length === PAGE ? entries.at(-1)!.id : null
	};
};

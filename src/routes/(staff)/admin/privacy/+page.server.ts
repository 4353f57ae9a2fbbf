import { fail } from '@sveltejs/kit';
import { userActor } from '$lib/server/audit';
import { removeMailFiles } from '$lib/server/privacy/files';
import { formatDayOf } from '$lib/shared/dates';
import { describeRecords, erasePerson, findPeople, type PersonRecord } from '$lib/server/privacy/requests';
import { formIds } from '$lib/server/privacy/form';
import { formText, refusal } from '$lib/server/http/forms';
import { requireUser } from '$lib/server/http/guards';
import type { Locale, MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/**
 * A person's requests about their data, for the beheerder: search by e-mail address or name,
 * then download (./export) or erase the chosen participant records, after a confirmation.
 * The search term is echoed to the form only; it is never logged or stored.
 */
export const load: PageServerLoad = (event) => {
	requireUser(event, 'admin');
	return {};
};

const row = (r: PersonRecord, locale: Locale) => ({
	id: r.participantId,
	name: r.displayName,
	email: r.email,
	session: r.sessionTitle,
	date: r.sessionDate ? formatDayOf(r.sessionDate, locale) : null,
	role: r.role,
	state: r.pseudonymised ? 'pseudonymised' : r.removed ? 'removed' : 'active'
});

const failure = (err: unknown, extra: Record<string, unknown> = {}) => {
	const r = refusal(err);
	return fail(r.status, { ...extra, error: r.code });
};

export const actions: Actions = {
	search: async (event) => {
		requireUser(event, 'admin');
		const term = formText(await event.request.formData(), 'term');
		try {
			const results = findPeople(event.locals.db, { term }).map((r) => row(r, event.locals.locale));
			return { term, results };
		} catch (err) {
			return failure(err, { term });
		}
	},
	/** The confirmation step: shows what will be erased; nothing changes yet. */
	confirm: async (event) => {
		requireUser(event, 'admin');
		const ids = formIds(await event.request.formData());
		if (ids.length === 0) return fail(400, { error: 'error.privacy.noneChosen' as MessageKey });
		return { confirm: { ids, records: describeRecords(event.locals.db, ids).map((r) => row(r, event.locals.locale)) } };
	},
	erase: async (event) => {
		const user = requireUser(event, 'admin');
		const data = await event.request.formData();
		const ids = formIds(data);
		if (ids.length === 0) return fail(400, { error: 'error.privacy.noneChosen' as MessageKey });
		if (formText(data, 'confirm') !== 'yes') {
			return fail(400, {
				error: 'error.privacy.confirm' as MessageKey,
				confirm: { ids, records: describeRecords(event.locals.db, ids).map((r) => row(r, event.locals.locale)) }
			});
		}
		const runtime = event.locals;
		try {
			// Someone still connected to a live session loses their connection at once (erasePerson says so).
			const result = erasePerson(runtime.db, userActor(user), ids);
			removeMailFiles(runtime.config.dataDir, result.messageIds);
			// Detached from the co-edited documents after the erasure; when that failed (logged), erasing again does it.
			if (!(await result.documents)) {
				const records = describeRecords(runtime.db, ids).map((r) => row(r, event.locals.locale));
				return fail(503, { erased: ids.length, error: 'error.privacy.documents' as MessageKey, confirm: { ids, records } });
			}
			return { erased: ids.length };
		} catch (err) {
			return failure(err);
		}
	}
};

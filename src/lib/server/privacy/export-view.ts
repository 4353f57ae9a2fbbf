/**
 * The readable version of a person's data (AVG art. 15): the same export object as the JSON
 * download (exportPerson in ./requests.ts), written out as one self-contained HTML file for the
 * person it is about. Headings and values in words, as the interface shows them; dates as
 * people read them; every value escaped. The file loads and runs nothing: its own policy allows
 * only the inline style, so it is as safe opened from a disk as from the server.
 */
import { isMessageKey, translate, type Locale, type MessageKey, type Params } from '../../i18n';
import { formatDay, formatDayOf, formatWhen } from '../../shared/dates';
import {
	COMMENT_DECISIONS,
	CRITERION_STATUSES,
	DIALOGUE_SESSION_STATUSES,
	MAIL_KINDS,
	MAIL_STATUSES,
	PARTICIPANT_ROLES,
	PERSPECTIVES
} from '../../shared/vocabulary';
import { EVALUATION_QUESTIONS, YES_PARTLY_NO } from '../reports/evaluation';
// Safe as XML character data and as an attribute value, and so for HTML as well.
import { escapeXml as escape } from '../xml';
import type { exportPerson } from './requests';

export type PersonExport = ReturnType<typeof exportPerson>;
type PersonRecordExport = PersonExport['records'][number];

/** The policy inside the file: nothing may load or run, only the style below applies (a constant: written as it is). */
const FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE = `
body { font-family: Arial, Helvetica, sans-serif; font-size: 1.05rem; line-height: 1.5; color: #1a1a1a; background: #fff; margin: 0; }
main { max-width: 48rem; margin: 0 auto; padding: 1.5rem; }
section.record { border-top: 3px solid #1a1a1a; margin-top: 2rem; padding-top: 0.5rem; }
h1, h2, h3, h4 { line-height: 1.25; }
dl { display: grid; grid-template-columns: minmax(10rem, max-content) 1fr; gap: 0.25rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.item { border-left: 3px solid #595959; padding-left: 0.75rem; margin: 1rem 0; }
@media print { section.record { break-before: page; } }
`;

/** The whole file, in `locale` (the beheerder's language when it was downloaded). */
export function personExportHtml(data: PersonExport, locale: Locale): string {
	const t = (key: MessageKey, params?: Params) => escape(translate(locale, key, params));
	const title = t('privacy.view.title');
	const records = data.records.map((record, i) => recordHtml(record, i + 1, locale)).join('\n');
	return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${FILE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p>${t('privacy.view.intro', { date: new Date(data.exportedAt) })}</p>
<p>${t('privacy.view.linksHidden')}</p>
${records}
</main>
</body>
</html>
`;
}

function recordHtml(r: PersonRecordExport, n: number, locale: Locale): string {
	const t = (key: MessageKey, params?: Params) => escape(translate(locale, key, params));
	/** A moment (ISO text) as people read it, or "niet ingevuld". */
	const when = (iso: string | null) =>
		escape(formatWhen(iso ? new Date(iso) : null, locale) ?? translate(locale, 'privacy.view.notFilled'));
	const text = (value: string | null | undefined) => (value ? escape(value) : t('privacy.view.notFilled'));
	const yesNo = (value: boolean) => t(value ? 'common.yes' : 'common.no');
	/** A stored word as the interface says it: `${prefix}.${value}` when the vocabulary knows it. */
	const word = (prefix: string, known: readonly string[], value: string | null) =>
		value && known.includes(value) ? t(`${prefix}.${value}` as MessageKey) : text(value);
	const nothing = `<p>${t('privacy.view.nothing')}</p>`;
	const list = (items: string[]) => (items.length ? `<ul>\n${items.map((i) => `<li>${i}</li>`).join('\n')}\n</ul>` : nothing);
	const terms = (pairs: [string, string][]) =>
		`<dl>\n${pairs.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('\n')}\n</dl>`;
	const id = `record-${n}`;
	const p = r.participant;
	const s = r.session;

	const person = terms([
		[t('privacy.results.name'), text(p.name)],
		[t('session.people.perspective'), word('perspective', PERSPECTIVES, p.perspective)],
		[t('privacy.results.role'), word('participantRole', PARTICIPANT_ROLES, p.role)],
		[t('privacy.results.email'), text(p.email)],
		[t('invitations.field.phone'), text(p.phone)],
		[t('invitations.field.notes'), `<span class="text">${text(p.notes)}</span>`],
		[t('privacy.view.proxy'), yesNo(p.placedByFacilitator)],
		[t('privacy.view.createdAt'), when(p.createdAt)],
		[t('privacy.view.invitedAt'), when(p.invitedAt)],
		...(p.removedAt ? [[t('privacy.view.removedAt'), when(p.removedAt)] as [string, string]] : []),
		...(p.pseudonymisedAt ? [[t('privacy.view.pseudonymisedAt'), when(p.pseudonymisedAt)] as [string, string]] : [])
	]);

	const session = terms([
		[t('privacy.results.session'), text(s.title)],
		[t('privacy.results.date'), s.heldAt ? escape(formatDayOf(s.heldAt, locale)) : t('privacy.results.noDate')],
		[t('privacy.view.sessionStatus'), word('session.status', DIALOGUE_SESSION_STATUSES, s.status)]
	]);

	// Stickers per theme (and per vote: in the session, or beforehand).
	const counted = new Map<string, { theme: string | null; prevote: boolean; count: number }>();
	for (const sticker of r.stickers) {
		const key = JSON.stringify([sticker.theme, sticker.ballot]);
		const entry = counted.get(key) ?? { theme: sticker.theme, prevote: sticker.ballot === 'prevote', count: 0 };
		entry.count++;
		counted.set(key, entry);
	}
	const stickers = list(
		[...counted.values()].map(({ theme, prevote, count }) =>
			t(prevote ? 'privacy.view.stickersOnPrevote' : 'privacy.view.stickersOn', {
				theme: theme ?? translate(locale, 'privacy.view.unknownTheme'),
				count
			})
		)
	);

	const proposalStatus = (status: string) =>
		status === 'pending'
			? t('live.proposal.pending')
			: status === 'added'
				? t('live.proposal.added')
				: status === 'merged' || status === 'parked'
					? t(`privacy.view.proposal.${status}`)
					: text(status);
	const proposals = r.themeProposals.length
		? r.themeProposals
				.map(
					(x) =>
						`<div class="item">\n<h4>${text(x.title)}</h4>\n${terms([
							[t('privacy.view.explanation'), `<span class="text">${text(x.explanation)}</span>`],
							[t('outbox.column.status'), proposalStatus(x.status)],
							[t('privacy.audit.when'), when(x.at)]
						])}\n</div>`
				)
				.join('\n')
		: nothing;

	/** Items per theme, in the order the themes first appear. */
	const perTheme = <T extends { theme: string }>(items: T[], show: (item: T) => string) => {
		if (!items.length) return nothing;
		const themes = [...new Set(items.map((i) => i.theme))];
		return themes.map((theme) => `<h4>${escape(theme)}</h4>\n${list(items.filter((i) => i.theme === theme).map(show))}`).join('\n');
	};
	const keywords = perTheme(r.keywords, (k) => {
		const notes = [
			k.perspective ? word('perspective', PERSPECTIVES, k.perspective) : null,
			k.merged ? t('privacy.view.keywordMerged') : null
		].filter(Boolean);
		return `${escape(k.text)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
	});
	const criteria = perTheme(r.criteria, (c) => {
		const status = word('coedit.status', CRITERION_STATUSES, c.status);
		const comment = c.comment ? `<br>${t('privacy.view.criterionComment', { comment: c.comment })}` : '';
		return `<span class="text">${text(c.text)}</span> (${status})${comment}`;
	});

	/** What a comment was about: the part of the report, or the criterion (as the reactienota says it). */
	const about = (target: string, targetText: string | null) =>
		targetText === null
			? text(null)
			: target.startsWith('criterion:')
				? `<span class="text">${t('reports.document.criterionTarget', { text: targetText })}</span>`
				: `<span class="text">${escape(targetText)}</span>`;
	const comments = r.reportComments.length
		? r.reportComments
				.map(
					(c) =>
						`<div class="item">\n${terms([
							[t('privacy.view.about'), about(c.target, c.targetText)],
							[t('privacy.view.comment'), `<span class="text">${text(c.comment)}</span>`],
							[t('privacy.audit.when'), when(c.at)],
							[t('privacy.view.decision'), word('comment.decision', COMMENT_DECISIONS, c.decision)],
							...(c.answer ? [[t('privacy.view.answer'), `<span class="text">${escape(c.answer)}</span>`] as [string, string]] : [])
						])}\n</div>`
				)
				.join('\n')
		: nothing;

	const acknowledgements = list(r.reportAcknowledgements.map((a) => t('privacy.view.acknowledged', { date: a.at ? new Date(a.at) : '' })));

	/** A named evaluation answer: the question as asked, the answer in words. */
	const answerPair = (question: string, value: string | number | null): [string, string] => {
		if ((EVALUATION_QUESTIONS as readonly string[]).includes(question))
			return [t(`evaluation.q.${question}` as MessageKey), word('reports.answer', YES_PARTLY_NO, value === null ? null : String(value))];
		const label = question === 'grade' ? t('reports.eval.grade') : question === 'better' ? t('reports.eval.better') : escape(question);
		return [label, `<span class="text">${text(value === null ? null : String(value))}</span>`];
	};
	const evaluation = [
		terms([[t('privacy.view.answered'), yesNo(r.evaluation.answered)]]),
		`<h4>${t('privacy.view.answersWithName')}</h4>`,
		r.evaluation.answersWithName.length
			? r.evaluation.answersWithName
					.map(
						(a) =>
							`<div class="item">\n${terms([
								[t('privacy.view.day'), escape(formatDay(a.day, locale))],
								...Object.entries(a.answers).map(([q, v]) => answerPair(q, v))
							])}\n</div>`
					)
					.join('\n')
			: nothing,
		r.evaluation.answered && !r.evaluation.answersWithName.length ? `<p>${t('privacy.view.anonymous')}</p>` : ''
	]
		.filter(Boolean)
		.join('\n');

	const mails = r.mails.length
		? r.mails
				.map(
					(m) =>
						`<div class="item">\n<h4>${text(m.subject)}</h4>\n${terms([
							[t('outbox.column.kind'), word('outbox.kind', MAIL_KINDS, m.kind)],
							[t('outbox.column.to'), text(m.to)],
							[t('outbox.column.status'), word('outbox.status', MAIL_STATUSES, m.status)],
							[t('outbox.column.date'), when(m.queuedAt)],
							[t('privacy.view.sentAt'), m.sentAt ? when(m.sentAt) : t('outbox.via.none')],
							[t('outbox.detail.body'), `<span class="text">${text(m.text)}</span>`]
						])}\n</div>`
				)
				.join('\n')
		: nothing;

	const action = (name: string) => {
		const key = `privacy.action.${name}`;
		return isMessageKey(key) ? t(key) : escape(name);
	};
	const activity = list(r.activity.map((a) => `${when(a.at)}: ${action(a.action)}`));

	const part = (key: MessageKey, body: string) => `<h3>${t(key)}</h3>\n${body}`;
	return `<section class="record" aria-labelledby="${id}">
<h2 id="${id}">${t('privacy.view.record', { n, title: s.title })}</h2>
${[
	part('privacy.view.person', person),
	part('privacy.view.session', session),
	part('privacy.view.stickers', stickers),
	part('privacy.view.proposals', proposals),
	part('privacy.view.keywords', keywords),
	part('privacy.view.criteria', criteria),
	part('privacy.view.comments', comments),
	part('privacy.view.acknowledgements', acknowledgements),
	part('privacy.view.evaluation', evaluation),
	part('privacy.view.mails', mails),
	part('privacy.view.activity', activity)
].join('\n')}
</section>`;
}

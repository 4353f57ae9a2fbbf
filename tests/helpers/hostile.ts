/**
 * Hostile text in every field a participant, a guest commenter or staff can fill in, stored
 * through the same domain functions the forms and sockets call. Used by the XSS tests
 * (integration: every view and export; browser: the pages with their scripts running).
 */
import { eq } from 'drizzle-orm';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { SYSTEM } from '../../src/lib/server/audit';
import type { Db } from '../../src/lib/server/db';
import { dialogueSessions, participants, sessionThemes, stickers, trajectories } from '../../src/lib/server/db/schema';
import { addRequirement, createDraft, getVersion, latestPublishedBySlug } from '../../src/lib/server/frameworks/store';
import { declineCriterion, promotableCriteria, promoteCriterion } from '../../src/lib/server/frameworks/promotion';
import { addAgreement } from '../../src/lib/server/reports/agreements';
import { submitEvaluation } from '../../src/lib/server/reports/evaluation';
import { addJargon } from '../../src/lib/server/reports/jargon';
import {
	addComment,
	finalizeReport,
	getReport,
	respondToComment,
	saveReport,
	sendReport,
	startReport
} from '../../src/lib/server/reports/reports';
import { assessmentDetail, finalizeAssessment, judgeTrust, startAssessment, updateItem } from '../../src/lib/server/scoring/assessments';
import { createProvider } from '../../src/lib/server/scoring/providers';
import { saveInvitationTemplate, sendInvitations } from '../../src/lib/server/sessions/invitations';
import { addListedParticipant, newParticipantLink } from '../../src/lib/server/sessions/participants';
import { createProposal } from '../../src/lib/server/sessions/proposals';
import { saveThemeContent } from '../../src/lib/server/sessions/theme-docs';
import { holdSession, plannedWorld } from './follow-up';

/** Each short enough for a display name (60 characters). */
export const NAME_PAYLOADS = [
	'<script>window.__xss=1</script>',
	'"><img src=x onerror="window.__xss=1">',
	"'><svg onload=window.__xss=1>",
	'</textarea><svg onload=window.__xss=1>',
	'javascript:window.__xss=1',
	'=HYPERLINK("http://evil")',
	"=cmd|' /C calc'!A0",
	'+1+1',
	'-2+3',
	'@SUM(1+1)',
	'Ans \u202Egnp.exe',
	'{{7*7}} ${7*7} #{7*7}',
	'Bas\r\nBcc: evil@evil.example'
];

export const PAYLOADS = [
	...NAME_PAYLOADS,
	'</script><script>window.__xss=1</script>',
	'<a href="javascript:window.__xss=1">klik</a>',
	'<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
	'<style>body{display:none}</style>',
	']]> & &amp; <![CDATA[ x ]]> <?xml version="1.0"?>',
	'ctrl\u0001\u0008\u000B\u000C\u001F\uFFFE end',
	'"quotes" \'single\' `back` \\ backslash',
	'line\r\nBcc: evil@evil.example\r\nX-Injected: 1'
];

/** Every payload, joined: for fields with room for it. */
export const ALL = PAYLOADS.join('\n');
/** A very long text (inside the 4000-character fields). */
export const LONG = `${'lang '.repeat(700)}<script>window.__xss=1</script>`;

/** Text that ends up visible somewhere in each view, to prove the payloads reached it. */
export const SEEN = 'window.__xss=1';

export interface HostileWorld {
	sessionId: number;
	trajectoryId: number;
	participantIds: number[];
	participantTokens: string[];
	facilitatorCookie: string;
	managerCookie: string;
	adminCookie: string;
	providerId: number;
	assessmentId: number;
	draftVersionId: number;
	draftFrameworkId: number;
	publishedVersionId: number;
}

/** A whole trajectory's life with hostile text everywhere; `origin` is the server's URL. */
export async function hostileWorld(db: Db, origin: string): Promise<HostileWorld> {
	const world = await plannedWorld(db, new Date(Date.now() + 3 * 86400_000));
	const { actor, session } = world;
	db.update(trajectories)
		.set({ title: `Traject ${NAME_PAYLOADS[1]}`, goal: ALL })
		.where(eq(trajectories.id, world.trajectory.id))
		.run();
	db.update(dialogueSessions)
		.set({ title: `Gesprek ${NAME_PAYLOADS[0]}` })
		.where(eq(dialogueSessions.id, session.id))
		.run();

	// Participants named by staff, with hostile names, e-mail addresses and notes.
	const hostile = NAME_PAYLOADS.map((displayName, i) =>
		addListedParticipant(db, actor, session.id, {
			displayName,
			perspective: i % 2 ? 'client' : 'official',
			email: `gast${i}@example.org`,
			notes: ALL
		})
	);
	const everyone = [...world.people, ...hostile];
	saveInvitationTemplate(db, actor, session.id, {
		subject: 'Uitnodiging voor {naam}: {titel}',
		body: 'Beste {naam},\n\nU bent welkom bij {titel}.\n{link}'
	});
	sendInvitations(db, actor, session.id, origin);

	// During the session: a proposed theme, stickers, and the co-edited theme texts.
	db.update(dialogueSessions).set({ status: 'open', phase: 'proposals' }).where(eq(dialogueSessions.id, session.id)).run();
	createProposal(db, SYSTEM, session.id, hostile[0]!.id, { title: NAME_PAYLOADS[1]!, explanation: ALL.slice(0, 500) });
	const { regie, veiligheid } = holdSession(db, session.id, everyone);
	for (const p of hostile)
		db.insert(stickers).values({ dialogueSessionId: session.id, participantId: p.id, sessionThemeId: regie.id }).run();
	db.update(dialogueSessions).set({ choiceReason: ALL }).where(eq(dialogueSessions.id, session.id)).run();
	db.transaction((tx) => {
		const chosen = tx.select().from(sessionThemes).where(eq(sessionThemes.id, regie.id)).get()!;
		saveThemeContent(tx, chosen, {
			meaning: ALL,
			testQuestion: `Toetsvraag ${NAME_PAYLOADS[1]} ${NAME_PAYLOADS[0]}`,
			keywords: NAME_PAYLOADS.map((text, i) => ({
				text,
				perspective: i % 2 ? 'client' : 'official',
				group: i < 3 ? NAME_PAYLOADS[2]! : null
			})),
			criteria: [
				{ text: `Criterium ${ALL}`, status: 'agreed', comment: ALL },
				{ text: NAME_PAYLOADS[1]!, status: 'agreed', comment: null },
				{ text: NAME_PAYLOADS[5]!, status: 'provisional', comment: NAME_PAYLOADS[0]! }
			]
		});
		const other = tx.select().from(sessionThemes).where(eq(sessionThemes.id, veiligheid.id)).get()!;
		saveThemeContent(tx, other, {
			meaning: LONG,
			testQuestion: NAME_PAYLOADS[3]!,
			keywords: [{ text: NAME_PAYLOADS[3]!, perspective: 'client', group: null }],
			criteria: [{ text: NAME_PAYLOADS[6]!, status: 'agreed', comment: null }]
		});
	});

	// After the session: evaluation, agreements, the report edited by staff, sent, commented, answered, final.
	for (const p of hostile.slice(0, 3)) {
		const row = db.select().from(participants).where(eq(participants.id, p.id)).get()!;
		submitEvaluation(db, row, {
			sharedAll: 'yes',
			heard: 'partly',
			clear: 'no',
			worthwhile: 'yes',
			grade: 7,
			better: ALL,
			anonymous: false
		});
	}
	addAgreement(db, actor, session.id, { topic: 'council', what: ALL, owner: NAME_PAYLOADS[1]!, dueDate: '2027-06-01' });
	startReport(db, actor, session.id);
	const draft = getReport(db, session.id)!;
	const content = structuredClone(draft.content);
	content.sections[0]!.body = `${ALL}\n\n- ${NAME_PAYLOADS[0]}\n- ${NAME_PAYLOADS[5]}\n\n${LONG}`;
	content.sections[0]!.heading = `Inleiding ${NAME_PAYLOADS[1]}`;
	saveReport(db, actor, session.id, { revision: draft.revision, content });
	sendReport(db, actor, session.id, origin);
	const commenter = db.select().from(participants).where(eq(participants.id, hostile[1]!.id)).get()!;
	const criterionKey = getReport(db, session.id)!.content.sections.find((s) => s.key === 'theme-regie-van-de-client')!.criteria![0]!.key;
	const comment = addComment(db, commenter, session.id, { target: 'section:intro', body: ALL, clientKey: 'hostile-comment-1' });
	const second = addComment(db, commenter, session.id, {
		target: `criterion:${criterionKey}`,
		body: NAME_PAYLOADS[0]!,
		clientKey: 'hostile-comment-2'
	});
	respondToComment(db, actor, session.id, comment.id, { decision: 'not_adopted', reason: ALL });
	respondToComment(db, actor, session.id, second.id, { decision: 'adopted', reason: NAME_PAYLOADS[1]! });
	const sent = getReport(db, session.id)!;
	finalizeReport(db, actor, session.id, origin, new Date(sent.commentsCloseAt!.getTime() + 60_000));
	addJargon(db, actor, { term: NAME_PAYLOADS[1]!, suggestion: NAME_PAYLOADS[0]! });

	// The quality manager: promotion of the criteria into a draft, a provider and its assessment.
	const manager = await createAccount(
		db,
		SYSTEM,
		{ email: `km-x${session.id}@gemeente.test`, name: `Karin ${NAME_PAYLOADS[1]}`, roles: ['quality_manager'] },
		'een goed wachtwoord'
	);
	const admin = await createAccount(
		db,
		SYSTEM,
		{
			email: `beheer-x${session.id}@gemeente.test`,
			name: `Beheer ${NAME_PAYLOADS[0]}`,
			roles: ['admin', 'facilitator', 'quality_manager']
		},
		'een goed wachtwoord'
	);
	const km = { type: 'user' as const, id: manager.id };
	const drents = latestPublishedBySlug(db, 'drents-kwaliteitskader')!;
	const draftVersion = createDraft(db, km, drents.id);
	const theme = getVersion(db, draftVersion.id)!.themes[0]!;
	const criteria = promotableCriteria(db, session.id);
	promoteCriterion(
		db,
		km,
		session.id,
		{ criterionKey: criteria[0]!.key, themeId: theme.id },
		{ number: '90', text: ALL, testMethod: NAME_PAYLOADS[1]!, evidence: ALL, note: ALL }
	);
	declineCriterion(db, km, session.id, { criterionKey: criteria[1]!.key, reason: ALL });
	addRequirement(db, km, theme.id, { number: '91', text: NAME_PAYLOADS[5]!, evidence: '- een opsomming', note: NAME_PAYLOADS[0]! });

	const provider = createProvider(db, km, {
		name: `Zorg ${NAME_PAYLOADS[1]}`,
		careType: NAME_PAYLOADS[0]!,
		fundings: ['zin'],
		residential: false,
		note: ALL
	});
	const assessment = startAssessment(db, km, { providerId: provider.id, frameworkVersionId: drents.id, assessedOn: '2026-06-01' });
	const detail = assessmentDetail(db, assessment.id);
	detail.items.forEach(({ item }, n) => {
		if (!item.applicable) return;
		updateItem(db, km, assessment.id, item.id, {
			revision: item.revision,
			applicable: true,
			level: n % 3 === 0 ? 'not' : 'meets',
			evidence: n === 0 ? ALL : NAME_PAYLOADS[n % NAME_PAYLOADS.length]!,
			explanation: n === 0 ? LONG : NAME_PAYLOADS[(n + 1) % NAME_PAYLOADS.length]!
		});
	});
	judgeTrust(db, km, assessment.id, { behaviour: 'integrity', judgement: 'harmed', motivation: ALL });
	finalizeAssessment(db, km, assessment.id, { decision: 'deviate', decidedOutcome: 'insufficient', motivation: ALL });

	return {
		sessionId: session.id,
		trajectoryId: world.trajectory.id,
		participantIds: hostile.map((p) => p.id),
		participantTokens: hostile.map((p) => newParticipantLink(db, p.id, 'test')),
		facilitatorCookie: world.cookie,
		managerCookie: `kd_session=${createSession(db, manager.id, 1).token}`,
		adminCookie: `kd_session=${createSession(db, admin.id, 1).token}`,
		providerId: provider.id,
		assessmentId: assessment.id,
		draftVersionId: draftVersion.id,
		draftFrameworkId: drents.frameworkId,
		publishedVersionId: drents.id
	};
}

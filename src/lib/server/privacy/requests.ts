/**
 * A person's requests about their data (AVG/GDPR): the beheerder finds the person's
 * participant records (by e-mail address or name), downloads everything stored about them,
 * or erases it. A participant has no account: the same person may appear in several
 * sessions, each time as a separate record.
 *
 * Erasing pseudonymises the records as retention does (./pseudonymise.ts) and, in addition,
 * detaches their comments and theme proposals: the texts stay in the reactienota and the
 * results (they are part of the municipality's record of the dialogue and already name a
 * perspective, not a person), but nothing ties them to the person any more. The same for
 * the keywords and criteria they added in the co-edited theme documents: their `author`
 * (the participant id) becomes null, in the stored documents and in any open one.
 *
 * Search terms are never logged or audited; the audit log keeps participant ids only.
 */
import { identityIds } from '../sessions/identity';
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Db } from '../db';
import {
	auditLog,
	dialogueSessions,
	evaluationReceipts,
	evaluationResponses,
	mailMessages,
	participants,
	reportAcknowledgements,
	reportComments,
	reportVersions,
	sessionThemes,
	stickers,
	themeProposals
} from '../db/schema';
import { audit, type Actor } from '../audit';
import { DomainError } from '../errors';
import { errorFields, log } from '../log';
import { YjsStore } from '../realtime/yjs/persistence';
import { heldAt } from '../reports/reports';
import type { ReportContent } from '../reports/types';
import { findRuntime } from '../runtime';
import { authoredBy, detachAuthors, parseDocName } from '../../shared/theme-document';
import { peopleByIds, pseudonymiseParticipants, type ScrubCounts } from './pseudonymise';
import { accessChanged } from '../access/changes';
import { scrubFreedStorage } from './storage';
import { hidePersonalLinks } from '../mail/link-text';

export interface PersonRecord {
	participantId: number;
	displayName: string;
	email: string | null;
	phone: string | null;
	perspective: string;
	role: string;
	sessionId: number;
	sessionTitle: string;
	sessionDate: Date | null;
	removed: boolean;
	pseudonymised: boolean;
}

/** LIKE with the term taken literally. */
const likeLiteral = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Participant records of a person: with an "@", the exact e-mail address (case does not
 * matter); otherwise every name or address that contains the term.
 */
export function findPeople(db: Pick<Db, 'select'>, input: { term: string }, limit = 200): PersonRecord[] {
	const term = typeof input.term === 'string' ? input.term.trim() : '';
	if (term.length < 2 || term.length > 254) throw new DomainError('error.privacy.term');
	const lower = term.toLowerCase();
	const where = term.includes('@')
		? eq(sql`lower(${participants.email})`, lower)
		: or(
				sql`lower(${participants.displayName}) like ${likeLiteral(lower)} escape '\\'`,
				sql`lower(${participants.email}) like ${likeLiteral(lower)} escape '\\'`
			);
	return records(db, where, limit);
}

/** These participant records, for the confirmation before erasing. */
export function describeRecords(db: Pick<Db, 'select'>, ids: number[]): PersonRecord[] {
	return ids.length ? records(db, inArray(participants.id, ids), 200) : [];
}

function records(db: Pick<Db, 'select'>, where: SQL | undefined, limit: number): PersonRecord[] {
	return db
		.select({ participant: participants, session: dialogueSessions })
		.from(participants)
		.innerJoin(dialogueSessions, eq(dialogueSessions.id, participants.dialogueSessionId))
		.where(where)
		.orderBy(asc(participants.id))
		.limit(limit)
		.all()
		.map(({ participant: p, session: s }) => ({
			participantId: p.id,
			displayName: p.displayName,
			email: p.email,
			phone: p.phone,
			perspective: p.perspective,
			role: p.role,
			sessionId: s.id,
			sessionTitle: s.title,
			sessionDate: heldAt(s),
			removed: p.removedAt !== null,
			pseudonymised: p.pseudonymisedAt !== null
		}));
}

/**
 * The chosen records, and the records merged into them: a person who joined with the code and
 * was then matched to their list entry has both, and the code record holds the name they typed
 * at the projector and what they wrote before the match (../sessions/identity.ts).
 */
function requirePeople(db: Pick<Db, 'select'>, ids: number[]) {
	if (ids.length === 0) throw new DomainError('error.privacy.noneChosen');
	if (ids.length > 200 || ids.some((id) => !Number.isSafeInteger(id) || id < 1)) throw new DomainError('error.missing', 404);
	const unique = [...new Set(ids)];
	const chosen = peopleByIds(db, unique);
	if (chosen.length !== unique.length) throw new DomainError('error.missing', 404);
	const all = [...new Set(unique.flatMap((id) => identityIds(db, id)))];
	return all.length === unique.length ? chosen : peopleByIds(db, all);
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The tables with rows of one participant each, exported in full. */
type PersonTable = typeof stickers | typeof themeProposals | typeof reportComments | typeof mailMessages;

/** Everything stored about these participant records, as one JSON-ready object; audited as `privacy.export`. */
export function exportPerson(db: Db, actor: Actor, ids: number[], now = new Date()) {
	const people = requirePeople(db, ids);
	const participantIds = people.map((p) => p.id);
	const store = new YjsStore(db);
	const documents = new Map<number, { theme: string; doc: Y.Doc }[]>();
	const versions = new Map<number, ReportContent | undefined>();
	const targetText = (versionId: number, target: string): string | null => {
		if (!versions.has(versionId))
			versions.set(versionId, db.select().from(reportVersions).where(eq(reportVersions.id, versionId)).get()?.content);
		const [kind, key] = target.split(':');
		for (const section of versions.get(versionId)?.sections ?? []) {
			if (kind === 'section' && section.key === key) return section.heading;
			const criterion = kind === 'criterion' ? section.criteria?.find((c) => c.key === key) : undefined;
			if (criterion) return criterion.text;
		}
		return null;
	};
	const records = people.map((p) => {
		/** The person's rows of a table, oldest first. */
		const ofPerson = <T extends PersonTable>(table: T): T['$inferSelect'][] =>
			db.select().from(table).where(eq(table.participantId, p.id)).orderBy(asc(table.id)).all() as T['$inferSelect'][];
		const session = db.select().from(dialogueSessions).where(eq(dialogueSessions.id, p.dialogueSessionId)).get()!;
		const themes = db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, session.id)).all();
		const themeName = new Map(themes.map((th) => [th.id, th.name]));
		// What they wrote in the co-edited documents, as stored (every accepted edit is).
		if (!documents.has(session.id))
			documents.set(session.id, storedThemeDocs(store, session.id, new Map(themes.map((th) => [th.key, th.name]))));
		const written = documents.get(session.id)!.map(({ theme, doc }) => ({ theme, ...authoredBy(doc, p.id) }));
		return {
			participant: {
				id: p.id,
				name: p.displayName,
				perspective: p.perspective,
				role: p.role,
				email: p.email,
				phone: p.phone,
				notes: p.notes,
				placedByFacilitator: p.proxyUserId !== null,
				invitedAt: iso(p.invitedAt),
				createdAt: iso(p.createdAt),
				removedAt: iso(p.removedAt),
				pseudonymisedAt: iso(p.pseudonymisedAt)
			},
			session: { id: session.id, title: session.title, heldAt: iso(heldAt(session)), status: session.status },
			stickers: ofPerson(stickers).map((s) => ({
				theme: themeName.get(s.sessionThemeId) ?? null,
				ballot: s.ballot,
				placedByFacilitator: s.proxy,
				at: iso(s.createdAt)
			})),
			themeProposals: ofPerson(themeProposals).map((x) => ({
				title: x.title,
				explanation: x.explanation,
				status: x.status,
				at: iso(x.createdAt)
			})),
			keywords: written.flatMap(({ theme, keywords }) => keywords.map((k) => ({ theme, ...k }))),
			criteria: written.flatMap(({ theme, criteria }) => criteria.map((c) => ({ theme, ...c }))),
			reportComments: ofPerson(reportComments).map((c) => ({
				target: c.target,
				/** What the target is in the version commented on: a section's heading or a criterion's text. */
				targetText: targetText(c.versionId, c.target),
				comment: c.body,
				decision: c.decision,
				answer: c.reason,
				at: iso(c.createdAt)
			})),
			reportAcknowledgements: db
				.select()
				.from(reportAcknowledgements)
				.where(eq(reportAcknowledgements.participantId, p.id))
				.all()
				.map((a) => ({ at: iso(a.at) })),
			evaluation: {
				answered: !!db.select().from(evaluationReceipts).where(eq(evaluationReceipts.participantId, p.id)).get(),
				// Anonymous answers are not theirs to find: only those given with their name.
				answersWithName: db
					.select()
					.from(evaluationResponses)
					.where(eq(evaluationResponses.participantId, p.id))
					.all()
					.map((r) => ({ answers: r.answers, day: r.day }))
			},
			mails: ofPerson(mailMessages)
				// Personal links hidden: the beheerder who downloads this must not be able to use them.
				.map((m) => ({
					kind: m.kind,
					to: m.toAddress,
					subject: hidePersonalLinks(m.subject),
					text: hidePersonalLinks(m.textBody),
					status: m.status,
					queuedAt: iso(m.createdAt),
					sentAt: iso(m.sentAt)
				})),
			activity: db
				.select()
				.from(auditLog)
				.where(
					or(
						and(eq(auditLog.actorType, 'participant'), eq(auditLog.actorId, p.id)),
						and(eq(auditLog.subjectType, 'participant'), eq(auditLog.subjectId, p.id))
					)
				)
				.orderBy(asc(auditLog.id))
				.all()
				.map((a) => ({ action: a.action, at: iso(a.at) }))
		};
	});
	for (const list of documents.values()) for (const { doc } of list) doc.destroy();
	db.transaction((tx) => audit(tx, actor, 'privacy.export', undefined, { participantIds }));
	return {
		exportedAt: now.toISOString(),
		about: 'Alle gegevens die Kwaliteitsdialoog over deze persoon heeft opgeslagen, per gesprek.',
		records
	};
}

/**
 * Erases these participant records: pseudonymised, links ended, mail emptied, named
 * evaluation answers, comments and proposals detached. One transaction; audited as
 * `privacy.erase` with ids and counts. Live connections of the records end at once, and the
 * old content is removed from the database file and its WAL as well (./storage.ts).
 *
 * Then, after that transaction, they are detached from what they added in the co-edited
 * documents of their sessions (see detachFromDocuments): `documents` resolves to whether
 * that worked (and the freed storage is scrubbed again). It is idempotent; when it failed
 * (logged), erasing the same records again does it again.
 */
export function erasePerson(
	db: Db,
	actor: Actor,
	ids: number[],
	now = new Date()
): { counts: ScrubCounts; messageIds: string[]; documents: Promise<boolean> } {
	const { result, bySession, erased } = db.transaction((tx) => {
		const people = requirePeople(tx, ids);
		const result = pseudonymiseParticipants(tx, people, { detach: true, now });
		audit(tx, actor, 'privacy.erase', undefined, { participantIds: people.map((p) => p.id), ...result.counts });
		const bySession = new Map<number, number[]>();
		for (const p of people) bySession.set(p.dialogueSessionId, [...(bySession.get(p.dialogueSessionId) ?? []), p.id]);
		return { result, bySession, erased: people.map((p) => p.id) };
	});
	accessChanged(db, { participantIds: erased });
	scrubFreedStorage(db);
	const documents = detachFromDocuments(db, bySession).then((ok) => {
		scrubFreedStorage(db);
		return ok;
	});
	return { ...result, documents };
}

/** The stored theme documents of a dialogue session, each with its theme's name (rows that cannot be applied are skipped). */
function storedThemeDocs(store: YjsStore, dialogueSessionId: number, nameOf: Map<string, string>): { theme: string; doc: Y.Doc }[] {
	return store.sessionDocNames(dialogueSessionId).map((name) => {
		const key = parseDocName(name)!.themeKey;
		return { theme: nameOf.get(key) ?? key, doc: store.loadDoc(name).doc };
	});
}

/**
 * Sets `author` to null wherever these participants added a keyword or criterion, and
 * compacts, so that nothing in the stored documents ties content to them. A document may be
 * open in the co-editing process: when the realtime layer runs (the server), the Yjs host
 * does it (in the live copy, stored and relayed like an edit); without it (the command line,
 * unit tests) nothing serves documents, and it is done in storage directly, at once.
 * Never rejects: a failure is logged and reported as false.
 */
export function detachFromDocuments(db: Db, bySession: Map<number, number[]>): Promise<boolean> {
	const runtime = findRuntime();
	const yjs = runtime?.db === db ? runtime.realtime?.yjs : undefined;
	const failed = (dialogueSessionId: number, error: unknown) => {
		log.error('privacy.detach-failed', { session: dialogueSessionId, ...errorFields(error) });
		return false;
	};
	if (!yjs) {
		const store = new YjsStore(db);
		let ok = true;
		for (const [dialogueSessionId, participantIds] of bySession) {
			try {
				for (const name of store.sessionDocNames(dialogueSessionId)) store.rewrite(name, (doc) => detachAuthors(doc, participantIds) > 0);
			} catch (error) {
				ok = failed(dialogueSessionId, error);
			}
		}
		return Promise.resolve(ok);
	}
	return (async () => {
		let ok = true;
		for (const [dialogueSessionId, participantIds] of bySession) {
			try {
				await yjs.detachAuthors(dialogueSessionId, participantIds);
			} catch (error) {
				ok = failed(dialogueSessionId, error);
			}
		}
		return ok;
	})();
}

/**
 * Pseudonymising participants: the one step that both retention and a person's request to be
 * erased take. Name and contact details are replaced (the name by "Deelnemer N", N stable per
 * session), every personal link and the participant's own token stop working, mail to them
 * loses its address and body, and evaluation answers given with a name lose the name.
 *
 * What the group made together stays: stickers, keywords, criteria and comments remain part
 * of the results and the report, which name perspectives, never people. Report versions are
 * immutable and hold no participant names (see ../reports/compose.ts).
 *
 * Runs inside the caller's transaction; it never commits half of it.
 */
import { and, asc, eq, inArray, lte, or } from 'drizzle-orm';
import type { Db } from '../db';
import { evaluationResponses, mailMessages, participants, reportComments, themeProposals, type Participant } from '../db/schema';
import { revokeCredentials } from '../sessions/participants';

type Store = Pick<Db, 'select' | 'update' | 'delete'>;

/** What the pseudonymisation changed: numbers only, fit for the audit log. */
export interface ScrubCounts {
	participants: number;
	links: number;
	mails: number;
	evaluations: number;
	/** Comments and proposals detached from the person (erasure only). */
	detached: number;
}

export const emptyCounts = (): ScrubCounts => ({ participants: 0, links: 0, mails: 0, evaluations: 0, detached: 0 });

export function addCounts(a: ScrubCounts, b: ScrubCounts): ScrubCounts {
	return {
		participants: a.participants + b.participants,
		links: a.links + b.links,
		mails: a.mails + b.mails,
		evaluations: a.evaluations + b.evaluations,
		detached: a.detached + b.detached
	};
}

export const changedSomething = (c: ScrubCounts) => Object.values(c).some((n) => n > 0);

/** The pseudonym's number: the participant's place in the session's list, by id (1-based; never reused). */
export function pseudonymNumber(tx: Pick<Db, 'select'>, participant: Pick<Participant, 'id' | 'dialogueSessionId'>): number {
	return tx
		.select({ id: participants.id })
		.from(participants)
		.where(and(eq(participants.dialogueSessionId, participant.dialogueSessionId), lte(participants.id, participant.id)))
		.all().length;
}

/** The pseudonym, the same in every language: it is stored, not translated. */
export const pseudonym = (n: number) => `Deelnemer ${n}`;

/** Marks a scrubbed mail; shown in the outbox instead of the address and the text. */
export const SCRUBBED_MAIL_NOTE = 'persoonsgegevens verwijderd';

export interface PseudonymiseOptions {
	/** Also detach their comments and theme proposals (a request to erase); retention keeps the link to the pseudonym. */
	detach?: boolean;
	now?: Date;
}

/**
 * Pseudonymises these participants. Idempotent: what is done already is not counted again.
 * Returns the counts and the Message-IDs of the mail whose content was removed (a file
 * transport may hold a copy; see ./files.ts).
 */
export function pseudonymiseParticipants(
	tx: Store,
	people: Participant[],
	options: PseudonymiseOptions = {}
): { counts: ScrubCounts; messageIds: string[] } {
	const now = options.now ?? new Date();
	const counts = emptyCounts();
	const messageIds: string[] = [];
	for (const person of people) {
		if (!person.pseudonymisedAt) {
			tx.update(participants)
				.set({ displayName: pseudonym(pseudonymNumber(tx, person)), email: null, phone: null, notes: null, pseudonymisedAt: now })
				.where(eq(participants.id, person.id))
				.run();
			counts.participants++;
		}
		// Every personal link and their own token stop working (the token once: idempotent).
		counts.links += revokeCredentials(tx, person.id, !person.pseudonymisedAt);

		// Their mail: by participant, and any mail of the session to their address.
		const addressed = person.email
			? and(eq(mailMessages.dialogueSessionId, person.dialogueSessionId), eq(mailMessages.toAddress, person.email))
			: undefined;
		const mails = tx
			.select({
				id: mailMessages.id,
				messageId: mailMessages.messageId,
				status: mailMessages.status,
				toAddress: mailMessages.toAddress,
				textBody: mailMessages.textBody
			})
			.from(mailMessages)
			.where(addressed ? or(eq(mailMessages.participantId, person.id), addressed) : eq(mailMessages.participantId, person.id))
			.all()
			.filter((m) => m.toAddress !== '' || m.textBody !== '');
		for (const mail of mails) {
			tx.update(mailMessages)
				.set({
					toAddress: '',
					subject: '',
					textBody: '',
					attachments: [],
					// Never delivered now: there is no address or text left to deliver.
					...(mail.status === 'queued' ? { status: 'failed' as const } : {}),
					lastError: SCRUBBED_MAIL_NOTE
				})
				.where(eq(mailMessages.id, mail.id))
				.run();
			messageIds.push(mail.messageId);
		}
		counts.mails += mails.length;

		counts.evaluations += tx
			.update(evaluationResponses)
			.set({ participantId: null })
			.where(eq(evaluationResponses.participantId, person.id))
			.run().changes;
		if (options.detach) {
			counts.detached += tx
				.update(reportComments)
				.set({ participantId: null })
				.where(eq(reportComments.participantId, person.id))
				.run().changes;
			counts.detached += tx
				.update(themeProposals)
				.set({ participantId: null })
				.where(eq(themeProposals.participantId, person.id))
				.run().changes;
		}
	}
	return { counts, messageIds };
}

/** The participants of a session (removed ones too: their data is just as personal). */
export function sessionPeople(tx: Pick<Db, 'select'>, sessionId: number): Participant[] {
	return tx.select().from(participants).where(eq(participants.dialogueSessionId, sessionId)).orderBy(asc(participants.id)).all();
}

export function peopleByIds(tx: Pick<Db, 'select'>, ids: number[]): Participant[] {
	if (ids.length === 0) return [];
	return tx.select().from(participants).where(inArray(participants.id, ids)).orderBy(asc(participants.id)).all();
}

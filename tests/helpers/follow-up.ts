/**
 * A held session for the follow-up tests: a facilitator, a trajectory on the MOVISIE themes,
 * a session with a varied group (some with e-mail, some without), a vote, two treated themes
 * with stored results, closed. The session itself is tested elsewhere; here it is set up
 * directly in the tables it leaves behind.
 */
import { eq } from 'drizzle-orm';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { SYSTEM } from '../../src/lib/server/audit';
import type { Db } from '../../src/lib/server/db';
import { dialogueSessions, sessionThemes, stickers, type Perspective } from '../../src/lib/server/db/schema';
import { seedFrameworks } from '../../src/lib/server/frameworks/exchange';
import { addListedParticipant } from '../../src/lib/server/sessions/participants';
import { saveThemeContent } from '../../src/lib/server/sessions/theme-docs';
import { createTrajectory, planTrajectorySession } from '../../src/lib/server/sessions/trajectories';
import { movisieVersionId } from './live';

let counter = 0;

/** Where the example sessions are held: a plausible place, not personal data. */
export const EXAMPLE_PLACE = {
	locationAddress: 'Wijkcentrum De Kern, zaal 2\nKerkstraat 12, 9401 AB Assen',
	locationNotes: 'Rolstoeltoegankelijk, lift aanwezig, ringleiding in de zaal',
	locationUrl: null
};

export const PEOPLE: { displayName: string; perspective: Perspective; email?: string; phone?: string }[] = [
	{ displayName: 'Ans', perspective: 'client', email: 'ans@example.org' },
	{ displayName: 'Bas', perspective: 'client', phone: '06 12345678' },
	{ displayName: 'Carla', perspective: 'client', email: 'carla@example.org' },
	{ displayName: 'Dirk', perspective: 'official', email: 'dirk@gemeente.test' },
	{ displayName: 'Els', perspective: 'official', email: 'els@gemeente.test' },
	{ displayName: 'Fatima', perspective: 'council_member', email: 'fatima@raad.test' },
	{ displayName: 'Gert', perspective: 'wmo_council' },
	{ displayName: 'Hanna', perspective: 'provider', email: 'hanna@zorg.test' }
];

/** A facilitator with a trajectory and its first session, planned, with the participant list filled in. */
export async function plannedWorld(db: Db, scheduledAt = new Date(Date.now() + 7 * 86400_000)) {
	seedFrameworks(db);
	const n = ++counter;
	const facilitator = await createAccount(
		db,
		SYSTEM,
		{ email: `gl-f${n}@gemeente.test`, name: 'Gerda Leider', roles: ['facilitator'] },
		'een goed wachtwoord'
	);
	const actor = { type: 'user' as const, id: facilitator.id };
	const trajectory = createTrajectory(db, actor, {
		title: 'Kwaliteit Wmo 2027',
		goal: 'Samen met cliënten criteria opstellen voor de Wmo.',
		frameworkVersionId: movisieVersionId(db),
		plannedSessions: 3,
		facilitatorId: facilitator.id
	});
	const session = planTrajectorySession(db, actor, trajectory.id, {
		title: 'Eerste gesprek',
		scheduledAt,
		durationMinutes: 120,
		...EXAMPLE_PLACE
	});
	const people = PEOPLE.map((p) => addListedParticipant(db, actor, session.id, p));
	return { facilitator, actor, trajectory, session, people, cookie: `kd_session=${createSession(db, facilitator.id, 7).token}` };
}

/**
 * What a held session leaves behind, written straight into its tables: a vote (clients
 * favour regie, officials veiligheid), two treated themes with keywords, meaning, toetsvraag
 * and criteria, and the session closed at `closedAt`. `people` are its first six participants
 * in the order of PEOPLE.
 */
export function holdSession(db: Db, sessionId: number, people: { id: number }[], closedAt = new Date()) {
	const themes = db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, sessionId)).all();
	const byKey = (k: string) => themes.find((t) => t.key === k)!;
	const regie = byKey('regie-van-de-client');
	const veiligheid = byKey('veiligheid');
	const bejegening = byKey('bejegening');
	const votes: [number, number][] = [
		[0, regie.id],
		[0, veiligheid.id],
		[1, regie.id],
		[2, regie.id],
		[3, veiligheid.id],
		[4, veiligheid.id],
		[4, regie.id],
		[5, bejegening.id]
	];
	for (const [p, theme] of votes)
		db.insert(stickers).values({ dialogueSessionId: sessionId, participantId: people[p]!.id, sessionThemeId: theme }).run();
	db.update(sessionThemes).set({ chosenRank: 1, testQuestionAgreed: true }).where(eq(sessionThemes.id, regie.id)).run();
	db.update(sessionThemes).set({ chosenRank: 2 }).where(eq(sessionThemes.id, veiligheid.id)).run();
	db.transaction((tx) => {
		saveThemeContent(
			tx,
			{ ...regie, chosenRank: 1, testQuestionAgreed: true },
			{
				meaning: 'De cliënt bepaalt zelf hoe de ondersteuning eruitziet.',
				testQuestion: 'Heeft de cliënt de regie over zijn eigen ondersteuning?',
				keywords: [
					{ text: 'zelf kiezen', perspective: 'client', group: null },
					{ text: 'keukentafelgesprek', perspective: 'official', group: null },
					{ text: 'meedenken', perspective: 'client', group: null }
				],
				criteria: [
					{
						text: 'De cliënt krijgt het ondersteuningsplan op papier en begrijpt het.',
						status: 'agreed',
						comment: null,
						addressees: ['municipality', 'provider']
					},
					{ text: 'De cliënt kiest zelf een cliëntondersteuner.', status: 'provisional', comment: null },
					{ text: 'Een eigen budget voor iedereen.', status: 'parked', comment: null }
				]
			}
		);
		saveThemeContent(
			tx,
			{ ...veiligheid, chosenRank: 2 },
			{
				meaning: 'Cliënten voelen zich veilig thuis en bij de zorgverlener.',
				testQuestion: 'Voelt de cliënt zich veilig?',
				keywords: [{ text: 'vertrouwd gezicht', perspective: 'client', group: null }],
				criteria: [{ text: 'Er komt zo min mogelijk wisselend personeel.', status: 'agreed', comment: null }]
			}
		);
	});
	db.update(dialogueSessions).set({ status: 'closed', closedAt, phase: 'closing' }).where(eq(dialogueSessions.id, sessionId)).run();
	return { regie, veiligheid, bejegening };
}

/** The planned world, after the session: a vote, two treated themes with results, closed. */
export async function heldWorld(db: Db, closedAt = new Date()) {
	const world = await plannedWorld(db, new Date(closedAt.getTime() - 2 * 3600_000));
	return { ...world, themes: holdSession(db, world.session.id, world.people, closedAt) };
}

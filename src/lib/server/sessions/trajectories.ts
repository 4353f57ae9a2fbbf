/**
 * Dialogue trajectories (step 1 of the dialogue plan): a goal, the framework version whose
 * themes are offered, themes fixed beforehand or chosen by the participants, the number of
 * sessions planned and the gespreksleider. A session planned within a trajectory offers the
 * themes that earlier sessions did not treat, so nothing chosen against is forgotten.
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import {
	dialogueSessions,
	frameworkThemes,
	frameworkVersions,
	sessionThemes,
	trajectories,
	users,
	type DialogueSession,
	type Trajectory
} from '../db/schema';
import { DomainError } from '../errors';
import { audit, type Actor } from '../audit';
import { singleLine, textBlock, validate } from '../validation';
import { MAX_THEMES_TO_TREAT, createDialogueSession, type SessionSettingsInput } from './setup';

export const MAX_PLANNED_SESSIONS = 12;

export const trajectorySchema = z.object({
	title: singleLine(200),
	goal: textBlock(4000),
	frameworkVersionId: z.number().int().positive(),
	themeSelection: z.enum(['vote', 'fixed']).default('vote'),
	fixedThemeKeys: z
		.array(z.string().min(1).max(100))
		.max(MAX_THEMES_TO_TREAT * MAX_PLANNED_SESSIONS)
		.default([]),
	plannedSessions: z.number().int().min(1).max(MAX_PLANNED_SESSIONS).default(1),
	/** The gespreksleider: an account with the facilitator role. */
	facilitatorId: z.number().int().positive()
});
export type TrajectoryInput = z.input<typeof trajectorySchema>;

/** Checks the parts of a trajectory that depend on other records; throws with the field named. */
function checkReferences(tx: Pick<Db, 'select'>, input: z.output<typeof trajectorySchema>): void {
	const version = tx.select().from(frameworkVersions).where(eq(frameworkVersions.id, input.frameworkVersionId)).get();
	if (!version || version.status !== 'published') throw new DomainError('error.session.frameworkVersion', 400);
	const facilitator = tx.select().from(users).where(eq(users.id, input.facilitatorId)).get();
	if (!facilitator || facilitator.disabledAt || !facilitator.roles.includes('facilitator'))
		throw new DomainError('error.trajectory.facilitator', 400);
	if (input.themeSelection === 'fixed') {
		if (input.fixedThemeKeys.length === 0) throw new DomainError('error.trajectory.fixedThemes', 400);
		const keys = new Set(
			tx
				.select({ key: frameworkThemes.key })
				.from(frameworkThemes)
				.where(eq(frameworkThemes.versionId, version.id))
				.all()
				.map((t) => t.key)
		);
		if (input.fixedThemeKeys.some((k) => !keys.has(k)) || new Set(input.fixedThemeKeys).size !== input.fixedThemeKeys.length) {
			throw new DomainError('error.trajectory.fixedThemes', 400);
		}
	}
}

export function createTrajectory(db: Db, actor: Actor, input: TrajectoryInput): Trajectory {
	const data = validate(trajectorySchema, input);
	if (data.themeSelection === 'vote') data.fixedThemeKeys = [];
	return db.transaction((tx) => {
		checkReferences(tx, data);
		const row = tx.insert(trajectories).values(data).returning().get();
		audit(
			tx,
			actor,
			'trajectory.create',
			{ type: 'trajectory', id: row.id },
			{ frameworkVersionId: data.frameworkVersionId, plannedSessions: data.plannedSessions }
		);
		return row;
	});
}

export const trajectoryUpdateSchema = trajectorySchema.extend({ revision: z.number().int().positive() });

/** Changes a trajectory; a stale revision (someone else saved in between) is refused. */
export function updateTrajectory(db: Db, actor: Actor, id: number, input: z.input<typeof trajectoryUpdateSchema>): Trajectory {
	const { revision, ...data } = validate(trajectoryUpdateSchema, input);
	if (data.themeSelection === 'vote') data.fixedThemeKeys = [];
	return db.transaction((tx) => {
		const current = tx.select().from(trajectories).where(eq(trajectories.id, id)).get();
		if (!current) throw new DomainError('error.missing', 404);
		if (current.revision !== revision) throw new DomainError('error.trajectory.conflict', 409);
		const hasSessions = tx.select({ id: dialogueSessions.id }).from(dialogueSessions).where(eq(dialogueSessions.trajectoryId, id)).get();
		if (hasSessions && data.frameworkVersionId !== current.frameworkVersionId) throw new DomainError('error.trajectory.versionLocked', 409);
		checkReferences(tx, data);
		const row = tx
			.update(trajectories)
			.set({ ...data, revision: current.revision + 1, updatedAt: new Date() })
			.where(eq(trajectories.id, id))
			.returning()
			.get();
		audit(tx, actor, 'trajectory.update', { type: 'trajectory', id });
		return row;
	});
}

export function getTrajectory(db: Pick<Db, 'select'>, id: number): Trajectory | undefined {
	return db.select().from(trajectories).where(eq(trajectories.id, id)).get();
}

export function listTrajectoriesOf(db: Db, facilitatorId: number): Trajectory[] {
	return db.select().from(trajectories).where(eq(trajectories.facilitatorId, facilitatorId)).orderBy(asc(trajectories.id)).all();
}

export function trajectorySessions(db: Pick<Db, 'select'>, trajectoryId: number): DialogueSession[] {
	return db
		.select()
		.from(dialogueSessions)
		.where(eq(dialogueSessions.trajectoryId, trajectoryId))
		.orderBy(asc(dialogueSessions.scheduledAt), asc(dialogueSessions.id))
		.all();
}

export interface CandidateTheme {
	key: string;
	name: string;
	/** framework: from the version, not yet treated; proposal: added by participants in an earlier session. */
	origin: 'framework' | 'proposal';
	/** Fixed beforehand in the trajectory. */
	fixed: boolean;
}

/**
 * The trajectory's themes still to treat, in order: the version's themes and the themes that
 * participants added, minus every theme chosen in one of its sessions so far.
 */
export function candidateThemes(
	db: Pick<Db, 'select'>,
	trajectory: Trajectory
): { treated: { key: string; name: string; sessionId: number }[]; candidates: CandidateTheme[] } {
	const sessionIds = trajectorySessions(db, trajectory.id).map((s) => s.id);
	const earlier = sessionIds.length
		? db
				.select()
				.from(sessionThemes)
				.where(inArray(sessionThemes.dialogueSessionId, sessionIds))
				.orderBy(asc(sessionThemes.dialogueSessionId), asc(sessionThemes.position))
				.all()
		: [];
	const treated = earlier
		.filter((t) => t.chosenRank !== null)
		.sort((a, b) => sessionIds.indexOf(a.dialogueSessionId) - sessionIds.indexOf(b.dialogueSessionId) || a.chosenRank! - b.chosenRank!)
		.map((t) => ({ key: t.key, name: t.name, sessionId: t.dialogueSessionId }));
	const done = new Set(treated.map((t) => t.key));
	const fixed = new Set(trajectory.fixedThemeKeys);
	const candidates: CandidateTheme[] = [];
	const seen = new Set<string>();
	const versionThemes = trajectory.frameworkVersionId
		? db
				.select()
				.from(frameworkThemes)
				.where(eq(frameworkThemes.versionId, trajectory.frameworkVersionId))
				.orderBy(asc(frameworkThemes.position))
				.all()
		: [];
	for (const t of versionThemes) {
		if (done.has(t.key) || seen.has(t.key)) continue;
		if (trajectory.themeSelection === 'fixed' && !fixed.has(t.key)) continue;
		seen.add(t.key);
		candidates.push({ key: t.key, name: t.name, origin: 'framework', fixed: fixed.has(t.key) });
	}
	for (const t of earlier) {
		if (t.origin === 'framework' || done.has(t.key) || seen.has(t.key)) continue;
		seen.add(t.key);
		candidates.push({ key: t.key, name: t.name, origin: 'proposal', fixed: false });
	}
	if (trajectory.themeSelection === 'fixed') {
		const order = new Map(trajectory.fixedThemeKeys.map((k, i) => [k, i]));
		candidates.sort((a, b) => (order.get(a.key) ?? 1e6) - (order.get(b.key) ?? 1e6));
	}
	return { treated, candidates };
}

/**
 * Plans the next session of a trajectory. It offers the trajectory's candidate themes; with
 * fixed themes the next ones in the trajectory's order are chosen beforehand. The session
 * belongs to the trajectory's gespreksleider.
 */
export function planTrajectorySession(
	db: Db,
	actor: Actor,
	trajectoryId: number,
	settings: Omit<SessionSettingsInput, 'frameworkVersionId' | 'themeSelection'>
): DialogueSession {
	const trajectory = getTrajectory(db, trajectoryId);
	if (!trajectory) throw new DomainError('error.missing', 404);
	const { candidates } = candidateThemes(db, trajectory);
	if (candidates.length === 0) throw new DomainError('error.trajectory.nothingLeft', 409);
	return db.transaction(() => {
		const session = createDialogueSession(db, actor, {
			...settings,
			title: settings.title ?? trajectory.title,
			facilitatorId: trajectory.facilitatorId,
			frameworkVersionId: trajectory.frameworkVersionId,
			themeSelection: trajectory.themeSelection
		});
		const offered = db.select().from(sessionThemes).where(eq(sessionThemes.dialogueSessionId, session.id)).all();
		const wanted = new Set(candidates.map((c) => c.key));
		for (const t of offered) if (!wanted.has(t.key)) db.delete(sessionThemes).where(eq(sessionThemes.id, t.id)).run();
		// Themes participants added in earlier sessions of the trajectory come along.
		const offeredKeys = new Set(offered.map((t) => t.key));
		let position = offered.length;
		const earlierIds = trajectorySessions(db, trajectoryId)
			.map((s) => s.id)
			.filter((id) => id !== session.id);
		for (const c of candidates) {
			if (c.origin !== 'proposal' || offeredKeys.has(c.key)) continue;
			const source = db
				.select()
				.from(sessionThemes)
				.where(and(inArray(sessionThemes.dialogueSessionId, earlierIds), eq(sessionThemes.key, c.key)))
				.get();
			if (!source) continue;
			db.insert(sessionThemes)
				.values({
					dialogueSessionId: session.id,
					key: source.key,
					name: source.name,
					description: source.description,
					definition: source.definition,
					testQuestion: source.testQuestion,
					origin: 'carried',
					position: position++
				})
				.run();
		}
		if (trajectory.themeSelection === 'fixed') {
			const next = candidates.filter((c) => c.fixed).slice(0, session.themesToTreat);
			next.forEach((c, i) =>
				db
					.update(sessionThemes)
					.set({ chosenRank: i + 1 })
					.where(and(eq(sessionThemes.dialogueSessionId, session.id), eq(sessionThemes.key, c.key)))
					.run()
			);
		}
		const updated = db.update(dialogueSessions).set({ trajectoryId }).where(eq(dialogueSessions.id, session.id)).returning().get();
		audit(db, actor, 'trajectory.plan_session', { type: 'trajectory', id: trajectoryId }, { dialogueSessionId: session.id });
		return updated;
	});
}

/** Sessions of a trajectory that have been held (closed), for progress. */
export function heldCount(db: Pick<Db, 'select'>, trajectoryId: number): number {
	return db
		.select({ id: dialogueSessions.id })
		.from(dialogueSessions)
		.where(and(eq(dialogueSessions.trajectoryId, trajectoryId), isNotNull(dialogueSessions.closedAt)))
		.all().length;
}

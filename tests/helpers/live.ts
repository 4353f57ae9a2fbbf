/** A live dialogue session on a running test server, with its people and their cookies. */
import type { Socket } from 'socket.io-client';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { SYSTEM } from '../../src/lib/server/audit';
import type { Db } from '../../src/lib/server/db';
import { latestPublishedBySlug } from '../../src/lib/server/frameworks/store';
import { addParticipant } from '../../src/lib/server/sessions/participants';
import { createDialogueSession, type CreateSessionInput } from '../../src/lib/server/sessions/setup';
import type { SessionState } from '../../src/lib/shared/live-state';
import { connected, socketClient } from './realtime';
import { KnownParts } from '../../src/lib/live/static-parts';

export function movisieVersionId(db: Db): number {
	return latestPublishedBySlug(db, 'movisie-kwaliteitsthemas')!.id;
}

let counter = 0;

export async function liveWorld(db: Db, settings: Partial<CreateSessionInput> = {}) {
	const n = ++counter;
	const facilitator = await createAccount(
		db,
		SYSTEM,
		{ email: `gl${n}@gemeente.test`, name: 'Gespreksleider', roles: ['facilitator'] },
		'een goed wachtwoord'
	);
	const session = createDialogueSession(db, SYSTEM, {
		title: 'Gesprek over de Wmo',
		facilitatorId: facilitator.id,
		frameworkVersionId: movisieVersionId(db),
		...settings
	});
	const other = createDialogueSession(db, SYSTEM, {
		title: 'Ander gesprek',
		facilitatorId: facilitator.id,
		frameworkVersionId: movisieVersionId(db)
	});
	const person = (
		displayName: string,
		perspective: 'client' | 'official' | 'wmo_council' | 'council_member',
		role: 'participant' | 'observer' = 'participant',
		sessionId = session.id
	) => addParticipant(db, SYSTEM, sessionId, { displayName, perspective, role });
	const ans = person('Ans', 'client');
	const bas = person('Bas', 'official');
	const cor = person('Cor', 'wmo_council');
	const obs = person('Olga', 'council_member', 'observer');
	const stranger = person('Sven', 'client', 'participant', other.id);
	return {
		facilitator,
		session,
		other,
		ans,
		bas,
		cor,
		obs,
		stranger,
		cookies: {
			facilitator: `kd_session=${createSession(db, facilitator.id, 7).token}`,
			ans: `kd_participant=${ans.token}`,
			bas: `kd_participant=${bas.token}`,
			cor: `kd_participant=${cor.token}`,
			obs: `kd_participant=${obs.token}`,
			stranger: `kd_participant=${stranger.token}`
		}
	};
}

export type Reply = { ok: boolean; error?: string; params?: Record<string, unknown>; state?: SessionState; [key: string]: unknown };

export function emit(socket: Socket, event: string, payload: unknown): Promise<Reply> {
	return socket.timeout(5000).emitWithAck(event, payload);
}

/** A connected socket.io client that has joined the session and keeps the latest state. */
export async function member(url: string, cookie: string, sessionId: number, view?: 'projector') {
	const socket = socketClient(url, { cookie });
	const states: SessionState[] = [];
	// As the live page: parts left out of a push are the ones received before.
	const known = new KnownParts();
	/** The pushed states as they came over the wire, before filling in. */
	const wire: SessionState[] = [];
	socket.on('session:state', (state: SessionState) => {
		wire.push(structuredClone(state));
		states.push(known.complete(state));
	});
	await connected(socket);
	// As the live page: the state in the answer is known before any push right behind it.
	const ask = (event: string, payload: unknown) =>
		new Promise<Reply>((resolve, reject) =>
			socket.timeout(5000).emit(event, payload, (error: Error | null, answer: Reply) => {
				if (error) return reject(error);
				if (answer.state) known.complete(answer.state);
				resolve(answer);
			})
		);
	const joined = await ask('session:join', { sessionId, ...(view ? { view } : {}) });
	if (!joined.ok) throw new Error(`join failed: ${joined.error}`);
	return {
		socket,
		joined,
		states,
		wire,
		get latest(): SessionState {
			return states.at(-1) ?? joined.state!;
		},
		send: (event: string, payload: Record<string, unknown> = {}) => ask(event, { sessionId, ...payload })
	};
}

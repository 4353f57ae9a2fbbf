/**
 * The JSON API's plumbing: reading a JSON or form body, and answering a DomainError (with its
 * problems, for a ValidationError) or a storage fault as a JSON error with a stable code.
 */
import { isHttpError, isRedirect, json, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { translate, type Locale, type MessageKey, type Params } from '../../i18n';
import { DomainError, RETRY_AFTER_SECONDS, storageFault, unavailable } from '../errors';
import { cleanInput, ValidationError, problemsFromZod, validate, type Problem } from '../validation';
import { errorFields, log } from '../log';
import { idListQuery, revisionQuery } from '../api/schemas';
import { userActor, type Actor } from '../audit';
import type { Db } from '../db';
import type { Role } from '../../shared/vocabulary';
import { idParam, requireApiUser } from './guards';

export function message(locale: Locale, code: MessageKey, params?: Params): string {
	return translate(locale, code, params);
}

/** A JSON error body: a stable code and a message for a person. */
export function apiError(locale: Locale, status: number, code: MessageKey, params?: Params, headers?: HeadersInit) {
	return json({ error: { code, message: translate(locale, code, params) } }, { status, headers });
}

/** Describes where a problem is, for people; the default names the field path. */
export type LocationDescriber = (locale: Locale, path: Problem['path']) => string;

/**
 * Runs an API handler; a DomainError becomes its JSON error (a ValidationError also lists its
 * problems, each with path, code, message and location), a storage fault a 503 and anything
 * unexpected a 500 with an id for the log, all in the same shape; redirects and HTTP errors
 * from guards are rethrown.
 */
export async function apiCall(
	event: RequestEvent,
	run: () => Response | Promise<Response>,
	describe?: LocationDescriber
): Promise<Response> {
	const locale = event.locals.locale;
	try {
		return await run();
	} catch (err) {
		if (err instanceof ValidationError) {
			return json(
				{
					error: { code: err.code, message: translate(locale, err.code, err.params) },
					problems: err.problems.map((p) => ({
						path: p.path.join('.'),
						code: p.code,
						message: translate(locale, p.code, p.params),
						location: describe ? describe(locale, p.path) : p.path.join('.')
					}))
				},
				{ status: err.status }
			);
		}
		if (err instanceof DomainError) return apiError(locale, err.status, err.code, err.params);
		// The database is locked or the disk is full: 503, nothing saved, try again.
		const fault = unavailable(err, event.locals.participant && !event.locals.user ? 'participant' : 'staff');
		if (fault) {
			log.warn('api.storage-fault', { status: 503, fault: storageFault(err), route: event.route.id, method: event.request.method });
			return apiError(locale, 503, fault.code, undefined, { 'retry-after': String(RETRY_AFTER_SECONDS) });
		}
		// A guard's redirect or HTTP error keeps its own answer.
		if (isRedirect(err) || isHttpError(err)) throw err;
		// A bug: the same JSON error shape as every other, with an id to find it in the log.
		const id = crypto.randomUUID().slice(0, 8);
		log.error('request.failed', { id, status: 500, route: event.route.id, method: event.request.method, ...errorFields(err) });
		return apiError(locale, 500, 'error.internal', { id });
	}
}

/** Reads and validates a JSON body, with clear errors for bad JSON and bad fields. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
	if (!(request.headers.get('content-type') ?? '').includes('application/json')) {
		throw new DomainError('error.badJson', 415);
	}
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		throw new DomainError('error.badJson', 400);
	}
	const parsed = schema.safeParse(cleanInput(body));
	if (!parsed.success) throw new ValidationError(problemsFromZod(parsed.error), 'error.badRequest');
	return parsed.data;
}

/**
 * GET of one thing by the route's id parameter `param`, for staff with one of `roles` (any
 * staff when none): what `find` gives, as JSON, or 404 when it gives nothing.
 */
export function readOne(param: string, roles: readonly Role[], find: (db: Db, id: number) => object | undefined) {
	return (event: RequestEvent) =>
		apiCall(event, () => {
			requireApiUser(event, ...roles);
			const found = find(event.locals.db, idParam(event, param));
			if (!found) throw new DomainError('error.missing', 404);
			return json(found);
		});
}

/** What a quality manager's change over the API works with: `id` is the route's id parameter. */
export interface ManagerWrite<I> {
	db: Db;
	actor: Actor;
	id: number;
	input: I;
	locale: Locale;
}

/**
 * A quality manager's change to what the route's `param` names: the body read against `body`,
 * then `write` makes the change and gives the answer.
 */
export function managerWrite<S extends z.ZodType>(param: string, body: S, write: (call: ManagerWrite<z.output<S>>) => Response) {
	return (event: RequestEvent) =>
		apiCall(event, async () => {
			const actor = userActor(requireApiUser(event, 'quality_manager'));
			const id = idParam(event, param);
			const input = await readJson(event.request, body);
			return write({ db: event.locals.db, actor, id, input, locale: event.locals.locale });
		});
}

/**
 * PUT and DELETE of a part of a framework draft that carries a revision (the draft's details,
 * a theme, a requirement), for quality managers: PUT sends the fields with the `revision` they
 * were based on, DELETE the revision as `?revision=`. `param` names the route's id parameter.
 */
export function draftPart<S extends z.ZodType<{ revision?: number }>>(
	param: string,
	body: S,
	update: (db: Db, actor: Actor, id: number, revision: number | undefined, input: Omit<z.output<S>, 'revision'>) => unknown,
	remove: (db: Db, actor: Actor, id: number, revision: number | undefined, seen?: readonly number[]) => void,
	/** The optional query naming the child ids the client saw, checked before deleting (`requirements`). */
	seenQuery?: string
) {
	return {
		PUT: managerWrite(param, body, ({ db, actor, id, input: { revision, ...input } }) => json(update(db, actor, id, revision, input))),
		DELETE: (event: RequestEvent) =>
			apiCall(event, () => {
				const actor = userActor(requireApiUser(event, 'quality_manager'));
				const id = idParam(event, param);
				const revision = validate(revisionQuery, event.url.searchParams.get('revision') ?? undefined, ['revision']);
				const seenText = seenQuery === undefined ? null : event.url.searchParams.get(seenQuery);
				const seen = seenText === null ? undefined : validate(idListQuery, seenText, [seenQuery!]);
				remove(event.locals.db, actor, id, revision, seen);
				return new Response(null, { status: 204 });
			})
	};
}

/** What a change to an assessment over the API works with. */
export interface AssessmentWrite<I> {
	db: Db;
	actor: Actor;
	assessmentId: number;
	input: I;
	locale: Locale;
}

/** A quality manager's change to an assessment (`[assessmentId]` in the route): managerWrite. */
export function assessmentWrite<S extends z.ZodType>(body: S, write: (call: AssessmentWrite<z.output<S>>) => Response) {
	return managerWrite('assessmentId', body, ({ id, ...call }) => write({ ...call, assessmentId: id }));
}

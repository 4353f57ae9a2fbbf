/**
 * Telling live viewers that something changed through a page: everyone in the live session
 * gets the new state. (A change of someone's rights reaches their connections by itself: see
 * server/access/changes.)
 */
import type { RequestEvent } from '@sveltejs/kit';

export function pushLiveState(event: Pick<RequestEvent, 'locals'>, sessionId: number): void {
	event.locals.realtime?.sessions.schedule(sessionId);
}

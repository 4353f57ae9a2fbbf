import type { Answer, SessionEvent } from '$lib/live/session.svelte';
import type { EventPayloads } from '$lib/shared/live-contract';

/**
 * The lead page's way to send a facilitator's event: it says what happened (politely) or why
 * it was refused (urgently), and returns the server's answer. Every panel gets the same one.
 */
export type Act = <E extends SessionEvent>(event: E, payload: EventPayloads[E], done?: string) => Promise<Answer<E>>;

/**
 * The phase timer as clients show it. The server stores a deadline (running) or the time left
 * (paused) and sends its own clock (`serverNow`) with every state, so a device whose clock is
 * off still counts down to the same moment.
 */
export interface TimerState {
	deadline: number | null;
	remainingMs: number | null;
	serverNow: number;
}

/** How far the server's clock is ahead of this device's, measured when a state arrived. */
export function clockOffset(serverNow: number, receivedAt: number): number {
	return serverNow - receivedAt;
}

/** Milliseconds left on the timer now, or null when no timer is set. */
export function timeLeft(timer: Pick<TimerState, 'deadline' | 'remainingMs'>, offsetMs: number, now: number): number | null {
	if (timer.deadline !== null) return Math.max(0, timer.deadline - (now + offsetMs));
	return timer.remainingMs;
}

/** "12:05": minutes and seconds, rounded up so the clock shows 0:00 only when time is up. */
export function formatClock(ms: number): string {
	const total = Math.max(0, Math.ceil(ms / 1000));
	const minutes = Math.floor(total / 60);
	const seconds = total % 60;
	return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** Whole minutes left, rounded up (for a sentence such as "nog 3 minuten"). */
export function minutesLeft(ms: number): number {
	return Math.max(0, Math.ceil(ms / 60_000));
}

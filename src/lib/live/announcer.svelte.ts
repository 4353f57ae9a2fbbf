import { t } from '$lib/i18n/t';

/**
 * Messages for screen readers: a polite one for news (the session moved on, your sticker is
 * placed) and an urgent one for refusals. Setting the same text twice is announced twice.
 */
export class Announcer {
	polite = $state('');
	urgent = $state('');
	#timers: ReturnType<typeof setTimeout>[] = [];

	say(text: string): void {
		this.#set('polite', text);
	}

	alert(text: string): void {
		this.#set('urgent', text);
	}

	clearAlert(): void {
		this.urgent = '';
	}

	#set(which: 'polite' | 'urgent', text: string): void {
		// Emptied first, so a repeated message is a change that screen readers announce.
		this[which] = '';
		this.#timers.push(setTimeout(() => (this[which] = text), 50));
	}

	destroy(): void {
		for (const timer of this.#timers) clearTimeout(timer);
	}
}

/**
 * Says (politely, without moving the focus) when the session moves to another step, also one
 * made elsewhere. Call while a component is set up; `step` reads the current step.
 */
export function announceSteps(announcer: Announcer, step: () => { index: number; total: number; name: string } | null): void {
	let last: number | null = null;
	$effect(() => {
		const current = step();
		if (!current) return;
		if (last !== null && current.index !== last)
			announcer.say(t('live.announce.step', { step: current.name, n: current.index + 1, total: current.total }));
		last = current.index;
	});
}

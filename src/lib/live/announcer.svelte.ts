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

import { onMount } from 'svelte';
import { t } from '$lib/i18n/t';
import { Announcer, announceSteps } from './announcer.svelte';
import { LiveSession } from './session.svelte';
import { agendaLabel, currentItem, themeOfItem } from './view';

/**
 * What the participant's page and the facilitator's console share: the connection to one
 * session (started once the page is mounted, if `join` says so, and stopped with it), the
 * announcer, the current step of the agenda with its name and theme, and each new step said
 * to screen readers. Create it while the page's component is set up.
 */
export class LivePage {
	readonly live: LiveSession;
	readonly announcer = new Announcer();
	/** The current step; null before the state came. */
	readonly item = $derived.by(() => (this.live.state ? currentItem(this.live.state) : null));
	readonly stepName = $derived.by(() => (this.live.state && this.item ? agendaLabel(this.live.state, this.item, t) : ''));
	/** The theme the current step is about, if any. */
	readonly theme = $derived.by(() => (this.live.state && this.item ? themeOfItem(this.live.state, this.item) : null));

	constructor(sessionId: number, join: () => boolean = () => true) {
		this.live = new LiveSession(sessionId);
		onMount(() => {
			if (join()) void this.live.start();
			return () => {
				this.live.stop();
				this.announcer.destroy();
			};
		});
		announceSteps(this.announcer, () => {
			const s = this.live.state;
			return s && this.item ? { index: s.agendaIndex, total: s.agenda.length, name: this.stepName } : null;
		});
	}
}

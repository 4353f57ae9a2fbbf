/**
 * Progressive enhancement of the framework forms: submit without a page load; when the
 * server refuses, reload the page data (a conflict shows what is saved now), show its answer
 * and move focus to the error summary, as the #fragment of the form's action does without
 * JavaScript.
 */
import { applyAction, enhance } from '$app/forms';
import { invalidateAll } from '$app/navigation';
import { tick } from 'svelte';

export function enhanceForm(form: HTMLFormElement) {
	return enhance(form, () => async ({ result, update }) => {
		if (result.type === 'failure') {
			// The page data first, then the answer: the alert (a conflict box in it shows what is
			// saved now) is inserted once, with the saved text as it is now, and a screen reader
			// announces that. SvelteKit keeps `form` through an invalidation.
			await invalidateAll();
			await applyAction(result);
			await tick();
			document.querySelector<HTMLElement>('[data-error-summary]')?.focus();
		} else {
			await update();
		}
	});
}

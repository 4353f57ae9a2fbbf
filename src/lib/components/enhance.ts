/**
 * Progressive enhancement of the framework forms: submit without a page load; when the
 * server refuses, show its answer, reload the page data (a conflict shows what is saved now)
 * and move focus to the error summary, as the #fragment of the form's action does without
 * JavaScript.
 */
import { applyAction, enhance } from '$app/forms';
import { invalidateAll } from '$app/navigation';
import { tick } from 'svelte';

export function enhanceForm(form: HTMLFormElement) {
	return enhance(form, () => async ({ result, update }) => {
		if (result.type === 'failure') {
			await applyAction(result);
			await invalidateAll();
			await tick();
			document.querySelector<HTMLElement>('[data-error-summary]')?.focus();
		} else {
			await update();
		}
	});
}

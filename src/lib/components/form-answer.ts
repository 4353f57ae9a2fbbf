/**
 * After a form was posted without JavaScript, the page comes back at the #fragment of the form's
 * action: mostly the heading of the form's section. The browser scrolls there, but focuses it
 * only when it can take the focus, so a keyboard or screen reader user was left at the top of
 * the page while the answer ("Het verslag is definitief", "Schrijf op waarom…") stood further
 * down. This moves the focus to the answer: the first alert or status box in the part of the
 * page the fragment names (its section), or in the page when that part is gone after the change
 * (a finished step). It does nothing when the page put the focus somewhere itself.
 */
/** What to focus, in this order: what went wrong (a summary, an alert, the first field to fix), else what was done. */
const ANSWERS = ['[data-error-summary]', '.kd-alert[role="alert"]', '[aria-invalid="true"]', '.kd-alert[role="status"]'];

export function focusFormAnswer(doc: Document, hash: string): void {
	if (doc.activeElement && doc.activeElement !== doc.body) return;
	const id = decodeURIComponent(hash.replace(/^#/, ''));
	if (!id) return;
	const target = doc.getElementById(id);
	const scope = target ? (target.closest('section') ?? target) : doc.querySelector('main');
	const answer = ANSWERS.map((selector) => scope?.querySelector<HTMLElement>(selector)).find((el) => el);
	if (!answer) return;
	if (!answer.hasAttribute('tabindex')) answer.setAttribute('tabindex', '-1');
	answer.focus();
}

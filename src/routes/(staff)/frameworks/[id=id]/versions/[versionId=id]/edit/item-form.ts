import type { Snippet } from 'svelte';

/** A form of the draft editor about one theme or requirement (EditForm, ConfirmDelete). */
export interface ItemFormProps {
	/** The form action, with the #fragment of the error summary. */
	action: string;
	/** The hidden fields naming what the form is about (or where it adds) and the revision seen. */
	item: Record<string, string | number>;
	submitLabel: string;
	/** Where "cancel" goes back to. */
	cancel: string;
	/** EditForm: the fields; ConfirmDelete: what will be deleted. */
	children: Snippet;
}

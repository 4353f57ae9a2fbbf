/** What the promotion page knows of each framework: its draft (themes, requirements) and newest published version. */
export interface DraftOption {
	frameworkId: number;
	frameworkName: string;
	published: { id: number; label: string } | null;
	draft: {
		id: number;
		label: string;
		themes: { id: number; name: string; requirements: { id: number; title: string; text: string }[] }[];
	} | null;
}

/**
 * The draft theme a criterion most likely goes to: the one named as the session's theme it
 * came from (case and spaces aside), when exactly one draft has such a theme; else none ('').
 */
export function suggestedTheme(targets: readonly DraftOption[], themeName: string): string {
	const name = themeName.trim().toLocaleLowerCase('nl');
	const matches = targets
		.flatMap((target) => target.draft?.themes ?? [])
		.filter((theme) => theme.name.trim().toLocaleLowerCase('nl') === name);
	return matches.length === 1 ? String(matches[0]!.id) : '';
}

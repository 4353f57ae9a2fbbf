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

/**
 * Example criteria shown on request in the criteria step (issue 19): inspiration, never
 * copied into the shared document by themselves. They are the requirements the framework
 * version gives for the theme (for MOVISIE 2013 the "Voorbeeldcriteria" of bijlage 1), word for
 * word, with where they come from. Browser-safe; built in src/lib/server/frameworks/examples.ts.
 */
export interface CriteriaExampleGroup {
	/** Where these examples come from ("MOVISIE (2013), …, Bijlage 1, Thema: Regie van de cliënt"). */
	source: string;
	texts: string[];
}

/** Per theme key of the session: the framework version's examples for that theme, in the source's order. */
export type CriteriaExamples = Record<string, CriteriaExampleGroup[]>;

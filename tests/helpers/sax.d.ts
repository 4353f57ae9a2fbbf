/** The part of sax's API the tests use (sax ships no types). */
declare module 'sax' {
	export interface QualifiedTag {
		name: string;
		attributes: Record<string, string>;
		isSelfClosing: boolean;
	}
	export interface SAXParser {
		onerror: (error: Error) => void;
		onopentag: (tag: QualifiedTag) => void;
		onclosetag: (name: string) => void;
		ontext: (text: string) => void;
		write(xml: string): SAXParser;
		close(): SAXParser;
	}
	export function parser(strict: boolean, options?: { xmlns?: boolean; lowercase?: boolean; position?: boolean }): SAXParser;
	const sax: { parser: typeof parser };
	export default sax;
}

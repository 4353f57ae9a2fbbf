/**
 * Parse-level checks that hostile text stayed text: a small HTML tokenizer (the way a browser
 * splits tags, attributes, raw-text and RCDATA elements and comments) and checks on what it
 * finds, so a test fails when a payload turned into markup, not merely when a string occurs.
 */
import vm from 'node:vm';

export interface Tag {
	name: string;
	attributes: [string, string][];
	/** Content of a raw-text/RCDATA element (script, style, textarea, title). */
	content?: string;
}

const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);

export function decodeEntities(text: string): string {
	const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
		if (entity[0] === '#') {
			const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
			return String.fromCodePoint(code);
		}
		return named[entity.toLowerCase()] ?? whole;
	});
}

/** The tags of a document, and its text (outside tags and raw-text elements), decoded. */
export function tokenize(html: string): { tags: Tag[]; text: string } {
	const tags: Tag[] = [];
	let text = '';
	let i = 0;
	while (i < html.length) {
		const lt = html.indexOf('<', i);
		if (lt < 0) {
			text += html.slice(i);
			break;
		}
		text += html.slice(i, lt);
		if (html.startsWith('<!--', lt)) {
			const end = html.indexOf('-->', lt + 4);
			i = end < 0 ? html.length : end + 3;
			continue;
		}
		if (html[lt + 1] === '!' || html[lt + 1] === '?') {
			const end = html.indexOf('>', lt);
			i = end < 0 ? html.length : end + 1;
			continue;
		}
		const closing = html[lt + 1] === '/';
		const nameMatch = /^[a-zA-Z][^\s/>]*/.exec(html.slice(lt + (closing ? 2 : 1)));
		if (!nameMatch) {
			text += '<';
			i = lt + 1;
			continue;
		}
		const name = nameMatch[0].toLowerCase();
		let j = lt + (closing ? 2 : 1) + nameMatch[0].length;
		const attributes: [string, string][] = [];
		// Attributes, as the HTML tokenizer reads them.
		while (j < html.length && html[j] !== '>') {
			if (/[\s/]/.test(html[j]!)) {
				j++;
				continue;
			}
			const attr = /^[^\s/>=][^\s/>=]*/.exec(html.slice(j));
			const attrName = attr ? attr[0].toLowerCase() : html[j]!;
			j += attr ? attr[0].length : 1;
			while (/\s/.test(html[j] ?? '')) j++;
			let value = '';
			if (html[j] === '=') {
				j++;
				while (/\s/.test(html[j] ?? '')) j++;
				const quote = html[j];
				if (quote === '"' || quote === "'") {
					const end = html.indexOf(quote, j + 1);
					value = html.slice(j + 1, end < 0 ? html.length : end);
					j = end < 0 ? html.length : end + 1;
				} else {
					const unquoted = /^[^\s>]*/.exec(html.slice(j))![0];
					value = unquoted;
					j += unquoted.length;
				}
			}
			attributes.push([attrName, decodeEntities(value)]);
		}
		i = j + 1;
		if (closing) continue;
		const tag: Tag = { name, attributes };
		tags.push(tag);
		if (RAW.has(name)) {
			const end = html.toLowerCase().indexOf(`</${name}`, i);
			tag.content = html.slice(i, end < 0 ? html.length : end);
			if (name === 'textarea' || name === 'title') text += tag.content;
			i = end < 0 ? html.length : end;
		}
	}
	return { tags, text: decodeEntities(text) };
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'srcdoc', 'background']);
/** Svelte's own hydration hooks for load/error events on media elements. */
const SVELTE_EVENT_HOOK = 'this.__e=event';

/**
 * Fails (with `what` in the message) when the document holds markup that hostile text could
 * have produced: an event-handler attribute, a javascript: URL, an inline script that is not
 * valid JavaScript on its own (a script cut short by a `</script>` in the data) or that runs
 * a payload, or an element the app never renders (iframe, object, embed, base). Returns the
 * document's decoded text, so callers can check that the payloads are there as text.
 */
export function expectSafeHtml(html: string, what: string): string {
	const { tags, text } = tokenize(html);
	const problems: string[] = [];
	for (const tag of tags) {
		if (['iframe', 'object', 'embed', 'base', 'frame', 'frameset', 'meta'].includes(tag.name)) {
			if (tag.name !== 'meta' || tag.attributes.some(([n, v]) => n === 'http-equiv' && /refresh/i.test(v)))
				problems.push(`<${tag.name}> element`);
		}
		for (const [name, value] of tag.attributes) {
			if (name.startsWith('on') && value !== SVELTE_EVENT_HOOK) problems.push(`<${tag.name} ${name}="${value.slice(0, 60)}">`);
			if (URL_ATTRIBUTES.has(name) && /^\s*(javascript|vbscript|data:text\/html)/i.test(value.replace(/[\u0000-\u0020]/g, ''))) {
				problems.push(`<${tag.name} ${name}="${value.slice(0, 60)}">`);
			}
			if (name === 'style' && /expression\(|url\(\s*['"]?\s*javascript:/i.test(value))
				problems.push(`<${tag.name} style="${value.slice(0, 60)}">`);
			if (!/^[a-z_:][a-z0-9_.:-]*$/.test(name))
				problems.push(`<${tag.name}> with a strange attribute name ${JSON.stringify(name.slice(0, 40))}`);
		}
		if (tag.name === 'img' && tag.attributes.some(([n, v]) => n === 'src' && v === 'x')) problems.push('<img src=x>');
		if (tag.name === 'script' && !tag.attributes.some(([n]) => n === 'src')) {
			const type = tag.attributes.find(([n]) => n === 'type')?.[1] ?? '';
			const code = tag.content ?? '';
			if (/__xss/.test(code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""')))
				problems.push(`inline script runs a payload: ${code.slice(0, 80)}`);
			if (type === '' || type === 'module' || /javascript/.test(type)) {
				try {
					// Parses only; never runs. A module's top level is parsed as a function body (import()/await aside).
					new vm.Script(`(async function(){${code}\n})`, { filename: what });
				} catch (error) {
					problems.push(`inline script is not valid JavaScript (cut short?): ${(error as Error).message}: ${code.slice(0, 120)}`);
				}
			} else if (/json/.test(type)) {
				try {
					JSON.parse(code);
				} catch {
					problems.push(`inline JSON is not valid: ${code.slice(0, 120)}`);
				}
			}
		}
	}
	if (problems.length > 0) throw new Error(`${what}: hostile text became markup:\n- ${problems.join('\n- ')}`);
	return text;
}

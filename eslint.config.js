// ESLint flat config: the recommended rules of ESLint, typescript-eslint and
// eslint-plugin-svelte, Prettier's opt-outs of formatting rules, and the two import boundaries
// of the layout (see CONTRIBUTING.md). Run with `npm run lint`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Imports that pull server code into a browser bundle (types included: they belong in shared code). */
const serverModules = {
	group: ['**/server', '**/server/**', '*.server', '*.server.*'],
	message: 'Browser code must not import server code ($lib/server/**, *.server.ts); move shared types to src/lib/shared/.'
};

/** Imports that tie domain code to SvelteKit; such helpers belong in src/lib/server/http/. */
const svelteKitModules = {
	group: ['@sveltejs/kit', '@sveltejs/kit/*', '$app/*'],
	message: 'Domain code must not depend on SvelteKit; put SvelteKit-aware helpers in src/lib/server/http/.'
};

export default defineConfig(
	globalIgnores(['build/', '.svelte-kit/', 'node_modules/', 'migrations/', 'test-results/', '.ci/node24/', 'data/', 'tmp/']),
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node }
		},
		rules: {
			// TypeScript checks undefined names itself (svelte-check, tsc); the core rule does not know
			// type-only globals and reports false positives (typescript-eslint's advice).
			'no-undef': 'off',
			// Control characters are matched on purpose: stripping them from input, CSV, iCalendar and PDF text.
			'no-control-regex': 'off',
			// Links are literal paths with ids and the app runs at the root (no paths.base): resolve()
			// would wrap 140 links without changing one; turn it on when a base path is configured.
			'svelte/no-navigation-without-resolve': 'off',
			// `{' '}` keeps a space that Svelte trims at a block's edge; prettier-plugin-svelte writes it too.
			'svelte/no-useless-mustaches': 'off',
			// It flags the scratch Maps and Sets built inside $derived.by and handlers; they are never observed.
			'svelte/prefer-svelte-reactivity': 'off',
			// `_name` marks a parameter or binding that is there for its position only.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Browser code: everything under src/ that SvelteKit may put in a client bundle.
		files: ['src/**/*.{ts,js,svelte}'],
		ignores: ['src/lib/server/**', 'src/**/*.server.{ts,js}', 'src/routes/**/+server.{ts,js}', 'src/app.d.ts'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [serverModules] }]
		}
	},
	{
		// Domain code: plain TypeScript over the database, callable from routes, sockets and tests.
		files: ['src/lib/server/**/*.{ts,js}'],
		ignores: ['src/lib/server/http/**'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [svelteKitModules] }]
		}
	}
);

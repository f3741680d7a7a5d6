/**
 * Playwright drives Debian's Chromium (a downloaded browser cannot be installed here) against the
 * WordPress that tests/env serves, with the host service and simulator from tests/services.sh.
 */
import { defineConfig } from '@playwright/test';

process.env.WP_BASE_URL ??= 'http://127.0.0.1:8889';
process.env.STORAGE_STATE_PATH ??= `${ process.cwd() }/artifacts/storage-states/admin.json`;

export default defineConfig( {
	testDir: './tests/e2e',
	outputDir: './artifacts/test-results',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	forbidOnly: !! process.env.CI,
	reporter: [
		[ 'list' ],
		[ 'json', { outputFile: 'artifacts/results/e2e.json' } ],
	],
	use: {
		baseURL: process.env.WP_BASE_URL,
		browserName: 'chromium',
		headless: true,
		locale: 'en-US',
		viewport: { width: 1280, height: 900 },
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-quic',
				'--no-first-run',
				'--disable-sync',
				// A new domain whose DNS is not there yet, which the owner reaches anyway (diagnoses.spec.ts).
				'--host-resolver-rules=MAP jsc-new-domain.invalid 127.0.0.1',
				'--unsafely-treat-insecure-origin-as-secure=http://jsc-new-domain.invalid:8889',
			],
		},
	},
} );

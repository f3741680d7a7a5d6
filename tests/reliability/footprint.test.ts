/**
 * Cheap where unused: on the front end and on admin pages that are not the panel, at most 3
 * of the plugin's PHP files load (the menu entry needs nothing more), and nothing of the
 * panel's (script, style, status) is on the page. Read from PHP itself on real pages
 * (get_included_files(), through the test site's X-JSC-Probe switch).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshSite, login, page, writeResult } from './site';

function probe( html: string ): { plugin_files: string[]; queries: number } {
	const found = /<!-- jsc-probe (\{.*\}) -->/.exec( html );
	assert.ok( found, 'the page carries the probe' );
	return JSON.parse( found[ 1 ]! );
}

test( 'at most 3 of the plugin’s PHP files, and none of its assets, on pages that are not its own', async () => {
	await freshSite();
	const admin = await login( 'admin' );
	const pages: Array< [ string, string, boolean ] > = [
		[ 'front page', '/', false ],
		[ 'Dashboard', '/wp-admin/', true ],
		[ 'Plugins', '/wp-admin/plugins.php', true ],
		[ 'Settings → General', '/wp-admin/options-general.php', true ],
	];
	const counts: Record< string, number > = {};
	const problems: string[] = [];
	for ( const [ name, url, loggedIn ] of pages ) {
		const answer = await page( url, loggedIn ? admin : null, {
			'x-jsc-probe': '1',
		} );
		const { plugin_files: files } = probe( answer.text );
		counts[ name ] = files.length;
		if ( files.length > 3 ) {
			problems.push( `${ name }: ${ files.join( ', ' ) }` );
		}
		for ( const asset of [
			'jetpack-start-companion-panel',
			'jetpackStartCompanion',
			'build/index.js',
		] ) {
			if ( answer.text.includes( asset ) ) {
				problems.push( `${ name } carries ${ asset }` );
			}
		}
	}
	const panel = probe(
		(
			await page(
				'/wp-admin/admin.php?page=jetpack-start-companion',
				admin,
				{ 'x-jsc-probe': '1' }
			)
		).text
	);

	writeResult( 'footprint', {
		cases: pages.length,
		failures: problems.length,
		figures: {
			...Object.fromEntries(
				Object.entries( counts ).map( ( [ k, v ] ) => [
					`plugin PHP files: ${ k }`,
					v,
				] )
			),
			'plugin PHP files: the panel itself': panel.plugin_files.length,
		},
	} );
	assert.deepEqual( problems, [] );
	assert.ok(
		panel.plugin_files.length > 3,
		'the probe sees the panel’s own files'
	);
} );

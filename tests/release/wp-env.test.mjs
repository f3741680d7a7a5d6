// .wp-env.json is valid for the pinned @wordpress/env: its own config loader reads it (no Docker
// needed for that) and sees what the README promises, the plugin from this folder, the real
// Jetpack, the must-use plugins and the host constants.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire( import.meta.url );
const ROOT = path.resolve(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'../..'
);

test( 'the pinned wp-env loads .wp-env.json', async () => {
	const pinned = JSON.parse(
		fs.readFileSync( path.join( ROOT, 'package.json' ), 'utf8' )
	).devDependencies[ '@wordpress/env' ];
	assert.match( pinned, /^\d+\.\d+\.\d+$/, 'an exact version, not a range' );
	assert.equal( require( '@wordpress/env/package.json' ).version, pinned );

	// Offline, as here: wp-env then reads the latest WordPress version from its cache (seeded),
	// instead of asking WordPress.org.
	require( 'node:dns' ).promises.resolve = async () => {
		throw new Error( 'offline (test)' );
	};
	process.env.WP_ENV_HOME = fs.mkdtempSync(
		path.join( os.tmpdir(), 'jsc-wp-env-' )
	);
	const work = path.join(
		process.env.WP_ENV_HOME,
		createHash( 'md5' )
			.update( path.join( ROOT, '.wp-env.json' ) )
			.digest( 'hex' )
	);
	fs.mkdirSync( work, { recursive: true } );
	fs.writeFileSync(
		path.join( work, 'wp-env-cache.json' ),
		JSON.stringify( { latestWordPressVersion: '6.8.3' } )
	);
	const { loadConfig } = require( '@wordpress/env/lib/config' );
	const { env } = await loadConfig( ROOT );
	const dev = env.development;

	assert.equal( dev.port, 8888 );
	assert.equal( env.tests.port, 8890 );
	assert.equal( dev.phpVersion, '8.3' );
	const plugins = dev.pluginSources.map(
		( s ) => `${ s.type }:${ s.basename }`
	);
	assert.deepEqual( plugins, [
		`local:${ path.basename( ROOT ) }`,
		'zip:jetpack.latest-stable',
	] );
	assert.equal( dev.pluginSources[ 0 ].path, ROOT );
	assert.deepEqual( Object.keys( dev.mappings ).sort(), [
		'wp-content/mu-plugins/jsc-offline-site.php',
		'wp-content/mu-plugins/jsc-wp-env-site-keys.php',
	] );
	assert.ok(
		fs.existsSync(
			dev.mappings[ 'wp-content/mu-plugins/jsc-offline-site.php' ].path
		)
	);
	assert.equal(
		dev.config.JETPACK_START_COMPANION_SERVICE_URL,
		'http://host.docker.internal:9401'
	);
	assert.equal(
		dev.config.JETPACK_START_COMPANION_ALLOW_HTTP_LOOPBACK,
		true
	);
	assert.equal(
		dev.config.JETPACK_START_COMPANION_SITE_KEY,
		undefined,
		'keys are derived at start, never committed'
	);
} );

test( 'npm run env:start / env:stop use the pinned wp-env', () => {
	const { scripts } = JSON.parse(
		fs.readFileSync( path.join( ROOT, 'package.json' ), 'utf8' )
	);
	assert.equal( scripts[ 'env:start' ], 'wp-env start' );
	assert.equal( scripts[ 'env:stop' ], 'wp-env stop' );
	assert.ok( fs.existsSync( path.join( ROOT, 'node_modules/.bin/wp-env' ) ) );
} );

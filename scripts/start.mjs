#!/usr/bin/env node
// `npm start`: a local demo of Jetpack Start Companion without Docker and without internet.
//
// Starts three child processes and prints the panel URL:
//   WordPress.com simulator   http://127.0.0.1:9402   (tests/wpcom-simulator, in memory)
//   host provision service    http://127.0.0.1:9401   (host-service/dist/server.js)
//                             fleet page on http://127.0.0.1:9403/fleet (PGlite in .cache; admin token printed)
//   WordPress Playground      http://127.0.0.1:9400   (@wp-playground/cli, PHP as WebAssembly, SQLite)
// with the plugin and the test Jetpack (tests/jetpack: Jetpack's real connection packages, which
// talk to the simulator as their WordPress.com) mounted and active, the
// plugin's wp-config constants defined by a blueprint (scripts/start/blueprint.json), and the
// browser logged in as admin automatically (Playground's --login).
//
// Environment:
//   JSC_START_WP            unset/"debian": Debian's WordPress from .cache/wordpress-deb (no internet;
//                           runs tests/env/install-system.sh when missing, which needs root + apt);
//                           "latest" or a version such as "6.8": Playground downloads it (internet).
//                           "none": only the simulator and the host service (for the wp-env site of
//                           .wp-env.json, http://localhost:8888; the service derives its key too).
//   JSC_START_SERVICE_BIND  address the host service listens on (127.0.0.1; 0.0.0.0 for Docker)
//   JSC_START_PORT          Playground port (9400)
//   JSC_START_SERVICE_PORT  host service port (9401)
//   JSC_START_SIM_PORT      simulator port (9402)
//   JSC_START_ADMIN_PORT    the fleet page's port (9403)
//   JSC_START_WORKERS       Playground request workers (6; several are needed: WordPress.com's
//                           callbacks (remoteRegister, verify_registration) run while the provision
//                           request and the panel's polling wait)
//   JSC_START_KEEP_SITE=1   keep the Debian-core site (database) of the previous run
//   JSC_START_VERBOSE=1     also copy the children's output to this terminal
//   JSC_START_PHP           PHP version Playground runs (default 8.3; any @php-wasm/node-* installed,
//                           e.g. 8.1 or 8.5: scripts/php-versions-smoke.mjs uses this)
//   JSC_START_DEBUG_LOG=1   WP_DEBUG on, logged to .cache/playground-wp/site/wp-content/debug.log
// Logs: .cache/playground-wp/logs/{simulator,host-service,playground}.log
//
// Ctrl-C or SIGTERM stops the three children (each in its own process group) and exits.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareCore } from './start/prepare-core.mjs';

const t0 = performance.now();
const ROOT = path.resolve(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'..'
);
const CACHE = path.join( ROOT, '.cache' );
const WORK = path.join( CACHE, 'playground-wp' );
const LOGS = path.join( WORK, 'logs' );
const env = process.env;

const HOST = '127.0.0.1';
const WP_PORT = port( 'JSC_START_PORT', 9400 );
const SERVICE_PORT = port( 'JSC_START_SERVICE_PORT', 9401 );
const SIM_PORT = port( 'JSC_START_SIM_PORT', 9402 );
const ADMIN_PORT = port( 'JSC_START_ADMIN_PORT', 9403 );
// The fleet page's admin token: new at every start, printed once, never in a URL.
const ADMIN_TOKEN = randomBytes( 24 ).toString( 'hex' );
const WORKERS = String( env.JSC_START_WORKERS || 6 );
const WP_SOURCE = ( env.JSC_START_WP || 'debian' ).trim();
const USE_DEBIAN = WP_SOURCE === 'debian' || WP_SOURCE === 'deb';
// "none": only the simulator and the host service, e.g. for the wp-env site (.wp-env.json).
const SERVICES_ONLY = WP_SOURCE === 'none';
// The host service listens on loopback; a Docker site (wp-env) needs e.g. 0.0.0.0.
const SERVICE_BIND = env.JSC_START_SERVICE_BIND || HOST;
const KEEP_SITE = /^(1|true|yes)$/i.test( env.JSC_START_KEEP_SITE || '' );
const VERBOSE = /^(1|true|yes)$/i.test( env.JSC_START_VERBOSE || '' );
const PHP_VERSION = ( env.JSC_START_PHP || '' ).trim();
const DEBUG_LOG = /^(1|true|yes)$/i.test( env.JSC_START_DEBUG_LOG || '' );

const SITE_URL = `http://${ HOST }:${ WP_PORT }`;
const SERVICE_URL = `http://${ HOST }:${ SERVICE_PORT }`;
const SIM_URL = `http://${ HOST }:${ SIM_PORT }`;
const FLEET_URL = `http://${ HOST }:${ ADMIN_PORT }/fleet`;
const PANEL_URL = `${ SITE_URL }/wp-admin/admin.php?page=jetpack-start-companion`;

// Demo secrets (loopback only, not for production). The service and the simulator share the
// partner credentials.
const MASTER_SECRET = 'jsc-npm-start-demo-master-secret-0123456789';
const PARTNER_CLIENT_ID = 'demo-partner';
const PARTNER_CLIENT_SECRET = 'demo-partner-secret-0123456789';

const DEB_ROOT = path.join( CACHE, 'wordpress-deb' );
const DEB_VERSION_FILE = path.join(
	DEB_ROOT,
	'usr/share/wordpress/wp-includes/version.php'
);
const CORE_DIR = path.join( WORK, 'core' );
const SITE_DIR = path.join( WORK, 'site' );

function port( name, fallback ) {
	const raw = env[ name ];
	if ( raw === undefined || raw === '' ) {
		return fallback;
	}
	if ( ! /^\d+$/.test( raw ) || Number( raw ) < 1 || Number( raw ) > 65535 ) {
		fail( `${ name } must be a port number (got "${ raw }")` );
	}
	return Number( raw );
}

function log( msg ) {
	process.stdout.write( `[start] ${ msg }\n` );
}

function fail( msg ) {
	process.stderr.write( `[start] ERROR: ${ msg }\n` );
	process.exitCode = 1;
	throw new StartError( msg );
}

class StartError extends Error {}

const secs = () => ( ( performance.now() - t0 ) / 1000 ).toFixed( 1 );

// ---------------------------------------------------------------------------------------------
// Children
// ---------------------------------------------------------------------------------------------
/** @type {{name: string, child: import('node:child_process').ChildProcess, exited: boolean}[]} */
const children = [];
let stopping = false;

function startChild( name, args, extraEnv ) {
	const logFile = path.join( LOGS, `${ name }.log` );
	const fd = fs.openSync( logFile, 'w' );
	// Own process group (detached), so a terminal's Ctrl-C reaches only this script, which then
	// stops the children in order; and `kill -<pgid>` also takes any grandchild.
	const child = spawn( process.execPath, args, {
		cwd: ROOT,
		env: { ...env, ...extraEnv },
		stdio: [ 'ignore', VERBOSE ? 'pipe' : fd, VERBOSE ? 'pipe' : fd ],
		detached: true,
	} );
	if ( VERBOSE ) {
		for ( const stream of [ child.stdout, child.stderr ] ) {
			stream.on( 'data', ( chunk ) => {
				fs.writeSync( fd, chunk );
				for ( const line of chunk.toString().split( '\n' ) ) {
					if ( line.trim() !== '' ) {
						process.stdout.write( `[${ name }] ${ line }\n` );
					}
				}
			} );
		}
	}
	const entry = { name, child, exited: false, logFile };
	child.on( 'exit', ( code, signal ) => {
		entry.exited = true;
		fs.closeSync( fd );
		if ( ! stopping ) {
			process.stderr.write(
				`[start] ${ name } exited unexpectedly (${
					signal ?? `code ${ code }`
				}); last lines of ${ path.relative( ROOT, logFile ) }:\n`
			);
			process.stderr.write( tail( logFile ) );
			shutdown( 1 );
		}
	} );
	children.push( entry );
	return entry;
}

function tail( file, lines = 30 ) {
	try {
		return (
			fs
				.readFileSync( file, 'utf8' )
				.split( '\n' )
				.slice( -lines )
				.join( '\n' ) + '\n'
		);
	} catch {
		return '';
	}
}

function killGroup( entry, signal ) {
	if ( entry.exited ) {
		return;
	}
	try {
		process.kill( -entry.child.pid, signal );
	} catch {
		// Already gone.
	}
}

let shutdownPromise = null;
function shutdown( code ) {
	if ( shutdownPromise ) {
		return shutdownPromise;
	}
	stopping = true;
	shutdownPromise = ( async () => {
		// Playground first (its requests may be waiting on the service), then service, simulator.
		for ( const entry of [ ...children ].reverse() ) {
			if ( entry.exited ) {
				continue;
			}
			killGroup( entry, 'SIGTERM' );
			const deadline = Date.now() + 8000;
			while ( ! entry.exited && Date.now() < deadline ) {
				await sleep( 50 );
			}
			if ( ! entry.exited ) {
				log( `${ entry.name } did not stop in 8 s: SIGKILL` );
				killGroup( entry, 'SIGKILL' );
				while ( ! entry.exited && Date.now() < deadline + 2000 ) {
					await sleep( 50 );
				}
			}
		}
		if ( children.length > 0 ) {
			log( 'stopped.' );
		}
		process.exit( code );
	} )();
	return shutdownPromise;
}

// Last resort (an exception, process.exit elsewhere): no orphans.
process.on( 'exit', () => {
	for ( const entry of children ) {
		killGroup( entry, 'SIGKILL' );
	}
} );
for ( const sig of [ 'SIGINT', 'SIGTERM', 'SIGHUP' ] ) {
	process.on( sig, () => {
		if ( ! stopping ) {
			log( `${ sig }: stopping…` );
		}
		shutdown( 0 );
	} );
}

// `npm start` runs this script under `sh -c`; when npm is killed with SIGTERM, sh dies without
// passing the signal on and this script is re-parented. Notice that and stop the children.
const initialPpid = process.ppid;
setInterval( () => {
	if ( process.ppid !== initialPpid && ! stopping ) {
		log( 'parent process went away: stopping…' );
		shutdown( 0 );
	}
}, 500 ).unref();

const sleep = ( ms ) => new Promise( ( r ) => setTimeout( r, ms ) );

async function waitFor(
	name,
	url,
	{ timeoutMs, ok = ( res ) => res.ok, headers = {}, before = () => true }
) {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while ( Date.now() < deadline ) {
		if ( stopping ) {
			throw new StartError( 'stopping' );
		}
		if ( ! before() ) {
			last = 'not ready yet';
			await sleep( 150 );
			continue;
		}
		try {
			// One request at a time, given all the time left: Playground computes a request it
			// has accepted even when the client gave up on it (a WordPress page costs it 2-4 s of
			// CPU), so probes abandoned after a few seconds piled up on a busy machine until it
			// never answered at all.
			const res = await fetch( url, {
				headers,
				redirect: 'manual',
				signal: AbortSignal.timeout(
					Math.max( 1000, deadline - Date.now() )
				),
			} );
			if ( await ok( res ) ) {
				return;
			}
			last = `HTTP ${ res.status }`;
		} catch ( e ) {
			last = e.cause?.code ?? e.message;
		}
		await sleep( 150 );
	}
	const entry = children.find( ( c ) => c.name === name );
	fail(
		`${ name } did not answer ${ url } within ${
			timeoutMs / 1000
		} s (last: ${ last }); see ${
			entry ? path.relative( ROOT, entry.logFile ) : 'its log'
		}:\n${ entry ? tail( entry.logFile ) : '' }`
	);
}

/**
 * True when `output` is missing or any file under `sourceDir` is newer.
 *
 * @param {string} output    Built file, relative to the repository.
 * @param {string} sourceDir Source folder, relative to the repository.
 */
function isOlderThanSources( output, sourceDir ) {
	const built = path.join( ROOT, output );
	if ( ! fs.existsSync( built ) ) {
		return true;
	}
	const builtAt = fs.statSync( built ).mtimeMs;
	return fs
		.readdirSync( path.join( ROOT, sourceDir ), {
			recursive: true,
			withFileTypes: true,
		} )
		.some(
			( entry ) =>
				entry.isFile() &&
				fs.statSync(
					path.join( entry.parentPath ?? entry.path, entry.name )
				).mtimeMs > builtAt
		);
}

function portFree( p ) {
	return new Promise( ( resolve ) => {
		const sock = net.connect( { host: HOST, port: p } );
		sock.once( 'connect', () => {
			sock.destroy();
			resolve( false );
		} );
		sock.once( 'error', () => resolve( true ) );
	} );
}

function run( cmd, args, what ) {
	log( `${ what }: ${ cmd } ${ args.join( ' ' ) }` );
	const t = performance.now();
	const r = spawnSync( cmd, args, { cwd: ROOT, stdio: 'inherit' } );
	if ( r.status !== 0 ) {
		fail( `${ what } failed (exit ${ r.status ?? r.signal })` );
	}
	log(
		`${ what }: done in ${ ( ( performance.now() - t ) / 1000 ).toFixed(
			1
		) } s`
	);
}

// The WordPress.com simulator and the host service, with matching secrets.
async function startServices() {
	log(
		`starting the WordPress.com simulator on ${ SIM_URL } and the host service on ${ SERVICE_URL }`
	);
	startChild(
		'simulator',
		[ '--import', 'tsx', 'tests/wpcom-simulator/src/main.ts' ],
		{
			SIM_PORT: String( SIM_PORT ),
			SIM_HOST: HOST,
			SIM_CLIENT_ID: PARTNER_CLIENT_ID,
			SIM_CLIENT_SECRET: PARTNER_CLIENT_SECRET,
		}
	);
	startChild( 'host-service', [ 'host-service/dist/server.js' ], {
		JSC_HOST: SERVICE_BIND,
		JSC_PORT: String( SERVICE_PORT ),
		JSC_WPCOM_BASE_URL: SIM_URL,
		// Case B links point at the simulator's authorize page (contract §7).
		JSC_AUTHORIZE_ORIGINS: SIM_URL,
		JSC_MASTER_SECRET: MASTER_SECRET,
		JSC_PARTNER_CLIENT_ID: PARTNER_CLIENT_ID,
		JSC_PARTNER_CLIENT_SECRET: PARTNER_CLIENT_SECRET,
		JSC_DEFAULT_PLAN: 'jetpack-backup-daily',
		JSC_ALLOWED_PLANS: 'jetpack-backup-daily,jetpack-scan,personal',
		JSC_DRAIN_DELAY_MS: '0',
		JSC_LOG_LEVEL: env.JSC_LOG_LEVEL || 'info',
		// The fleet view: PGlite in the demo's data directory, the page on its own port.
		JSC_DATA_DIR: path.join( WORK, 'service-data' ),
		JSC_ADMIN_HOST: HOST,
		JSC_ADMIN_PORT: String( ADMIN_PORT ),
		JSC_ADMIN_TOKEN: ADMIN_TOKEN,
	} );
	await Promise.all( [
		waitFor( 'simulator', `${ SIM_URL }/__sim/calls`, {
			timeoutMs: 30000,
		} ),
		// PGlite's first start creates its database: allow for it.
		waitFor( 'host-service', `${ SERVICE_URL }/healthz`, {
			timeoutMs: 90000,
		} ),
	] );
	log( `simulator and host service ready (${ secs() } s)` );
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------
async function main() {
	fs.mkdirSync( LOGS, { recursive: true } );

	for ( const [ what, p ] of [
		[ 'Playground', SERVICES_ONLY ? 0 : WP_PORT ],
		[ 'host service', SERVICE_PORT ],
		[ 'fleet page', ADMIN_PORT ],
		[ 'simulator', SIM_PORT ],
	] ) {
		if ( p === 0 ) {
			continue;
		}
		if ( ! ( await portFree( p ) ) ) {
			fail(
				`port ${ p } (${ what }) is in use; stop what uses it or set JSC_START_PORT / JSC_START_SERVICE_PORT / JSC_START_SIM_PORT`
			);
		}
	}

	// 0. A fresh clone: install the packages first, as npm test does.
	if (
		! fs.existsSync( path.join( ROOT, 'node_modules/@wp-playground/cli' ) )
	) {
		run( 'npm', [ 'ci' ], 'installing the npm packages (npm ci)' );
	}

	// The test Jetpack's packages (its own vendor/, never the root's dev tools).
	if (
		! SERVICES_ONLY &&
		! fs.existsSync(
			path.join( ROOT, 'tests/jetpack/vendor/autoload_packages.php' )
		)
	) {
		run(
			'composer',
			[ 'install', '-d', 'tests/jetpack', '--no-interaction' ],
			"installing the test Jetpack's packages (composer)"
		);
	}

	// 1. Builds, when the output is missing or older than any of its sources.
	const npxBin = ( name ) => path.join( ROOT, 'node_modules/.bin', name );
	if ( isOlderThanSources( 'build/index.js', 'src' ) ) {
		run( npxBin( 'wp-scripts' ), [ 'build' ], 'building the admin panel' );
	}
	if (
		isOlderThanSources( 'host-service/dist/server.js', 'host-service/src' )
	) {
		run(
			npxBin( 'tsc' ),
			[ '-p', 'host-service/tsconfig.json' ],
			'building the host service'
		);
	}

	if ( SERVICES_ONLY ) {
		await writeWpEnvSiteKeys();
		await startServices();
		printServicesOnly();
		return;
	}

	// 2. WordPress core.
	const mounts = [];
	let installMode;
	if ( USE_DEBIAN ) {
		if ( ! fs.existsSync( DEB_VERSION_FILE ) ) {
			if (
				typeof process.getuid === 'function' &&
				process.getuid() !== 0
			) {
				fail(
					`Debian's WordPress is not unpacked in ${ path.relative(
						ROOT,
						DEB_ROOT
					) }. Run: sudo bash tests/env/install-system.sh (or JSC_START_WP=latest with internet)`
				);
			}
			run(
				'bash',
				[ 'tests/env/install-system.sh' ],
				"installing Debian's WordPress"
			);
		}
		if ( prepareCore( DEB_ROOT, CORE_DIR ) ) {
			log(
				`resolved copy of Debian's WordPress in ${ path.relative(
					ROOT,
					CORE_DIR
				) } (${ secs() } s)`
			);
		}
		const keep =
			KEEP_SITE &&
			fs.existsSync( path.join( SITE_DIR, 'wp-config.php' ) ) &&
			fs.existsSync( path.join( SITE_DIR, '.jsc-core' ) ) &&
			fs.readFileSync( path.join( SITE_DIR, '.jsc-core' ), 'utf8' ) ===
				fs.readFileSync( path.join( CORE_DIR, '.jsc-core' ), 'utf8' );
		if ( ! keep ) {
			// A fresh site each run: the simulator keeps its state in memory only.
			fs.rmSync( SITE_DIR, { recursive: true, force: true } );
			const cp = spawnSync( 'cp', [ '-a', CORE_DIR, SITE_DIR ] );
			if ( cp.status !== 0 ) {
				fs.cpSync( CORE_DIR, SITE_DIR, { recursive: true } );
			}
		} else {
			log(
				`keeping the site of the previous run (${ path.relative(
					ROOT,
					SITE_DIR
				) })`
			);
		}
		mounts.push( `--mount-before-install=${ SITE_DIR }:/wordpress` );
		installMode = 'install-from-existing-files-if-needed';
	} else {
		installMode = 'download-and-install';
	}

	// 3. Plugins: only what the plugin needs (not node_modules), and the test Jetpack.
	const pluginDir = '/wordpress/wp-content/plugins/jetpack-start-companion';
	for ( const item of [
		'plugin.php',
		'uninstall.php',
		'includes',
		'build',
	] ) {
		if ( fs.existsSync( path.join( ROOT, item ) ) ) {
			mounts.push(
				`--mount=${ path.join( ROOT, item ) }:${ pluginDir }/${ item }`
			);
		}
	}
	mounts.push(
		`--mount=${ path.join(
			ROOT,
			'tests/jetpack'
		) }:/wordpress/wp-content/plugins/jetpack`,
		// The settings every offline demo or test site shares (no update checks, not "local").
		`--mount=${ path.join(
			ROOT,
			'tests/env/mu-plugins/jsc-offline-site.php'
		) }:/wordpress/wp-content/mu-plugins/jsc-offline-site.php`
	);

	// 4. Blueprint: constants (the site key is derived like the service does), mu-plugin.
	const siteKey = await demoSiteKey( SITE_URL );
	const blueprint = JSON.parse(
		fs.readFileSync(
			path.join( ROOT, 'scripts/start/blueprint.json' ),
			'utf8'
		)
	);
	for ( const step of blueprint.steps ) {
		if ( step.step === 'defineWpConfigConsts' ) {
			Object.assign( step.consts, {
				JETPACK_START_COMPANION_SERVICE_URL: SERVICE_URL,
				JETPACK_START_COMPANION_SITE_KEY: siteKey,
				// Jetpack's connection package talks to WordPress.com here: the simulator.
				JETPACK__API_BASE: `${ SIM_URL }/jetpack.`,
				JETPACK__WPCOM_JSON_API_BASE: SIM_URL,
				// The simulator's authorize page is an allowed authorize origin (mu-plugin).
				JSC_SIMULATOR_URL: SIM_URL,
			} );
		}
		if (
			step.step === 'writeFile' &&
			step.path.endsWith( '/jsc-start.php' )
		) {
			step.data = fs.readFileSync(
				path.join( ROOT, 'scripts/start/mu-plugin.php' ),
				'utf8'
			);
		}
	}
	if ( ! USE_DEBIAN && WP_SOURCE !== 'latest' ) {
		blueprint.preferredVersions.wp = WP_SOURCE;
	}
	if ( PHP_VERSION !== '' ) {
		blueprint.preferredVersions.php = PHP_VERSION;
	}
	if ( DEBUG_LOG ) {
		const consts = blueprint.steps.find(
			( step ) => step.step === 'defineWpConfigConsts'
		).consts;
		Object.assign( consts, {
			WP_DEBUG: true,
			WP_DEBUG_LOG: true,
			WP_DEBUG_DISPLAY: false,
		} );
	}
	const blueprintFile = path.join( WORK, 'blueprint.json' );
	fs.writeFileSync( blueprintFile, JSON.stringify( blueprint, null, '\t' ) );

	// 5. Simulator and host service.
	await startServices();

	// 6. Playground.
	const cli = path.join(
		ROOT,
		'node_modules/@wp-playground/cli/wp-playground.js'
	);
	if ( ! fs.existsSync( cli ) ) {
		fail( 'node_modules/@wp-playground/cli is missing: run npm install' );
	}
	const pgArgs = [
		cli,
		'server',
		`--port=${ WP_PORT }`,
		`--site-url=${ SITE_URL }`,
		`--wordpress-install-mode=${ installMode }`,
		...( USE_DEBIAN ? [] : [ `--wp=${ WP_SOURCE }` ] ),
		`--workers=${ WORKERS }`,
		...( PHP_VERSION === '' ? [] : [ `--php=${ PHP_VERSION }` ] ),
		...mounts,
		// No --login: with a blueprint file the CLI (3.1) ignores it, and the blueprint's own
		// "login" writes the constant to /internal/shared/consts.json, which the workers rewrite
		// concurrently (it was lost in one of three starts). The blueprint defines
		// PLAYGROUND_AUTO_LOGIN_AS_USER in wp-config.php instead.
		`--blueprint=${ blueprintFile }`,
	];
	log(
		`starting WordPress Playground (${
			USE_DEBIAN
				? "Debian's WordPress"
				: `WordPress ${ WP_SOURCE }, downloaded`
		}) on ${ SITE_URL }`
	);
	startChild( 'playground', pgArgs, {} );
	// The auto-login cookie stops Playground from logging this probe in and redirecting.
	// Playground answers pages while the blueprint still runs (plugins not active yet): wait for
	// its "Ready!" line, then for a page.
	const pgLog = children.find( ( c ) => c.name === 'playground' ).logFile;
	const pgReady = () =>
		/Ready! WordPress is running/.test( fs.readFileSync( pgLog, 'utf8' ) );
	await waitFor( 'playground', `${ SITE_URL }/wp-login.php`, {
		timeoutMs: 300000,
		headers: { cookie: 'playground_auto_login_already_happened=1' },
		// No request before the CLI says it is ready: it accepts them while it still boots.
		before: pgReady,
		ok: ( res ) => res.status === 200 && pgReady(),
	} );

	// 7. Sanity check: Jetpack answers, and the plugin's REST routes exist.
	let jetpack = 'unknown';
	try {
		const res = await fetch(
			`${ SITE_URL }/?rest_route=/jetpack/v4/connection`,
			{ headers: { cookie: 'playground_auto_login_already_happened=1' } }
		);
		const body = await res.json();
		jetpack = res.ok
			? `active, ${ body.isActive ? 'connected' : 'not connected' }${
					body.offlineMode?.isActive ? ', in Offline Mode (!)' : ''
			  }`
			: `HTTP ${ res.status }`;
	} catch ( e ) {
		jetpack = `no answer (${ e.message })`;
	}

	const line = '─'.repeat( 78 );
	process.stdout.write(
		[
			'',
			line,
			`  Jetpack Start Companion is running (ready in ${ secs() } s)`,
			'',
			`  Panel:     ${ PANEL_URL }`,
			`  Login:     automatic in the browser (user admin, password "password")`,
			`  WordPress: ${
				USE_DEBIAN
					? "Debian's WordPress (Playground, SQLite)"
					: `WordPress ${ WP_SOURCE } (Playground, SQLite)`
			}; Jetpack (real connection package) ${ jetpack }`,
			`  Services:  host service ${ SERVICE_URL }  ·  WordPress.com simulator ${ SIM_URL }`,
			`  Fleet:     ${ FLEET_URL }  (admin token: ${ ADMIN_TOKEN })`,
			'',
			'  Pick what WordPress.com answers (auto probes the site; also case_a, case_b, case_c,',
			'  invalid_plan, …):',
			`    curl -X POST ${ SIM_URL }/__sim/scenarios -H 'content-type: application/json' \\`,
			`      -d '{"site":"${ SITE_URL }","scenario":"case_b"}'`,
			`  Calls the simulator received: curl ${ SIM_URL }/__sim/calls`,
			`  Logs: ${ path.relative(
				ROOT,
				LOGS
			) }/{playground,host-service,simulator}.log`,
			'',
			'  Ctrl-C stops everything.',
			line,
			'',
		].join( '\n' )
	);
}

/**
 * The demo site key for a site URL, derived from the demo master secret as the service does.
 *
 * @param {string} siteUrl The site's URL.
 */
async function demoSiteKey( siteUrl ) {
	const { canonicalSiteUrl } = await import(
		path.join( ROOT, 'host-service/dist/lib/canonical.js' )
	);
	return createHmac( 'sha256', MASTER_SECRET )
		.update( `jsc-site-key-v1\n${ canonicalSiteUrl( siteUrl ) }` )
		.digest( 'hex' );
}

/**
 * The wp-env sites' keys, as a must-use plugin .wp-env.json maps in: keys are derived at start,
 * never committed, like a host's provisioning script would write them into wp-config.
 */
async function writeWpEnvSiteKeys() {
	const keys = {};
	for ( const url of [ 'http://localhost:8888', 'http://localhost:8890' ] ) {
		keys[ url ] = await demoSiteKey( url );
	}
	const php = [
		'<?php',
		'// Written by `JSC_START_WP=none npm start` for the wp-env demo sites. Not committed.',
		"add_filter( 'jetpack_start_companion_site_key', static function ( $key ) {",
		`\t$keys = json_decode( '${ JSON.stringify( keys ) }', true );`,
		"\treturn $keys[ untrailingslashit( (string) get_option( 'siteurl' ) ) ] ?? $key;",
		'} );',
		'',
	].join( '\n' );
	fs.mkdirSync( path.join( ROOT, '.cache' ), { recursive: true } );
	fs.writeFileSync( path.join( ROOT, '.cache/wp-env-site-keys.php' ), php );
}

function printServicesOnly() {
	const line = '─'.repeat( 78 );
	process.stdout.write(
		[
			'',
			line,
			`  Host service ${ SERVICE_URL } (listening on ${ SERVICE_BIND }) and WordPress.com`,
			`  simulator ${ SIM_URL } are running (ready in ${ secs() } s); no WordPress was started.`,
			`  Fleet page: ${ FLEET_URL }  (admin token: ${ ADMIN_TOKEN })`,
			'  The wp-env site (.wp-env.json, http://localhost:8888) is configured for them.',
			`  Pick an answer: curl -X POST ${ SIM_URL }/__sim/scenarios -H 'content-type: application/json' \\`,
			`    -d '{"site":"http://localhost:8888","scenario":"case_b"}'`,
			'  Ctrl-C stops them.',
			line,
			'',
		].join( '\n' )
	);
}

main().catch( ( e ) => {
	if ( ! ( e instanceof StartError ) ) {
		process.stderr.write( `[start] ERROR: ${ e.stack ?? e }\n` );
	}
	shutdown( 1 );
} );

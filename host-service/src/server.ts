import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildAdminApp } from './admin/app.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import { drainAndClose } from './plugins/app/lifecycle.js';

function configOrExit(): Config {
	try {
		return loadConfig( process.env );
	} catch ( e ) {
		if ( e instanceof ConfigError ) {
			process.stderr.write(
				`jetpack-start host service: refusing to start.\n${ e.message }\nSee host-service/README.md for every variable.\n`
			);
			process.exit( 78 ); // EX_CONFIG
		}
		throw e;
	}
}

async function main(): Promise< void > {
	const config = configOrExit();
	const app = buildApp( config );
	// Opens the database (and migrates it) and connects Redis (PINGs it) before listening:
	// one it cannot use stops it here.
	await app.ready();
	const admin: FastifyInstance | null =
		config.admin === null
			? null
			: buildAdminApp( app, { token: config.admin.token } );
	// SIGTERM/SIGINT: drain (healthz 503), close, exit 0. A second signal, or the whole stop
	// taking longer than its own deadlines plus a margin, exits 1 at once. The admin
	// listener closes first (nobody acts on the fleet while it stops), then the service.
	closeWithGrace(
		{
			delay: config.drainDelayMs + config.shutdownTimeoutMs + 5_000,
			logger: { error: ( m: unknown ) => app.log.error( m ) },
		},
		async ( { signal, err } ) => {
			if ( err !== undefined ) {
				app.log.error( { err }, 'stopping after an unexpected error' );
			}
			app.log.info( { signal }, 'shutdown requested' );
			await admin?.close();
			await drainAndClose(
				app,
				config.drainDelayMs,
				config.shutdownTimeoutMs
			);
		}
	);
	// Handlers go in first: a supervisor may signal as soon as it sees the listening line.
	// A deep accept queue, so a burst of sites connecting at once is queued rather than
	// dropped (the kernel caps it at net.core.somaxconn).
	await app.listen( { host: config.host, port: config.port, backlog: 4096 } );
	if ( admin !== null && config.admin !== null ) {
		await admin.listen( {
			host: config.admin.host,
			port: config.admin.port,
		} );
		const a = admin.server.address();
		const port =
			typeof a === 'object' && a !== null ? a.port : config.admin.port;
		const host = config.admin.host.includes( ':' )
			? `[${ config.admin.host }]`
			: config.admin.host;
		app.log.info(
			{ fleet_page: `http://${ host }:${ port }/fleet` },
			'fleet page listening'
		);
	} else {
		app.log.info(
			'no JSC_ADMIN_TOKEN: the fleet page and admin API are off'
		);
	}
}

main().catch( ( err: unknown ) => {
	process.stderr.write(
		`jetpack-start host service failed to start: ${
			err instanceof Error ? err.message : String( err )
		}\n`
	);
	process.exit( 1 );
} );

import closeWithGrace from 'close-with-grace';
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
	// Connects Redis (and PINGs it) before listening: a Redis it cannot use stops it here.
	await app.ready();
	// SIGTERM/SIGINT: drain (healthz 503), close, exit 0. A second signal, or the whole stop
	// taking longer than its own deadlines plus a margin, exits 1 at once.
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
}

main().catch( ( err: unknown ) => {
	process.stderr.write(
		`jetpack-start host service failed to start: ${
			err instanceof Error ? err.message : String( err )
		}\n`
	);
	process.exit( 1 );
} );

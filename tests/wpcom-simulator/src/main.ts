import {
	startSimulator,
	type ScenarioName,
	type ScenarioSpec,
} from './simulator.js';

// CLI entry: `node --import tsx tests/wpcom-simulator/src/main.ts`, configured by env.
const env = process.env;
let scenarios: Record< string, ScenarioName | ScenarioSpec > = {};
if ( env.SIM_SCENARIOS !== undefined && env.SIM_SCENARIOS !== '' ) {
	scenarios = JSON.parse( env.SIM_SCENARIOS ) as Record<
		string,
		ScenarioName | ScenarioSpec
	>;
}
const sim = await startSimulator( {
	port: Number( env.SIM_PORT ?? 8899 ),
	host: env.SIM_HOST ?? '127.0.0.1',
	clientId: env.SIM_CLIENT_ID ?? 'sim-client',
	clientSecret: env.SIM_CLIENT_SECRET ?? 'sim-secret',
	scenarios,
	...( env.SIM_PUBLIC_URL ? { publicUrl: env.SIM_PUBLIC_URL } : {} ),
	// comma list of hosts partner_redirect may point at (default: loopback only)
	...( env.SIM_ALLOWED_REDIRECT_HOSTS
		? {
				allowedRedirectHosts: env.SIM_ALLOWED_REDIRECT_HOSTS.split(
					','
				)
					.map( ( h ) => h.trim() )
					.filter( ( h ) => h !== '' ),
		  }
		: {} ),
	logger: env.SIM_LOG === '1',
	// how long a call back into the site may take (default 2 s; Playground's PHP is slower)
	...( env.SIM_PROBE_TIMEOUT_MS
		? { probeTimeoutMs: Number( env.SIM_PROBE_TIMEOUT_MS ) }
		: {} ),
} );
process.stdout.write( `wpcom simulator listening on ${ sim.url }\n` );
const stop = (): void => {
	sim.close().then(
		() => process.exit( 0 ),
		() => process.exit( 1 )
	);
};
process.once( 'SIGTERM', stop );
process.once( 'SIGINT', stop );

/**
 * Bench part "unused-pages": the plugin's cost where it is not used. The front page and two
 * wp-admin pages that are not the panel (Dashboard, Posts), each loaded with the plugin active
 * and inactive, interleaved, round after round: the request's CPU time (active ÷ inactive; PHP's
 * own getrusage() from must-use plugins to shutdown, which other processes on the machine barely
 * sway) and its wall time, database queries, scripts and styles, and the plugin's PHP files PHP
 * loaded (all read through the test site's X-JSC-Probe).
 */
import {
	type Session,
	login,
	page,
	rest,
} from '../../../tests/reliability/site';
import { type Figure, figure, writePart } from './figures';

// Twice the usual rounds: a 1% difference is small.
const ROUNDS = 2 * Number( process.env.JSC_BENCH_ROUNDS ?? 15 );
const PAGES: Array< [ string, string, boolean ] > = [
	[ 'front', '/', false ],
	[ 'dashboard', '/wp-admin/', true ],
	[ 'posts', '/wp-admin/edit.php', true ],
];
const PLUGIN = '/wp/v2/plugins/jetpack-start-companion/plugin';

interface Load {
	cpu: number;
	wall: number;
	queries: number;
	assets: number;
	files: number;
}

async function load( url: string, session: Session | null ): Promise< Load > {
	const answer = await page( url, session, { 'x-jsc-probe': '1' } );
	const probe = JSON.parse(
		/<!-- jsc-probe (\{.*\}) -->/.exec( answer.text )?.[ 1 ] ?? '{}'
	) as {
		queries?: number;
		plugin_files?: string[];
		cpu_ms?: number;
		wall_ms?: number;
	};
	const assets = (
		answer.text.match( /<script[^>]+src=|<link[^>]+rel=['"]stylesheet/g ) ??
		[]
	).length;
	return {
		cpu: probe.cpu_ms ?? NaN,
		wall: probe.wall_ms ?? NaN,
		queries: probe.queries ?? -1,
		assets,
		files: probe.plugin_files?.length ?? -1,
	};
}

async function setActive( admin: Session, active: boolean ): Promise< void > {
	const answer = await rest( 'PUT', PLUGIN, {
		session: admin,
		body: { status: active ? 'active' : 'inactive' },
	} );
	if ( answer.status !== 200 ) {
		throw new Error( `could not switch the plugin: ${ answer.text }` );
	}
	// Not counted: whatever the first request after a switch does once.
	await page( '/', null );
}

void ( async () => {
	const admin = await login( 'admin' );
	const samples: Record< string, { on: Load[]; off: Load[] } > = {};
	for ( const [ id ] of PAGES ) {
		samples[ id ] = { on: [], off: [] };
	}
	// Warm both states once (opcache, first-request work), then measure alternately.
	for ( const active of [ false, true ] ) {
		await setActive( admin, active );
		for ( const [ , url, auth ] of PAGES ) {
			await load( url, auth ? admin : null );
		}
	}
	try {
		for ( let i = 0; i < ROUNDS; i++ ) {
			for ( const active of i % 2 ? [ true, false ] : [ false, true ] ) {
				await setActive( admin, active );
				for ( const [ id, url, auth ] of PAGES ) {
					samples[ id ]![ active ? 'on' : 'off' ].push(
						await load( url, auth ? admin : null )
					);
				}
			}
		}
	} finally {
		await setActive( admin, true );
	}

	const figures: Figure[] = [];
	for ( const [ id ] of PAGES ) {
		const { on, off } = samples[ id ]!;
		const diff = ( key: keyof Load ) =>
			on.map( ( s, i ) => s[ key ] - off[ i ]![ key ] );
		figures.push(
			figure(
				`${ id }-cpu`,
				`${ id }: CPU time, plugin active ÷ inactive`,
				'ms',
				on.map( ( s ) => s.cpu ),
				{ baseline: off.map( ( s ) => s.cpu ), max: 1.01 }
			),
			figure(
				`${ id }-wall`,
				`${ id }: wall time in PHP, plugin active ÷ inactive (swayed by the machine's load)`,
				'ms',
				on.map( ( s ) => s.wall ),
				{ baseline: off.map( ( s ) => s.wall ) }
			),
			figure(
				`${ id }-queries`,
				`${ id }: extra database queries`,
				'count',
				diff( 'queries' ),
				{ max: 0 }
			),
			figure(
				`${ id }-assets`,
				`${ id }: extra scripts and styles`,
				'count',
				diff( 'assets' ),
				{ max: 0 }
			),
			figure(
				`${ id }-php-files`,
				`${ id }: the plugin's PHP files loaded`,
				'count',
				on.map( ( s ) => s.files ),
				{ max: 3 }
			)
		);
	}
	writePart( 'unused-pages', figures );
} )();

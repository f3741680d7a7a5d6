/**
 * Bench part "status-route": the panel's GET /status against core's GET /wp/v2/users/me, both
 * as the logged-in administrator with the REST nonce, interleaved round after round.
 */
import { NAMESPACE, login, rest } from '../../../tests/reliability/site';
import { figure, writePart } from './figures';

const ROUNDS = Number( process.env.JSC_BENCH_ROUNDS ?? 15 ) * 2;

void ( async () => {
	const admin = await login( 'admin' );
	const time = async ( route: string ) => {
		const start = performance.now();
		const answer = await rest( 'GET', route, { session: admin } );
		if ( answer.status !== 200 ) {
			throw new Error( `${ route }: HTTP ${ answer.status }` );
		}
		return performance.now() - start;
	};
	const status: number[] = [];
	const me: number[] = [];
	await time( `${ NAMESPACE }/status` );
	await time( '/wp/v2/users/me' );
	for ( let i = 0; i < ROUNDS; i++ ) {
		if ( i % 2 ) {
			status.push( await time( `${ NAMESPACE }/status` ) );
			me.push( await time( '/wp/v2/users/me' ) );
		} else {
			me.push( await time( '/wp/v2/users/me' ) );
			status.push( await time( `${ NAMESPACE }/status` ) );
		}
	}
	writePart( 'status-route', [
		figure(
			'status-vs-users-me',
			'GET /status ÷ core GET /wp/v2/users/me',
			'ms',
			status,
			{ baseline: me, max: 1.0 }
		),
	] );
} )();

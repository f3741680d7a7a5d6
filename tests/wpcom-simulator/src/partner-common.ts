import type { FastifyReply, FastifyRequest } from 'fastify';
import {
	TRANSPORT_FAILURES,
	type ErrorShape,
	type ScenarioSpec,
} from './scenarios.js';

/** What every partner endpoint shares: both error shapes, the bearer token, transport scenarios. */

export function sendError(
	reply: FastifyReply,
	status: number,
	code: string,
	message: string,
	shape: ErrorShape = 'error_code'
): FastifyReply {
	return reply
		.code( status )
		.send(
			shape === 'error'
				? { error: code, message }
				: { error_code: code, error_message: message }
		);
}

export function isHttpUrl( s: string ): boolean {
	try {
		const u = new URL( s );
		return u.protocol === 'http:' || u.protocol === 'https:';
	} catch {
		return false;
	}
}

export function bearerCheck( tokens: ReadonlySet< string > ) {
	return ( req: FastifyRequest, reply: FastifyReply ): string | null => {
		const h = req.headers.authorization;
		const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec( h ) : null;
		if ( m === null || m[ 1 ] === undefined ) {
			void sendError(
				reply,
				403,
				'authorization_required',
				'An active access token must be used to access partner endpoints.',
				'error'
			);
			return null;
		}
		if ( ! tokens.has( m[ 1 ] ) ) {
			void sendError(
				reply,
				403,
				'invalid_token',
				'The OAuth2 token is invalid.',
				'error'
			);
			return null;
		}
		return m[ 1 ];
	};

	/** Transport-level scenarios shared by every partner endpoint. */
}

export function transportScenarios( sleep: ( ms: number ) => Promise< void > ) {
	/**
	 * Transport-level scenarios shared by every partner endpoint.
	 * @param spec
	 * @param reply
	 */
	return async (
		spec: ScenarioSpec,
		reply: FastifyReply
	): Promise< { answered: boolean; spec: ScenarioSpec } > => {
		let s = spec;
		if ( s.scenario === 'slow' ) {
			await sleep( s.delay_ms ?? 1000 );
			s = { ...s, scenario: s.then ?? 'auto' };
		}
		if ( s.scenario === 'reset' ) {
			reply.hijack();
			reply.raw.socket?.destroy();
			return { answered: true, spec: s };
		}
		const failure = TRANSPORT_FAILURES[ s.scenario ];
		if ( failure !== undefined ) {
			void reply
				.code( failure.status )
				.type( failure.type )
				.send( failure.body );
			return { answered: true, spec: s };
		}
		return { answered: false, spec: s };
	};
}

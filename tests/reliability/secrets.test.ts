/**
 * The site key never leaves PHP: not in a REST answer, a page, the script data the panel page
 * prints, a log line, or a request that went upstream (to the host service, to WordPress.com).
 * The site goes through a real plan request first, so every place has something in it.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
	NAMESPACE,
	ROOT,
	caseB,
	freshSite,
	login,
	oddAnswer,
	page,
	received,
	rest,
	siteKey,
	wpcomAnswers,
	wpcomCalls,
	writeResult,
} from './site';

test( 'the site key is in no response, page, script data, log line or upstream request', async () => {
	const key = siteKey();
	await freshSite();
	const admin = await login( 'admin' );
	await wpcomAnswers( 'case_a' );
	const places: Array< [ string, string ] > = [];

	for ( const [ method, route, body ] of [
		[ 'GET', `${ NAMESPACE }/status`, undefined ],
		[ 'POST', `${ NAMESPACE }/provision`, { accept_terms: true } ],
		[ 'POST', `${ NAMESPACE }/confirm`, undefined ],
		[ 'OPTIONS', `${ NAMESPACE }/status`, undefined ],
		[ 'GET', '/', undefined ],
	] as const ) {
		const answer = await rest( method, route, {
			session: admin,
			...( body ? { body } : {} ),
		} );
		places.push( [ `${ method } ${ route }`, answer.text ] );
	}
	// A request through the misbehaving service too, so its log of what the site sent has one.
	await rest( 'POST', `${ NAMESPACE }/confirm`, {
		session: admin,
		headers: { 'x-jsc-service-url': oddAnswer( 502, caseB() ) },
	} );
	for ( const url of [
		'/wp-admin/admin.php?page=jetpack-start-companion',
		'/wp-admin/',
		'/wp-admin/plugins.php',
		'/',
	] ) {
		places.push( [ `page ${ url }`, ( await page( url, admin ) ).text ] );
	}
	const panel = places.find( ( [ name ] ) =>
		name.includes( 'page=jetpack-start-companion' )
	)![ 1 ];
	const scriptData = [
		...panel.matchAll( /<script[^>]*>([\s\S]*?)<\/script>/g ),
	]
		.map( ( m ) => m[ 1 ]! )
		.filter( ( script ) => script.includes( 'jetpackStartCompanion' ) );
	assert.ok(
		scriptData.length > 0,
		'the panel page prints its status for the first paint'
	);
	places.push( [ 'script data', scriptData.join( '\n' ) ] );
	places.push( [
		'every answer this suite received',
		received.join( '\n' ),
	] );

	const calls = await wpcomCalls();
	places.push( [ 'requests to WordPress.com', JSON.stringify( calls ) ] );
	const logs = [
		...readdirSync( path.join( ROOT, '.cache' ) )
			.filter( ( f ) => f.endsWith( '.log' ) )
			.map( ( f ) => path.join( ROOT, '.cache', f ) ),
		...readdirSync( path.join( ROOT, '.cache/services' ) )
			.filter( ( f ) => f.endsWith( '.log' ) )
			.map( ( f ) => path.join( ROOT, '.cache/services', f ) ),
	];
	let lines = 0;
	for ( const file of logs ) {
		const content = readFileSync( file, 'utf8' );
		lines += content.split( '\n' ).length;
		places.push( [ `log ${ path.relative( ROOT, file ) }`, content ] );
	}
	const upstream = readFileSync(
		path.join( ROOT, '.cache/services/odd-service-requests.log' ),
		'utf8'
	);
	assert.match(
		upstream,
		/x-jetpack-start-signature/,
		'the site signed what it sent'
	);

	const found = places.filter( ( [ , content ] ) => content.includes( key ) );
	writeResult( 'secrets', {
		cases: places.length,
		failures: found.length,
		figures: {
			'places looked at': places.length,
			'answers and pages': received.length,
			'log files': logs.length,
			'log lines': lines,
			'upstream requests': calls.length,
			'site key found': found.length,
		},
	} );
	assert.deepEqual(
		found.map( ( [ name ] ) => name ),
		[]
	);
} );

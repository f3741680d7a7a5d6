/**
 * The preflight checks: what stands in the way of the plan (collapsed to one line when nothing
 * does), "Check again", and the details the host's support asks for, copied in one click.
 */

/**
 * WordPress dependencies
 */
import { speak } from '@wordpress/a11y';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import * as api from '../api';
import type { Diagnostics } from '../types';
import { ActionButton, Card } from './ui';

/**
 * @param props
 * @param props.diagnostics What the checks last found (the status object's).
 */
export function DiagnosticsCard( {
	diagnostics,
}: {
	diagnostics: Diagnostics;
} ) {
	const [ found, setFound ] = useState( diagnostics );
	const [ busy, setBusy ] = useState( false );
	useEffect( () => setFound( diagnostics ), [ diagnostics ] );
	const problems = found.results.filter( ( r ) => r.status !== 'good' );

	const again = async () => {
		setBusy( true );
		try {
			const next = await api.checkAgain();
			setFound( next );
			speak( summary( next.status ) );
		} catch ( caught ) {
			speak( api.toCompanionError( caught ).message, 'assertive' );
		} finally {
			setBusy( false );
		}
	};

	return (
		<Card
			id="jetpack-start-companion-checks-title"
			title={ __( 'Site checks', 'jetpack-start-companion' ) }
		>
			<p>{ summary( found.status ) }</p>
			{ problems.length > 0 && (
				<ul>
					{ problems.map( ( r ) => (
						<li key={ r.check }>
							<strong>{ r.label }</strong> { r.fix }
						</li>
					) ) }
				</ul>
			) }
			<SupportDetails
				text={ found.results
					.map(
						( r ) =>
							`${ r.check }: ${ r.status } | ${ r.evidence }${
								r.host_fix && ' | ' + r.host_fix
							}`
					)
					.join( '\n' ) }
			/>
			<ActionButton
				label={ __( 'Check again', 'jetpack-start-companion' ) }
				busyLabel={ __( 'Checking…', 'jetpack-start-companion' ) }
				isBusy={ busy }
				isDisabled={ busy }
				onClick={ () => void again() }
				variant="secondary"
			/>
		</Card>
	);
}

function summary( status: Diagnostics[ 'status' ] ): string {
	return status === 'good'
		? __(
				'Everything your plan needs is in place.',
				'jetpack-start-companion'
		  )
		: __(
				'Some things on your site need attention:',
				'jetpack-start-companion'
		  );
}

/**
 * A disclosure (native, so keyboard and screen readers know it) with text to hand to support.
 *
 * @param props
 * @param props.text What support needs, as plain text.
 */
export function SupportDetails( { text }: { text: string } ) {
	return (
		<details>
			<summary>
				{ __( 'Details for support', 'jetpack-start-companion' ) }
			</summary>
			<pre style={ PRE }>{ text }</pre>
			<button
				type="button"
				className="button"
				onClick={ () =>
					void navigator.clipboard
						.writeText( text )
						.then( () =>
							speak( __( 'Copied.', 'jetpack-start-companion' ) )
						)
				}
			>
				{ __( 'Copy details', 'jetpack-start-companion' ) }
			</button>
		</details>
	);
}

const PRE = { whiteSpace: 'pre-wrap', fontSize: '12px' } as const;

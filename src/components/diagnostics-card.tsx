/**
 * The preflight checks, shown when one found a problem: what stands in the way and its fix,
 * "Check again" (what it finds is announced), and the details the host's support asks for,
 * copied in one click.
 */

/**
 * WordPress dependencies
 */
import { speak } from '@wordpress/a11y';
import { useState } from '@wordpress/element';
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
	const again = () => {
		setBusy( true );
		api.checkAgain()
			.then( setFound, ( caught ) =>
				speak( api.toCompanionError( caught ).message )
			)
			.finally( () => setBusy( false ) );
	};

	return (
		<Card
			id="jsc-checks"
			title={ __( 'Site checks', 'jetpack-start-companion' ) }
		>
			{ /* Announced when Check again changes it. */ }
			<div aria-live="polite">
				{ found.status === 'good' &&
					__( 'All checks passed.', 'jetpack-start-companion' ) }
				<ul>
					{ found.results.map(
						( r ) =>
							r.status !== 'good' && (
								<li key={ r.check }>
									<strong>{ r.label }</strong> { r.fix }
								</li>
							)
					) }
				</ul>
			</div>
			<SupportDetails text={ found.support } />
			<ActionButton
				label={ __( 'Check again', 'jetpack-start-companion' ) }
				busyLabel={ __( 'Checking…', 'jetpack-start-companion' ) }
				isBusy={ busy }
				isDisabled={ busy }
				onClick={ again }
				variant="secondary"
			/>
		</Card>
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
			<pre style={ { whiteSpace: 'pre-wrap' } }>{ text }</pre>
			<button
				type="button"
				className="button"
				onClick={ ( event ) => {
					// The browser copies the selected details: unlike navigator.clipboard, this
					// works on a plain-http site too, and shows what was copied.
					getSelection()!.selectAllChildren(
						event.currentTarget.previousSibling!
					);
					if ( document.execCommand( 'copy' ) ) {
						speak( __( 'Copied.', 'jetpack-start-companion' ) );
					}
				} }
			>
				{ __( 'Copy details', 'jetpack-start-companion' ) }
			</button>
		</details>
	);
}

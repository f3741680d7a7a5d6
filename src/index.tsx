/**
 * Jetpack Start Companion: the wp-admin panel.
 *
 * Contract with the PHP page (keep in step with the admin page class):
 *
 * - The page prints `<div id="jetpack-start-companion-root"></div>` and enqueues this
 *   script (handle of your choice, dependencies from build/index.asset.php) plus the
 *   `wp-components` style.
 * - Before this script, it prints (wp_add_inline_script( $handle, $js, 'before' )):
 *
 *       window.jetpackStartCompanion = { "initialStatus": <the status object> };
 *
 *   where <the status object> is exactly what GET /jetpack-start-companion/v1/status
 *   answers (docs/rest-api.md), JSON-encoded with wp_json_encode(). Other keys are ignored.
 *   If the global is missing or malformed, the panel shows a spinner and loads the status.
 * - It also registers apiFetch's preloading middleware with the GET response for the
 *   path "/jetpack-start-companion/v1/status": the panel checks the status once on load,
 *   and that first check is answered from the preload without a network request. Later
 *   checks (tab visible again, window focus, after each action) go to the server.
 * - wp_set_script_translations( $handle, 'jetpack-start-companion' ).
 */

/**
 * WordPress dependencies
 */
import { createRoot, StrictMode } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { CompanionPanel } from './components/companion-panel';
import { isCompanionStatus, type CompanionBootData } from './types';

declare global {
	interface Window {
		jetpackStartCompanion?: CompanionBootData;
	}
}

const ROOT_ID = 'jetpack-start-companion-root';

function mount(): void {
	const root = document.getElementById( ROOT_ID );
	if ( ! root ) {
		return;
	}
	const initialStatus = window.jetpackStartCompanion?.initialStatus;
	createRoot( root ).render(
		<StrictMode>
			<CompanionPanel
				initialStatus={
					isCompanionStatus( initialStatus ) ? initialStatus : null
				}
			/>
		</StrictMode>
	);
}

if ( document.readyState === 'loading' ) {
	document.addEventListener( 'DOMContentLoaded', mount, { once: true } );
} else {
	mount();
}

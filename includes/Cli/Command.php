<?php
/**
 * `wp jetpack-start-companion …`: the plan included with the hosting, from a host's scripts.
 *
 * Loaded only under WP-CLI (plugin.php registers it when WP_CLI is defined). Provisioning goes
 * through the same Provisioner as the panel: one attempt at a time, one WordPress.com call per
 * intent, the record kept when something fails. Exit codes: see ExitCode and docs/wp-cli.md.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Cli;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Diagnostics\Checks;
use JetpackStartCompanion\Diagnostics\Preflight;
use JetpackStartCompanion\Diagnostics\Result;
use JetpackStartCompanion\Network\SiteList;
use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Provisioning\Store;
use WP_CLI;
use WP_CLI\Formatter;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Gives this site the Jetpack plan included with its hosting.
 *
 * Exit codes: 0 done (plan active, or reserved and waiting for the owner), 1 error (usage),
 * 2 not ready (configuration, Jetpack, connection owner, consent), 3 refused by WordPress.com,
 * 4 try again later (busy, timeout, passing failure).
 *
 * ## EXAMPLES
 *
 *     # What a host's site-creation script runs once Jetpack is active.
 *     $ wp --user=admin jetpack-start-companion provision --accept-terms --format=json
 *
 *     # On a multisite network, one site at a time.
 *     $ wp --url=https://example.com/shop/ jetpack-start-companion status
 */
final class Command {

	/**
	 * Shows Jetpack and the plan on this site. No remote call.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - yaml
	 *   - csv
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp jetpack-start-companion status --format=json
	 *
	 * @param string[]             $args       Positional arguments (none).
	 * @param array<string,string> $assoc_args Options.
	 */
	public function status( array $args, array $assoc_args ): void {
		( new Output( $assoc_args ) )->item( StatusItem::from_status( $this->status_object() ), StatusItem::FIELDS );
	}

	/**
	 * Runs the preflight checks and shows what each found (evidence, the owner's fix, the host's
	 * fix). Exits 2 when one is critical: a plan request would be refused.
	 *
	 * ## OPTIONS
	 *
	 * [--cached]
	 * : Reuse network results found in the last five minutes instead of checking again.
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - yaml
	 *   - csv
	 * ---
	 *
	 * @param string[]             $args       Positional arguments (none).
	 * @param array<string,string> $assoc_args Options.
	 */
	public function diagnose( array $args, array $assoc_args ): void {
		$results = ( new Preflight() )->run( ! isset( $assoc_args['cached'] ) )->results;
		unset( $assoc_args['cached'] );
		$items  = array_map( static fn ( Result $result ): array => $result->to_array(), $results );
		$format = ( new Output( $assoc_args ) )->format();
		( new Formatter( $assoc_args, array( 'check', 'status', 'label', 'evidence', 'fix', 'host_fix' ) ) )->display_items( $items );
		if ( ! Checks::ready( $results ) ) {
			WP_CLI::error( __( 'This site is not ready for a plan request yet: see the critical checks above.', 'jetpack-start-companion' ), ExitCode::NOT_READY );
		}
		if ( 'table' === $format ) {
			WP_CLI::success( __( 'Nothing stands in the way of a plan request.', 'jetpack-start-companion' ) );
		}
	}

	/**
	 * Asks the host's provision service for this site's plan, as the panel's button does.
	 *
	 * The host consents to the WordPress.com Terms of Service on the site's behalf: pass
	 * --accept-terms, or define JETPACK_START_COMPANION_ACCEPT_TERMS as true. When the plan is
	 * already active or waiting for the owner, nothing is asked again.
	 *
	 * ## OPTIONS
	 *
	 * [--accept-terms]
	 * : Agree to the WordPress.com Terms of Service (https://wordpress.com/tos/) for this site.
	 *
	 * [--plan=<slug>]
	 * : Plan to ask for, instead of JETPACK_START_COMPANION_PLAN (the service decides what it grants).
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - yaml
	 *   - csv
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     # The connection will belong to the WordPress user given with WP-CLI's --user.
	 *     $ wp --user=admin jetpack-start-companion provision --accept-terms
	 *
	 * @param string[]             $args       Positional arguments (none).
	 * @param array<string,string> $assoc_args Options.
	 */
	public function provision( array $args, array $assoc_args ): void {
		$config = new Config();
		$user   = wp_get_current_user();
		$plan   = isset( $assoc_args['plan'] ) ? (string) $assoc_args['plan'] : null;
		if ( null !== $plan ) {
			add_filter( 'jetpack_start_companion_plan', static fn (): string => $plan, PHP_INT_MAX );
		}
		// One call per intent is the Provisioner's rule: a plan that is active or waiting for the
		// owner is not asked for again, and the state it is in is the answer.
		$result = ProvisionRefusal::why( $config, $user, $plan, $assoc_args ) ?? Plugin::provisioner()->request( $user );
		// The gate refuses on a critical check (its evidence and the host's fix for whoever runs
		// this); a recommended one is said and let through.
		$refused_by = is_wp_error( $result ) ? ( (array) $result->get_error_data() )['check'] ?? null : null;
		if ( is_array( $refused_by ) ) {
			WP_CLI::warning( sprintf( '%s: %s Evidence: %s', $refused_by['check'], $refused_by['host_fix'], $refused_by['evidence'] ) );
		}
		foreach ( ( new Preflight() )->latest()->results as $check ) {
			if ( Result::RECOMMENDED === $check->status ) {
				WP_CLI::warning( $check->label . ' ' . $check->fix );
			}
		}
		( new Output( $assoc_args ) )->finish( $this->status_object(), is_wp_error( $result ) ? $result : null );
	}

	/**
	 * Asks WordPress.com, through the host service, whether the plan really is on this site.
	 *
	 * Exits 3 when WordPress.com does not list the plan the site looks to have.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - yaml
	 *   - csv
	 * ---
	 *
	 * @param string[]             $args       Positional arguments (none).
	 * @param array<string,string> $assoc_args Options.
	 */
	public function confirm( array $args, array $assoc_args ): void {
		$result = Plugin::provisioner()->confirm();
		( new Output( $assoc_args ) )->finish( $this->status_object(), is_wp_error( $result ) ? $result : null );
	}

	/**
	 * Forgets this site's plan request, so the next one starts afresh. Jetpack's own connection
	 * and the host's settings stay; nothing is sent to WordPress.com.
	 *
	 * ## OPTIONS
	 *
	 * [--yes]
	 * : Do not ask for confirmation.
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - yaml
	 *   - csv
	 * ---
	 *
	 * @param string[]             $args       Positional arguments (none).
	 * @param array<string,string> $assoc_args Options.
	 */
	public function reset( array $args, array $assoc_args ): void {
		$store = new Store();
		if ( $store->is_locked( time() ) ) {
			( new Output( $assoc_args ) )->finish( $this->status_object(), new WP_Error( 'jetpack_start_companion_busy', __( 'A plan request is running for this site right now; reset it once it has finished.', 'jetpack-start-companion' ) ) );
			return;
		}
		WP_CLI::confirm( __( 'Forget this site\'s plan request?', 'jetpack-start-companion' ), $assoc_args );
		delete_option( Store::RECORD_OPTION );
		( new Output( $assoc_args ) )->outcome( StatusItem::from_status( $this->status_object() ), ExitCode::DONE, __( 'The plan request was forgotten; Jetpack\'s connection was left as it is.', 'jetpack-start-companion' ) );
	}

	/**
	 * Lists the network's sites with Jetpack and the plan on each, from what each site stored
	 * (no remote call). Multisite only.
	 *
	 * ## OPTIONS
	 *
	 * [--page=<number>]
	 * : Page of the list.
	 * ---
	 * default: 1
	 * ---
	 *
	 * [--per-page=<number>]
	 * : Sites per page (at most 500).
	 * ---
	 * default: 100
	 * ---
	 *
	 * [--format=<format>]
	 * : Output format.
	 * ---
	 * default: table
	 * options:
	 *   - table
	 *   - json
	 *   - yaml
	 *   - csv
	 * ---
	 *
	 * @param string[]             $args       Positional arguments (none).
	 * @param array<string,string> $assoc_args Options.
	 */
	public function sites( array $args, array $assoc_args ): void {
		if ( ! is_multisite() ) {
			WP_CLI::error( __( 'This is not a multisite network: use `status`.', 'jetpack-start-companion' ) );
		}
		$page  = SiteList::page( max( 1, (int) ( $assoc_args['page'] ?? 1 ) ), min( 500, max( 1, (int) ( $assoc_args['per-page'] ?? 100 ) ) ) );
		$items = $page['sites'];
		if ( ! ( new Output( $assoc_args ) )->is_structured() ) {
			$items = array_map( array( StatusItem::class, 'for_text' ), $items );
		}
		( new Formatter( $assoc_args, SiteList::FIELDS ) )->display_items( $items );
	}

	/**
	 * @return array<string,mixed>
	 */
	private function status_object(): array {
		return Plugin::status_builder()->build( get_current_user_id() );
	}
}

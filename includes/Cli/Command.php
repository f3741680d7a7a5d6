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

	private const FORMATS = array( 'table', 'json', 'yaml', 'csv' );

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
		$this->show( StatusItem::from_status( $this->status_object() ), StatusItem::FIELDS, $assoc_args );
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
		$format = $this->format( $assoc_args );
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
		$result = $this->provision_refusal( $config, $user, $plan, $assoc_args ) ?? Plugin::provisioner()->request( $user );
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
		$this->finish( $this->status_object(), is_wp_error( $result ) ? $result : null, $assoc_args );
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
		$this->finish( $this->status_object(), is_wp_error( $result ) ? $result : null, $assoc_args );
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
			$this->finish( $this->status_object(), new WP_Error( 'jetpack_start_companion_busy', __( 'A plan request is running for this site right now; reset it once it has finished.', 'jetpack-start-companion' ) ), $assoc_args );
			return;
		}
		WP_CLI::confirm( __( 'Forget this site\'s plan request?', 'jetpack-start-companion' ), $assoc_args );
		delete_option( Store::RECORD_OPTION );
		$this->show_outcome( StatusItem::from_status( $this->status_object() ), ExitCode::DONE, __( 'The plan request was forgotten; Jetpack\'s connection was left as it is.', 'jetpack-start-companion' ), $assoc_args );
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
		if ( 'json' !== $this->format( $assoc_args ) && 'yaml' !== $this->format( $assoc_args ) ) {
			$items = array_map( array( StatusItem::class, 'for_text' ), $items );
		}
		( new Formatter( $assoc_args, SiteList::FIELDS ) )->display_items( $items );
	}

	/**
	 * Why this request may not be made from here, or null.
	 *
	 * @param Config               $config     Settings.
	 * @param \WP_User             $user       Who will own the connection (WP-CLI's --user).
	 * @param string|null          $plan       The --plan slug, if given.
	 * @param array<string,string> $assoc_args Options.
	 */
	private function provision_refusal( Config $config, \WP_User $user, ?string $plan, array $assoc_args ): ?WP_Error {
		if ( null !== $plan && $config->plan() !== $plan ) {
			return new WP_Error( 'jetpack_start_companion_invalid_plan', __( 'A plan slug is lower-case letters, digits, "-" and "_" (e.g. jetpack-backup-daily).', 'jetpack-start-companion' ) );
		}
		$accepted = (bool) WP_CLI\Utils\get_flag_value( $assoc_args, 'accept-terms', false ) || ( defined( 'JETPACK_START_COMPANION_ACCEPT_TERMS' ) && true === constant( 'JETPACK_START_COMPANION_ACCEPT_TERMS' ) );
		if ( ! $accepted ) {
			return new WP_Error( 'jetpack_start_companion_terms_not_accepted', __( 'Agree to the WordPress.com Terms of Service (https://wordpress.com/tos/) for this site with --accept-terms, or define JETPACK_START_COMPANION_ACCEPT_TERMS as true.', 'jetpack-start-companion' ) );
		}
		if ( ! $user->exists() ) {
			return new WP_Error( 'jetpack_start_companion_no_user', __( 'Say which administrator will own the Jetpack connection with WP-CLI\'s --user=<login|id|email>.', 'jetpack-start-companion' ) );
		}
		if ( ! user_can( $user, Plugin::capability() ) ) {
			/* translators: 1: user login, 2: capability name. */
			return new WP_Error( 'jetpack_start_companion_not_allowed', sprintf( __( 'User %1$s may not manage this site\'s Jetpack plan (needs %2$s).', 'jetpack-start-companion' ), $user->user_login, Plugin::capability() ) );
		}
		return null;
	}

	/**
	 * Shows the status after an action, with how it ended, and exits with its code.
	 *
	 * @param array<string,mixed>  $status     The status object now.
	 * @param WP_Error|null        $error      What the plugin refused, if it did.
	 * @param array<string,string> $assoc_args Options.
	 */
	private function finish( array $status, ?WP_Error $error, array $assoc_args ): void {
		$item = StatusItem::from_status( $status );
		$code = ExitCode::for_state( $status['provisioning'] );
		if ( null !== $error && ExitCode::DONE !== $code ) {
			$code = ExitCode::for_error( $error );
		}
		$message = null !== $error && ExitCode::DONE !== $code ? $error->get_error_message() : Outcome::message( $item );
		$this->show_outcome( $item, $code, $message, $assoc_args, null === $error ? null : (string) $error->get_error_code() );
	}

	/**
	 * @param array<string,mixed>  $item       Status record.
	 * @param int                  $code       Exit code.
	 * @param string               $message    One sentence for a person.
	 * @param array<string,string> $assoc_args Options.
	 * @param string|null          $refused_by The plugin's error code when it refused before asking.
	 */
	private function show_outcome( array $item, int $code, string $message, array $assoc_args, ?string $refused_by = null ): void {
		if ( null !== $refused_by && ExitCode::DONE !== $code ) {
			$item['error_code']    = $refused_by;
			$item['error_message'] = $message;
		}
		$item['result']    = ExitCode::RESULTS[ $code ];
		$item['exit_code'] = $code;
		$item['message']   = $message;
		$this->show( $item, array_merge( StatusItem::FIELDS, StatusItem::OUTCOME_FIELDS ), $assoc_args );
		if ( ExitCode::DONE !== $code ) {
			WP_CLI::error( $message, $code );
		}
		if ( 'table' === $this->format( $assoc_args ) ) {
			WP_CLI::success( $message );
		}
	}

	/**
	 * @param array<string,mixed>  $item       A record.
	 * @param string[]             $fields     Its fields, in order.
	 * @param array<string,string> $assoc_args Options.
	 */
	private function show( array $item, array $fields, array $assoc_args ): void {
		$format = $this->format( $assoc_args );
		( new Formatter( $assoc_args, $fields ) )->display_item( in_array( $format, array( 'json', 'yaml' ), true ) ? $item : StatusItem::for_text( $item ) );
	}

	/**
	 * @param array<string,string> $assoc_args Options.
	 */
	private function format( array $assoc_args ): string {
		$format = (string) ( $assoc_args['format'] ?? 'table' );
		return in_array( $format, self::FORMATS, true ) ? $format : 'table';
	}

	/**
	 * @return array<string,mixed>
	 */
	private function status_object(): array {
		return Plugin::status_builder()->build( get_current_user_id() );
	}
}

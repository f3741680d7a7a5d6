<?php
/**
 * Builds the status object the panel renders (docs/rest-api.md). No remote calls.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\HostService\ProvisionAnswer;
use JetpackStartCompanion\Jetpack\Detector;
use JetpackStartCompanion\Jetpack\JetpackState;
use JetpackStartCompanion\Urls;

defined( 'ABSPATH' ) || exit;

final class StatusBuilder {

	public function __construct(
		private Config $config,
		private Detector $detector,
		private Store $store,
	) {}

	/**
	 * @return array<string,mixed>
	 */
	public function build( int $user_id ): array {
		$now     = time();
		$jetpack = $this->detector->detect( $user_id );
		$record  = $this->store->record();
		$state   = StateResolver::resolve( $record, $jetpack, $this->store->is_locked( $now ), $now );
		$user    = get_userdata( $user_id );

		return array(
			'jetpack'      => $jetpack->to_array(),
			'provisioning' => $this->provisioning( $state, $record ),
			'host'         => array(
				'configured'  => $this->config->is_configured(),
				'name'        => $this->config->host_name(),
				'plan_label'  => $this->config->plan_label(),
				'support_url' => $this->config->support_url(),
			),
			'user'         => array(
				'can_provision'        => user_can( $user_id, $this->config->capability() ),
				'can_install_plugins'  => user_can( $user_id, 'install_plugins' ),
				'can_activate_plugins' => user_can( $user_id, 'activate_plugins' ),
				'display_name'         => $user ? $user->display_name : '',
			),
			'checked_at'   => gmdate( 'c', $now ),
		);
	}

	/**
	 * @return array<string,mixed>
	 */
	private function provisioning( string $state, Record $record ): array {
		$pending = in_array( $state, array( StateResolver::AWAITING_AUTHORIZATION, StateResolver::AWAITING_DNS ), true );
		$error   = null;
		if ( null !== $record->last_error && $record->last_error['at'] >= (int) $record->requested_at && StateResolver::REQUESTING !== $state ) {
			$error = ErrorCatalog::describe( $record->last_error, $this->config->host_name() );
		}
		return array(
			'state'        => $state,
			'plan'         => $record->plan,
			'requested_at' => null === $record->requested_at ? null : gmdate( 'c', $record->requested_at ),
			'expires_at'   => $pending && null !== $record->expires_at ? gmdate( 'c', $record->expires_at ) : null,
			'action_url'   => $this->action_url( $state, $record ),
			'sign_on_url'  => $this->sign_on_url( $state, $record ),
			'error'        => $error,
			'confirmation' => $this->confirmation( $record ),
		);
	}

	/**
	 * Case A's next_url is a Secure Sign On link; a pending answer's next_url is the authorize
	 * page, which must not turn into a sign-on link once the plan is active.
	 */
	private function sign_on_url( string $state, Record $record ): ?string {
		if ( StateResolver::ACTIVE !== $state || ProvisionAnswer::ACTIVE !== $record->outcome ) {
			return null;
		}
		// A sign-on link leads into this site's own wp-admin, nowhere else.
		$url   = Urls::http_or_empty( $record->next_url );
		$hosts = array( (string) wp_parse_url( site_url(), PHP_URL_HOST ), (string) wp_parse_url( home_url(), PHP_URL_HOST ) );
		return '' !== $url && Urls::is_on_hosts( $url, $hosts ) ? $url : null;
	}

	/**
	 * What WordPress.com last said of the plan, when it was said after the current request.
	 *
	 * @return array{plan_on_site:string,checked_at:string}|null
	 */
	private function confirmation( Record $record ): ?array {
		$check = $record->confirmation;
		if ( null === $check || (int) $check['at'] < (int) $record->requested_at ) {
			return null;
		}
		return array(
			'plan_on_site' => (string) $check['plan_on_site'],
			'checked_at'   => gmdate( 'c', (int) $check['at'] ),
		);
	}

	/**
	 * Where "Set Up Jetpack" goes: WordPress.com's authorize page (case B), or Jetpack's own
	 * setup screen when WordPress.com could not reach the site yet (case C).
	 */
	private function action_url( string $state, Record $record ): ?string {
		if ( StateResolver::AWAITING_DNS === $state ) {
			return JetpackState::setup_url();
		}
		if ( StateResolver::AWAITING_AUTHORIZATION !== $state ) {
			return null;
		}
		// Defence in depth: the authorize page is WordPress.com's, whatever a host's service passes on.
		$next_url = Urls::http_or_empty( $record->next_url );
		$hosts    = (array) apply_filters( 'jetpack_start_companion_authorize_hosts', array( 'wordpress.com' ) );
		if ( '' === $next_url || ! Urls::is_on_hosts( $next_url, $hosts ) ) {
			return JetpackState::setup_url();
		}
		$redirect = $this->config->partner_redirect();
		return '' === $redirect ? $next_url : add_query_arg( 'partner_redirect', rawurlencode( $redirect ), $next_url );
	}
}

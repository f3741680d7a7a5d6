<?php
/**
 * Builds the status object the panel renders (docs/rest-api.md). No remote calls.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Provisioning;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Diagnostics\Preflight;
use JetpackStartCompanion\Diagnostics\Snapshot;
use JetpackStartCompanion\HostBranding;
use JetpackStartCompanion\HostService\ProvisionAnswer;
use JetpackStartCompanion\Jetpack\Detector;
use JetpackStartCompanion\Jetpack\JetpackState;
use JetpackStartCompanion\Links;
use JetpackStartCompanion\Plans;
use JetpackStartCompanion\Plugin;

defined( 'ABSPATH' ) || exit;

final class StatusBuilder {

	public function __construct(
		private Config $config,
		private Detector $detector,
		private Store $store,
	) {}

	/**
	 * The next build reads Jetpack's connection from the database, not from this request's cache.
	 */
	public function forget_jetpack(): void {
		$this->detector->forget();
	}

	/**
	 * @param int                                       $user_id  The user the status is for.
	 * @param array{0:Record,1:bool,2:string|null}|null $snapshot Store::snapshot() as just read, or null to read it.
	 * @return array<string,mixed>
	 */
	public function build( int $user_id, ?array $snapshot = null ): array {
		$now     = time();
		$jetpack = $this->detector->detect( $user_id );

		list( $record, $locked, $announced ) = $snapshot ?? $this->store->snapshot( $now );
		StateSignal::observe( $this->store, $record, $jetpack, $announced, $now );
		$state    = StateResolver::resolve( $record, $jetpack, $locked, $now );
		$user     = get_userdata( $user_id );
		$branding = new HostBranding();
		$links    = array(
			'authorize_origins' => Links::authorize_origins(),
			'site_origins'      => Links::site_origins(),
		);
		// What the checks last found, without a request (network results as kept).
		$checks       = ( new Preflight() )->latest();
		$provisioning = $this->provisioning( $state, $record, $links, $branding->name(), $checks );
		$plan_label   = $this->plan_label( $record );

		return array(
			'jetpack'      => $jetpack->to_array(),
			'provisioning' => $provisioning,
			'journey'      => Journey::build( $state, $jetpack, $this->config->is_configured(), $plan_label, $provisioning['confirmation']['plan_on_site'] ?? null, $user_id ),
			'host'         => array(
				'configured'  => $this->config->is_configured(),
				'name'        => $branding->name(),
				'plan_label'  => $plan_label,
				'support_url' => $branding->support_url(),
				'logo_url'    => $branding->logo_url(),
			),
			'links'        => $links,
			'user'         => array(
				'can_provision'        => user_can( $user_id, Plugin::capability() ),
				'can_install_plugins'  => user_can( $user_id, 'install_plugins' ),
				'can_activate_plugins' => user_can( $user_id, 'activate_plugins' ),
				'display_name'         => $user ? $user->display_name : '',
			),
			'diagnostics'  => $checks->to_array(),
			'checked_at'   => gmdate( 'c', $now ),
		);
	}

	/**
	 * The name of the plan: the one granted or pending, else the host's label, else the name of
	 * the plan the site asks for; '' when nobody has said which plan it is yet.
	 */
	private function plan_label( Record $record ): string {
		$asked = $this->config->plan();
		$label = $this->config->plan_label();
		if ( null !== $record->plan && ( $record->plan !== $asked || '' === $label ) ) {
			return Plans::label( $record->plan );
		}
		return '' !== $label ? $label : Plans::label( $asked );
	}

	/**
	 * @param string                                                  $state  Derived state.
	 * @param Record                                                  $record Stored record.
	 * @param array{authorize_origins:string[],site_origins:string[]} $links  Allowed link origins.
	 * @param string                                                  $host   The host's name.
	 * @param Snapshot                                                $checks What the preflight checks last found.
	 * @return array<string,mixed>
	 */
	private function provisioning( string $state, Record $record, array $links, string $host, Snapshot $checks ): array {
		$pending = in_array( $state, array( StateResolver::AWAITING_AUTHORIZATION, StateResolver::AWAITING_DNS ), true );
		$error   = null;
		if ( null !== $record->last_error && $record->last_error['at'] >= (int) $record->requested_at && StateResolver::REQUESTING !== $state ) {
			$error = ErrorCatalog::describe( $record->last_error, $host, $checks );
		}
		$expires = $pending ? $record->expires_at : null;
		return array(
			'state'        => $state,
			'plan'         => $record->plan,
			'requested_at' => null === $record->requested_at ? null : gmdate( 'c', $record->requested_at ),
			'expires_at'   => null === $expires ? null : gmdate( 'c', $expires ),
			// In the site's date format, time zone and language, ready to show.
			'expires_on'   => null === $expires ? null : (string) wp_date( (string) get_option( 'date_format' ), $expires ),
			'action_url'   => $this->action_url( $state, $record, $links['authorize_origins'] ),
			'sign_on_url'  => $this->sign_on_url( $state, $record, $links['site_origins'] ),
			'error'        => $error,
			'confirmation' => $this->confirmation( $record ),
		);
	}

	/**
	 * Case A's next_url is a Secure Sign On link; a pending answer's next_url is the authorize
	 * page, which must not turn into a sign-on link once the plan is active.
	 *
	 * @param string   $state        Derived state.
	 * @param Record   $record       Stored record.
	 * @param string[] $site_origins This site's origins, the only place sign-on may lead.
	 */
	private function sign_on_url( string $state, Record $record, array $site_origins ): ?string {
		if ( StateResolver::ACTIVE !== $state || ProvisionAnswer::ACTIVE !== $record->outcome ) {
			return null;
		}
		return Links::is_allowed( $record->next_url, $site_origins ) ? $record->next_url : null;
	}

	/**
	 * What WordPress.com last said of the plan, when it was said after the current request.
	 *
	 * @return array{plan_on_site:string,checked_at:string}|null
	 */
	private function confirmation( Record $record ): ?array {
		$plan_on_site = StateResolver::plan_on_site( $record );
		if ( null === $plan_on_site ) {
			return null;
		}
		return array(
			'plan_on_site' => $plan_on_site,
			'checked_at'   => gmdate( 'c', (int) ( $record->confirmation['at'] ?? 0 ) ),
		);
	}

	/**
	 * Where "Set Up Jetpack" goes: WordPress.com's authorize page (case B), or Jetpack's own
	 * setup screen when WordPress.com could not reach the site yet (case C).
	 *
	 * @param string   $state             Derived state.
	 * @param Record   $record            Stored record.
	 * @param string[] $authorize_origins Where the authorize page may be.
	 */
	private function action_url( string $state, Record $record, array $authorize_origins ): ?string {
		if ( StateResolver::AWAITING_DNS === $state ) {
			return JetpackState::setup_url();
		}
		if ( StateResolver::AWAITING_AUTHORIZATION !== $state ) {
			return null;
		}
		// Checked again here, and again with partner_redirect added: the record may predate the
		// rule, or the allowed origins may have changed since it was stored.
		if ( ! Links::is_allowed( $record->next_url, $authorize_origins ) ) {
			return JetpackState::setup_url();
		}
		$redirect = $this->config->partner_redirect();
		$url      = '' === $redirect ? $record->next_url : add_query_arg( 'partner_redirect', rawurlencode( $redirect ), $record->next_url );
		return Links::is_allowed( $url, $authorize_origins ) ? $url : JetpackState::setup_url();
	}
}

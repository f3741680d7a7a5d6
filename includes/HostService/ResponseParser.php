<?php
/**
 * Turns the host service's HTTP answer into a ProvisionAnswer or a ServiceError.
 *
 * Strict on purpose: a link shown to the site owner comes from this answer, so anything
 * outside the contract's shape is refused rather than guessed at, and so is an answer whose
 * `next_url` fails the link rule (contract §7): the record it would replace is kept.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\HostService;

use JetpackStartCompanion\Links;

defined( 'ABSPATH' ) || exit;

final class ResponseParser {

	/**
	 * Seconds the service's clock may run ahead of the site's (contract §2).
	 */
	public const CLOCK_WINDOW = 300;

	/**
	 * @param int      $status            HTTP status.
	 * @param string   $body              The answer's body.
	 * @param string[] $authorize_origins Where a case B `next_url` may lead.
	 * @param string[] $site_origins      Where a case A `next_url` may lead (this site).
	 */
	public static function parse( int $status, string $body, array $authorize_origins, array $site_origins ): ProvisionAnswer|ServiceError {
		$data = json_decode( $body, true );
		if ( $status >= 200 && $status < 300 ) {
			return is_array( $data ) ? self::answer( $data, $authorize_origins, $site_origins ) : self::malformed( $status );
		}
		return is_array( $data ) ? self::error( $status, $data ) : self::malformed( $status );
	}

	/**
	 * Reads the service's status answer (contract §4): the plan in this site's terms. The
	 * service alone knows WordPress.com's product slugs.
	 */
	public static function plan_check( int $status, string $body, string $plan, int $now ): PlanCheck|ServiceError {
		$data = json_decode( $body, true );
		if ( $status < 200 || $status >= 300 ) {
			return is_array( $data ) ? self::error( $status, $data ) : self::malformed( $status );
		}
		$on_site   = $data['plan_on_site'] ?? null;
		$connected = $data['connected'] ?? null;
		$valid     = array( PlanCheck::ACTIVE, PlanCheck::PENDING, PlanCheck::MISSING );
		if ( ! in_array( $on_site, $valid, true ) || ! is_bool( $connected ) || ( $data['plan'] ?? null ) !== $plan || null === self::timestamp( $data['checked_at'] ?? null ) ) {
			return self::malformed( $status );
		}
		// checked_at is the service's clock: the record dates the answer with the site's own.
		return new PlanCheck( $on_site, $connected, $now, self::request_id( $data ) );
	}

	/**
	 * An answer that is not the one the route gives on success, as the error it says it is.
	 *
	 * @param int    $status HTTP status.
	 * @param string $body   The answer's body.
	 */
	public static function failure( int $status, string $body ): ServiceError {
		$data = json_decode( $body, true );
		return is_array( $data ) && ( $status < 200 || $status >= 300 ) ? self::error( $status, $data ) : self::malformed( $status );
	}

	/**
	 * Reads the service's record of the site (contract §10). A link is kept only for the state
	 * it may come with, and only when it passes the link rule here too; otherwise it reads as "".
	 *
	 * @param int      $status            HTTP status.
	 * @param string   $body              The answer's body.
	 * @param string[] $authorize_origins Where an awaiting_authorization `next_url` may lead.
	 * @param string[] $site_origins      Where an active `next_url` may lead (this site).
	 */
	public static function site_record( int $status, string $body, array $authorize_origins, array $site_origins ): SiteRecord|ServiceError {
		$data = json_decode( $body, true );
		if ( $status < 200 || $status >= 300 ) {
			return is_array( $data ) ? self::error( $status, $data ) : self::malformed( $status );
		}
		$states = array( 'active', 'awaiting_authorization', 'awaiting_dns', 'expired', 'failed', 'orphaned', SiteRecord::CANCELLED, 'not_requested' );
		$plan   = $data['plan'] ?? null;
		$link   = $data['next_url'] ?? null;
		if ( ! is_array( $data ) || ! is_bool( $data['known'] ?? null ) || ! in_array( $data['state'] ?? null, $states, true ) || ! is_string( $link ) || ( null !== $plan && ! self::is_plan_slug( $plan ) )
			|| ! in_array( $data['provisioned_by'] ?? null, array( 'site', 'host', null ), true ) ) {
			return self::malformed( $status );
		}
		$dates = array();
		foreach ( array( 'provisioned_at', 'pending_expires_at', 'cancelled_at' ) as $field ) {
			$value           = $data[ $field ] ?? null;
			$dates[ $field ] = null === $value ? null : self::timestamp( $value, 'pending_expires_at' !== $field );
			if ( null !== $value && null === $dates[ $field ] ) {
				return self::malformed( $status );
			}
		}
		$allowed = match ( $data['state'] ) {
			'active'                 => $site_origins,
			'awaiting_authorization' => $authorize_origins,
			default                  => array(),
		};
		return new SiteRecord( $data['known'], $data['state'], $plan, Links::is_allowed( $link, $allowed ) ? $link : '', $dates['provisioned_at'], $dates['pending_expires_at'], $dates['cancelled_at'], self::request_id( $data ), 'host' === ( $data['provisioned_by'] ?? null ) );
	}

	/**
	 * Reads a ping answer (contract §8): `status: ok` for this site, or the refusal the
	 * service gave (a signature it does not accept, a clock outside its window…).
	 *
	 * @return array{request_id:string,server_time:?int}|ServiceError
	 */
	public static function ping( int $status, string $body, string $site ): array|ServiceError {
		$data = json_decode( $body, true );
		if ( $status < 200 || $status >= 300 ) {
			return is_array( $data ) ? self::error( $status, $data ) : self::malformed( $status );
		}
		if ( ! is_array( $data ) || 'ok' !== ( $data['status'] ?? null ) || ( $data['site'] ?? null ) !== $site ) {
			return self::malformed( $status );
		}
		return array(
			'request_id'  => self::request_id( $data ),
			'server_time' => self::timestamp( $data['server_time'] ?? null, false ),
		);
	}

	/**
	 * @param array<mixed> $data              Decoded success body.
	 * @param string[]     $authorize_origins Where a case B `next_url` may lead.
	 * @param string[]     $site_origins      Where a case A `next_url` may lead.
	 */
	private static function answer( array $data, array $authorize_origins, array $site_origins ): ProvisionAnswer|ServiceError {
		$outcome  = $data['outcome'] ?? null;
		$auth     = $data['auth_required'] ?? null;
		$next_url = $data['next_url'] ?? null;
		$plan     = $data['plan'] ?? null;
		$at       = self::timestamp( $data['provisioned_at'] ?? null );
		$expires  = $data['pending_expires_at'] ?? null;
		$flags    = array( $data['forced_register'] ?? false, $data['idempotent_replay'] ?? false );
		if ( ! is_string( $outcome ) || ! is_bool( $auth ) || ! is_string( $next_url ) || ! self::is_plan_slug( $plan ) || null === $at
			|| ! is_bool( $flags[0] ) || ! is_bool( $flags[1] ) ) {
			return self::malformed( 200 );
		}
		$consistent = match ( $outcome ) {
			ProvisionAnswer::ACTIVE                 => false === $auth && null === $expires && ( '' === $next_url || Links::is_allowed( $next_url, $site_origins ) ),
			// "" when the service refused WordPress.com's link or recovered the answer from status (contract §3, §7).
			ProvisionAnswer::AWAITING_AUTHORIZATION => true === $auth && ( '' === $next_url || Links::is_allowed( $next_url, $authorize_origins ) ),
			ProvisionAnswer::AWAITING_DNS           => true === $auth && '' === $next_url,
			default                                 => false,
		};
		$expires_at = null === $expires ? null : self::timestamp( $expires, false );
		if ( ! $consistent || ( null !== $expires && null === $expires_at ) ) {
			return self::malformed( 200 );
		}
		return new ProvisionAnswer( $outcome, $next_url, $plan, $at, $expires_at, self::request_id( $data ), $flags[0], $flags[1] );
	}

	/**
	 * Both error shapes WordPress.com uses: error_code/error_message and error/message.
	 *
	 * @param int          $status HTTP status.
	 * @param array<mixed> $data   Decoded error body.
	 */
	private static function error( int $status, array $data ): ServiceError {
		$code    = $data['error_code'] ?? $data['error'] ?? null;
		$message = $data['error_message'] ?? $data['message'] ?? '';
		if ( ! is_string( $code ) || 1 !== preg_match( '/^[A-Za-z0-9_.-]{1,80}$/', $code ) ) {
			return self::malformed( $status );
		}
		$source    = in_array( $data['source'] ?? null, array( 'wpcom', 'service' ), true ) ? $data['source'] : 'wpcom';
		$retryable = is_bool( $data['retryable'] ?? null ) ? $data['retryable'] : $status >= 500;
		$message   = is_string( $message ) ? mb_substr( $message, 0, 500 ) : '';
		$unknown   = true === ( $data['answer_unknown'] ?? null );
		return new ServiceError( $code, $message, $source, $retryable, $status, $unknown, self::request_id( $data ), self::timestamp( $data['server_time'] ?? null, false ) );
	}

	/**
	 * @param mixed $plan The field as decoded.
	 */
	private static function is_plan_slug( $plan ): bool {
		return is_string( $plan ) && 1 === preg_match( '/^[a-z0-9][a-z0-9_-]{0,63}$/', $plan );
	}

	/**
	 * The service's request id when it looks like one (it is only shown to support), else ''.
	 *
	 * @param array<mixed> $data Decoded body.
	 */
	private static function request_id( array $data ): string {
		$id = $data['request_id'] ?? '';
		return is_string( $id ) && 1 === preg_match( '/^[A-Za-z0-9._:-]{1,128}$/', $id ) ? $id : '';
	}

	/**
	 * An RFC 3339 date-time (with or without fractions); unless $past_only is false, not more
	 * than the contract's 300 s clock window in the future. strtotime() would also take
	 * "next monday".
	 *
	 * @param mixed $value     The field as decoded.
	 * @param bool  $past_only Refuse dates beyond the clock window.
	 */
	private static function timestamp( $value, bool $past_only = true ): ?int {
		if ( ! is_string( $value ) ) {
			return null;
		}
		foreach ( array( '!Y-m-d\\TH:i:s.vP', '!Y-m-d\\TH:i:sP' ) as $format ) {
			$date   = \DateTimeImmutable::createFromFormat( $format, $value );
			$errors = \DateTimeImmutable::getLastErrors();
			if ( false !== $date && ( false === $errors || 0 === $errors['warning_count'] + $errors['error_count'] ) ) {
				return ! $past_only || $date->getTimestamp() <= time() + self::CLOCK_WINDOW ? $date->getTimestamp() : null;
			}
		}
		return null;
	}

	private static function malformed( int $status ): ServiceError {
		return new ServiceError( 'service_malformed_response', 'The host service answered something this plugin does not understand.', 'site', true, $status );
	}
}

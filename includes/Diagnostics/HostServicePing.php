<?php
/**
 * The host service answers a signed ping (contract §8) and accepts this site's signature, and
 * the two clocks agree: the service refuses signatures more than 300 s off its own clock.
 *
 * Only a refusal is critical (every plan request would be refused the same way); a service that
 * cannot be reached right now, or does not know the ping yet, is a warning: the plan request
 * itself then says what happened.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\HostService\Client;
use JetpackStartCompanion\HostService\ResponseParser;
use JetpackStartCompanion\HostService\ServiceError;
use JetpackStartCompanion\HostService\SiteUrl;

defined( 'ABSPATH' ) || exit;

final class HostServicePing implements NetworkCheck {

	/**
	 * Clocks further apart than this are worth fixing before they reach the service's window.
	 */
	public const SKEW_WARNING_SECONDS = 60;

	/**
	 * @param Config        $config Configuration.
	 * @param Client        $client The host service's client.
	 * @param \Closure|null $clock  This server's clock (Unix seconds); default time().
	 */
	public function __construct( private Config $config, private Client $client, private ?\Closure $clock = null ) {}

	public function id(): string {
		return 'host_service_ping';
	}

	public function context(): string {
		return site_url() . ' ' . $this->config->service_url() . ' ' . hash( 'sha256', $this->config->site_key() );
	}

	public function run(): Result {
		if ( ! $this->config->is_configured() ) {
			return new Result( $this->id(), Result::RECOMMENDED, __( 'Your hosting provider\'s service could not be asked: it is not set up yet.', 'jetpack-start-companion' ), 'not tried: no service URL or site key' );
		}
		$now     = null === $this->clock ? time() : (int) ( $this->clock )();
		$answer  = $this->client->ping( $now, self::TIMEOUT );
		$tried   = 'GET ' . rtrim( $this->config->service_url(), '/' ) . '/v1/ping (signed at ' . gmdate( 'Y-m-d\TH:i:s\Z', $now ) . ')';
		$contact = __( 'Contact your hosting provider\'s support.', 'jetpack-start-companion' );
		if ( $answer instanceof ServiceError ) {
			return new Result( $this->id(), Result::RECOMMENDED, __( 'Your site could not reach your hosting provider\'s service just now.', 'jetpack-start-companion' ), $tried . ' → ' . $answer->code . ': ' . $answer->message, __( 'Try again in a few minutes.', 'jetpack-start-companion' ), 'The host service did not answer the ping (unreachable or timed out): check that this server can reach the service URL.' );
		}
		$parsed   = ResponseParser::ping( $answer['status'], $answer['body'], (string) SiteUrl::canonical( site_url() ) );
		$skew     = null === $answer['date'] ? null : $now - $answer['date'];
		$evidence = $tried . ' → HTTP ' . $answer['status'] . ( $parsed instanceof ServiceError ? ' ' . $parsed->code . ( '' === $parsed->request_id ? '' : ' (request ' . $parsed->request_id . ')' ) : ' ok (request ' . $parsed['request_id'] . ')' ) . '; service Date header: ' . ( null === $answer['date'] ? 'none' : gmdate( 'Y-m-d\TH:i:s\Z', $answer['date'] ) . sprintf( ', this server\'s clock %+d s', (int) $skew ) );
		if ( null !== $skew && abs( $skew ) > ResponseParser::CLOCK_WINDOW ) {
			return new Result(
				$this->id(),
				Result::CRITICAL,
				/* translators: %d: a number of seconds. */
				sprintf( __( 'This server\'s clock is %d seconds off, so your hosting provider\'s service refuses its requests.', 'jetpack-start-companion' ), abs( $skew ) ),
				$evidence,
				$contact,
				sprintf( 'This server\'s clock differs from the host service\'s by %+d s (the service accepts ±%d s): sync it with NTP.', $skew, ResponseParser::CLOCK_WINDOW )
			);
		}
		if ( $parsed instanceof ServiceError ) {
			if ( in_array( $parsed->code, array( 'host_invalid_signature', 'host_unknown_site', 'host_site_mismatch', 'host_stale_timestamp' ), true ) ) {
				return new Result( $this->id(), Result::CRITICAL, __( 'Your hosting provider\'s service does not recognise this site.', 'jetpack-start-companion' ), $evidence, $contact, 'The service refused this site\'s signature (' . $parsed->code . '): the site key in wp-config.php is missing, old, or derived for another siteurl than ' . site_url() . '.' );
			}
			return new Result( $this->id(), Result::RECOMMENDED, __( 'Your hosting provider\'s service gave an unexpected answer.', 'jetpack-start-companion' ), $evidence, __( 'Try again in a few minutes.', 'jetpack-start-companion' ), 'The service did not answer the ping as contract §8 says (an older service, or an error): check its logs for the request.' );
		}
		if ( null !== $skew && abs( $skew ) > self::SKEW_WARNING_SECONDS ) {
			/* translators: %d: a number of seconds. */
			return new Result( $this->id(), Result::RECOMMENDED, sprintf( __( 'This server\'s clock is %d seconds off.', 'jetpack-start-companion' ), abs( $skew ) ), $evidence, $contact, sprintf( 'Clock skew %+d s with the host service (refused beyond ±%d s): sync this server with NTP.', $skew, ResponseParser::CLOCK_WINDOW ) );
		}
		return new Result( $this->id(), Result::GOOD, __( 'Your hosting provider\'s service answers and recognises this site.', 'jetpack-start-companion' ), $evidence );
	}
}

<?php
/**
 * The preflight checks in Tools → Site Health: direct tests for the cheap ones, async tests (the
 * REST route …/diagnostics/site-health/<check>) for the network ones, and a section in the Info
 * tab with what support asks first. Loaded only when Site Health asks (Plugin registers the filters).
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Diagnostics;

use JetpackStartCompanion\Config;
use JetpackStartCompanion\Plugin;
use JetpackStartCompanion\Rest\Controller;

defined( 'ABSPATH' ) || exit;

final class SiteHealth {

	private const PREFIX = 'jetpack_start_companion_';

	/**
	 * Filter `site_status_tests`.
	 *
	 * @param mixed $tests Site Health's tests.
	 * @return mixed
	 */
	public static function tests( $tests ) {
		if ( ! is_array( $tests ) ) {
			return $tests;
		}
		$label = __( 'Jetpack plan included with your hosting', 'jetpack-start-companion' );
		foreach ( Checks::all() as $check ) {
			$id = $check->id();
			if ( $check instanceof NetworkCheck ) {
				$tests['async'][ self::PREFIX . $id ] = array(
					'label'             => $label,
					'test'              => rest_url( Controller::NAMESPACE . '/diagnostics/site-health/' . $id ),
					'has_rest'          => true,
					'async_direct_test' => static fn (): array => self::format( self::find( ( new Preflight() )->run()->results, $id ) ),
				);
			} else {
				$tests['direct'][ self::PREFIX . $id ] = array(
					'label' => $label,
					'test'  => static fn (): array => self::format( $check->run() ),
				);
			}
		}
		return $tests;
	}

	/**
	 * One result as a Site Health test result.
	 *
	 * @return array{label:string,status:string,badge:array{label:string,color:string},description:string,actions:string,test:string}
	 */
	public static function format( ?Result $result ): array {
		$result ??= new Result( 'unknown', Result::RECOMMENDED, __( 'This check did not run.', 'jetpack-start-companion' ), '' );
		$parts    = array_filter( array( $result->fix, '' === $result->host_fix ? '' : __( 'For your hosting provider:', 'jetpack-start-companion' ) . ' ' . $result->host_fix ) );
		$html     = implode( '', array_map( static fn ( string $text ): string => '<p>' . esc_html( $text ) . '</p>', $parts ) );
		$html    .= '' === $result->evidence ? '' : '<p><code>' . esc_html( $result->evidence ) . '</code></p>';
		return array(
			'label'       => $result->label,
			'status'      => $result->status,
			'badge'       => array(
				'label' => __( 'Jetpack plan', 'jetpack-start-companion' ),
				'color' => Result::GOOD === $result->status ? 'blue' : ( Result::CRITICAL === $result->status ? 'red' : 'orange' ),
			),
			'description' => $html,
			'actions'     => Result::GOOD === $result->status ? '' : sprintf( '<p><a href="%s">%s</a></p>', esc_url( admin_url( 'admin.php?page=' . Plugin::PAGE_SLUG ) ), esc_html__( 'Open the Jetpack plan page', 'jetpack-start-companion' ) ),
			'test'        => self::PREFIX . $result->check,
		);
	}

	/**
	 * Filter `debug_information`: the Info tab's section (no secret: the site key only as set / not set).
	 *
	 * @param mixed $info Site Health's sections.
	 * @return mixed
	 */
	public static function info( $info ) {
		if ( ! is_array( $info ) ) {
			return $info;
		}
		$config                          = new Config();
		$status                          = Plugin::status_builder()->build( get_current_user_id() );
		$provisioning                    = $status['provisioning'];
		$none                            = __( 'None', 'jetpack-start-companion' );
		$latest                          = ( new Preflight() )->latest()->to_array();
		$fields                          = array(
			'version'         => array( __( 'Plugin version', 'jetpack-start-companion' ), JETPACK_START_COMPANION_VERSION ),
			'jetpack_version' => array( __( 'Jetpack version', 'jetpack-start-companion' ), (string) ( $status['jetpack']['version'] ?? $none ) ),
			'service_url'     => array( __( 'Host service URL', 'jetpack-start-companion' ), '' === $config->service_url() ? $none : $config->service_url() ),
			'site_key'        => array( __( 'Site key', 'jetpack-start-companion' ), '' === $config->site_key() ? __( 'Not set', 'jetpack-start-companion' ) : __( 'Set', 'jetpack-start-companion' ) ),
			'state'           => array( __( 'State', 'jetpack-start-companion' ), (string) $provisioning['state'] ),
			'last_outcome'    => array( __( 'Last outcome', 'jetpack-start-companion' ), (string) ( $provisioning['error']['code'] ?? $provisioning['state'] ) ),
			'expires_at'      => array( __( 'Pending activation expires', 'jetpack-start-companion' ), (string) ( $provisioning['expires_at'] ?? $none ) ),
			'checks'          => array( __( 'Preflight checks', 'jetpack-start-companion' ), $latest['status'] . ' (' . ( $latest['checked_at'] ?? __( 'network checks not run yet', 'jetpack-start-companion' ) ) . ')' ),
		);
		$info['jetpack-start-companion'] = array(
			'label'  => __( 'Jetpack plan included with your hosting', 'jetpack-start-companion' ),
			'fields' => array_map(
				static fn ( array $field ): array => array(
					'label' => $field[0],
					'value' => $field[1],
				),
				$fields
			),
		);
		return $info;
	}

	/**
	 * @param Result[] $results Results.
	 */
	public static function find( array $results, string $id ): ?Result {
		foreach ( $results as $result ) {
			if ( $id === $result->check ) {
				return $result;
			}
		}
		return null;
	}
}

<?php
/**
 * The link rule (contract §7) against the shared table of hostile and good URLs in the vectors
 * file: the host service's node:test suite and the panel's Jest suite read the same table.
 *
 * @package JetpackStartCompanion
 */

declare( strict_types=1 );

namespace JetpackStartCompanion\Tests\Unit;

use JetpackStartCompanion\Links;
use PHPUnit\Framework\TestCase;

final class LinksTest extends TestCase {

	/**
	 * @return array<string,mixed>
	 */
	private static function table(): array {
		$vectors = json_decode( (string) file_get_contents( dirname( __DIR__, 3 ) . '/docs/host-service-contract.vectors.json' ), true );
		return $vectors['links'];
	}

	/**
	 * @return iterable<string,array{0:array<string,mixed>,1:string[]}>
	 */
	public function link_cases(): iterable {
		$table = self::table();
		foreach ( $table['cases'] as $i => $case ) {
			$label = sprintf( '#%d %s %s', $i, $case['valid'] ? 'good' : 'hostile (' . $case['why'] . ')', addcslashes( $case['url'], "\0..\37\177..\377" ) );
			yield $label => array( $case, $case['allowed_origins'] ?? $table['default_allowed_origins'] );
		}
	}

	/**
	 * @dataProvider link_cases
	 * @param array<string,mixed> $case    One entry of links.cases.
	 * @param string[]            $origins The origins allowed for it.
	 */
	public function test_only_urls_every_parser_reads_alike_on_an_allowed_origin_become_links( array $case, array $origins ): void {
		$this->assertSame( $case['valid'], Links::is_allowed( $case['url'], $origins ) );
		if ( $case['valid'] ) {
			$this->assertSame( $case['origin'], Links::origin( $case['url'] ) );
			// What PHP's own parser says of it agrees with the rule (the browser's is checked in Jest).
			$this->assertSame( strtolower( (string) wp_parse_url( $case['url'], PHP_URL_HOST ) ), (string) wp_parse_url( $case['origin'], PHP_URL_HOST ) );
		}
	}

	public function test_the_table_has_both_kinds(): void {
		$valid = array_filter( self::table()['cases'], static fn ( $c ) => $c['valid'] );
		$this->assertGreaterThanOrEqual( 5, count( $valid ) );
		$this->assertGreaterThanOrEqual( 40, count( self::table()['cases'] ) - count( $valid ) );
	}

	/**
	 * Runs a check with no filter on the authorize origins but the ones it adds (the test site
	 * adds the simulator's origin).
	 */
	private function without_origin_filters( callable $check ): void {
		global $wp_filter;
		$saved = $wp_filter['jetpack_start_companion_authorize_origins'] ?? null;
		unset( $wp_filter['jetpack_start_companion_authorize_origins'] );
		try {
			$check();
		} finally {
			unset( $wp_filter['jetpack_start_companion_authorize_origins'] );
			if ( null !== $saved ) {
				$wp_filter['jetpack_start_companion_authorize_origins'] = $saved; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
			}
		}
	}

	public function test_authorize_origins_default_to_wordpress_com_and_are_filterable(): void {
		$this->without_origin_filters(
			function (): void {
				$this->assertSame( Links::DEFAULT_AUTHORIZE_ORIGINS, Links::authorize_origins() );
				add_filter( 'jetpack_start_companion_authorize_origins', static fn ( array $origins ): array => array_merge( $origins, array( 'HTTPS://Auth.Example:443', 'not an origin' ) ) );
				$this->assertSame( array( 'https://jetpack.wordpress.com', 'https://wordpress.com', 'https://auth.example' ), Links::authorize_origins() );
			}
		);
	}

	public function test_the_old_hosts_filter_still_works_as_exact_https_hosts_and_says_it_is_deprecated(): void {
		$this->without_origin_filters( fn () => $this->check_deprecated_hosts_filter() );
	}

	private function check_deprecated_hosts_filter(): void {
		$deprecated = array();
		$record     = static function ( string $hook ) use ( &$deprecated ): void {
			$deprecated[] = $hook;
		};
		$hosts      = static fn ( array $hosts ): array => array( 'wordpress.com' );
		add_action( 'deprecated_hook_run', $record );
		add_filter( 'deprecated_hook_trigger_error', '__return_false' );
		add_filter( 'jetpack_start_companion_authorize_hosts', $hosts );
		try {
			$this->assertSame( array( 'https://wordpress.com' ), Links::authorize_origins() );
			$this->assertSame( array( 'jetpack_start_companion_authorize_hosts' ), $deprecated );
			$this->assertFalse( Links::is_allowed( 'https://evil.wordpress.com/', Links::authorize_origins() ), 'No subdomains any more.' );
		} finally {
			remove_filter( 'jetpack_start_companion_authorize_hosts', $hosts );
			remove_action( 'deprecated_hook_run', $record );
			remove_filter( 'deprecated_hook_trigger_error', '__return_false' );
		}
	}
}

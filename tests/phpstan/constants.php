<?php
/**
 * Constants PHPStan cannot see defined: WordPress's own (ABSPATH, WP_CLI) and the ones a host
 * may define in wp-config.php. Their values here are only types.
 *
 * @package JetpackStartCompanion
 */

define( 'ABSPATH', '/' );
define( 'WPMU_PLUGIN_DIR', '/wp-content/mu-plugins' );
define( 'JETPACK__VERSION', '0' );
define( 'JETPACK_START_COMPANION_ALLOW_HTTP_LOOPBACK', false );

<?php
/**
 * Constants PHPStan cannot see defined: WordPress's own (ABSPATH, WP_CLI) and the ones a host
 * may define in wp-config.php. Their values here are only types; the host's and Jetpack's are
 * listed in phpstan.neon.dist as dynamic, so no check reads their value here as certain.
 *
 * @package JetpackStartCompanion
 */

define( 'ABSPATH', '/' );
define( 'WPMU_PLUGIN_DIR', '/wp-content/mu-plugins' );
define( 'WP_PLUGIN_DIR', '/wp-content/plugins' );
define( 'DAY_IN_SECONDS', 86400 );
define( 'OBJECT_K', 'OBJECT_K' );
define( 'JETPACK__VERSION', '0' );
define( 'JETPACK_START_COMPANION_ALLOW_HTTP_LOOPBACK', false );

/**
 * wp-scripts' webpack configuration, with one change: the built panel keeps no comments.
 * wp-scripts keeps translator comments in the bundle for tools that extract strings from built
 * files; this plugin's translation template (`npm run i18n`) is made from the sources, where the
 * comments stay, so in the bundle they were only bytes every admin downloads (about 300 gzipped).
 */
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );
const TerserPlugin = require( 'terser-webpack-plugin' );

module.exports = {
	...defaultConfig,
	optimization: {
		...defaultConfig.optimization,
		minimizer: [
			new TerserPlugin( {
				parallel: true,
				terserOptions: {
					output: { comments: false },
					compress: { passes: 2 },
					mangle: { reserved: [ '__', '_n', '_nx', '_x' ] },
				},
				extractComments: false,
			} ),
		],
	},
};

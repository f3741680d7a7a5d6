/**
 * Jest config for the wp-admin panel (src/). Run with:
 *   npx wp-scripts test-unit-js --config jest.config.js
 */
const defaultConfig = require( '@wordpress/scripts/config/jest-unit.config.js' );

module.exports = {
	...defaultConfig,
	rootDir: __dirname,
	roots: [ '<rootDir>/src' ],
	testMatch: [ '<rootDir>/src/**/test/*.test.[jt]s?(x)' ],
	// Added to the preset's own setup files.
	setupFilesAfterEnv: [ '<rootDir>/src/test/setup.ts' ],
};

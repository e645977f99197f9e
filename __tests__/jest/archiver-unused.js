'use strict';
/**
 * Stands in for `archiver` under jest (see jest.config.js moduleNameMapper). cdktf requires the zip
 * library at load for TerraformAsset, which the foundation never uses, and jest would compile its
 * ~100 modules again for every test file. Using it fails loudly instead of zipping nothing.
 */
module.exports = function archiver() {
  throw new Error('archiver is not loaded under jest (jest.config.js): the foundation has no TerraformAsset to zip');
};

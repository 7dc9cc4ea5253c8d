// The SDK's shared-config reader, on its own: reading profiles and regions (the status bar does it right after
// startup) must not load the whole SDK. esbuild makes this module its own small file, dist/config.js.
export { loadSharedConfigFiles, NODE_REGION_CONFIG_OPTIONS } from '@smithy/core/config';

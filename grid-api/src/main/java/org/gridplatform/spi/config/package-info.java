/**
 * Typed, documented configuration for plugins: a plugin declares its {@link org.gridplatform.spi.config.ConfigKey}s,
 * the host validates them at start-up, and the plugin reads them through a read-only
 * {@link org.gridplatform.spi.config.PluginConfig} view that holds only its own keys.
 */
package org.gridplatform.spi.config;

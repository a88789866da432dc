/**
 * Plugin hosting shared by every SPI: finding factories by name ({@link org.gridplatform.server.config.NamedPlugins})
 * and their validated MicroProfile Config view ({@link org.gridplatform.server.config.MicroProfilePluginConfig}).
 */
package org.gridplatform.server.config;

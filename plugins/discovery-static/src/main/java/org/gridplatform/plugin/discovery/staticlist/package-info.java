/**
 * The {@code static} discovery strategy: a fixed list of nodes and the tags of their datasets,
 * read from a JSON file at start. Built step by step in {@code docs/writing-a-discovery-plugin.md}.
 */
package org.gridplatform.plugin.discovery.staticlist;

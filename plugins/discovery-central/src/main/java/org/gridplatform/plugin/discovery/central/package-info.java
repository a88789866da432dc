/**
 * The {@code central} discovery strategy, the default: the design's "Partially Distributed" grid, in
 * which one gateway holds the registry of nodes and answers searches, either by asking every node
 * in parallel ({@code broadcast}) or from the tags that nodes announce when they join ({@code index}).
 */
package org.gridplatform.plugin.discovery.central;

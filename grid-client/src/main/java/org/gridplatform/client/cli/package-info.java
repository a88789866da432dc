/** The {@code grid} command line (picocli), run through the {@code ./grid} launcher script. */
package org.gridplatform.client.cli;

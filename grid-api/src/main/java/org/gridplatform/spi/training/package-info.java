/**
 * The training-backend SPI: how a node trains a model on its local data, starting from parameters a
 * coordinator sent, and returns only updated parameters, an example count and aggregate metrics.
 *
 * <p>A backend is found like a discovery strategy: a {@link org.gridplatform.spi.training.TrainingBackendFactory}
 * registered in {@code META-INF/services/org.gridplatform.spi.training.TrainingBackendFactory}, selected per
 * training request by its {@link org.gridplatform.spi.training.TrainingBackendFactory#name() name}, with
 * typed configuration keys ({@code grid.training.<name>.<key>}) as defaults that a request may override.
 *
 * <p>Parameters are plain numbers plus the {@link org.gridplatform.spi.training.ModelSchema} they refer to,
 * so any coordinator can average them without knowing the backend. The node aligns its data to the agreed
 * schema and applies the agreed scaling before a backend sees it: backends receive
 * {@link org.gridplatform.spi.training.TrainingData} whose columns are the schema's features, in order.
 */
package org.gridplatform.spi.training;

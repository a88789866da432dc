package org.gridplatform.client.federated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.gridplatform.api.training.FeatureScaling;
import org.gridplatform.plugin.training.tribuo.TribuoModels;
import org.gridplatform.spi.training.ModelParameters;
import org.tribuo.Model;

/**
 * Turns a run's result into a standard Tribuo model that predicts from raw feature values: the
 * agreed scaling is folded into the weights, so Tribuo users need neither Grid nor the scaling.
 *
 * <p>With {@code x' = (x - offset) / scale}, a row's score {@code sum(w * x') + b} equals
 * {@code sum((w / scale) * x) + (b - sum(w * offset / scale))}; the model keeps the second form.
 */
public final class TribuoExport {

    private TribuoExport() {
    }

    /**
     * @param parameters parameters that expect scaled features
     * @param scaling    the scaling they expect, by feature; features without one are not scaled
     * @return the same model over raw features
     */
    public static ModelParameters foldScaling(ModelParameters parameters, Map<String, FeatureScaling> scaling) {
        double[][] w = parameters.weights();
        var features = parameters.schema().features();
        int bias = features.size();
        for (double[] row : w) {
            for (int f = 0; f < features.size(); f++) {
                FeatureScaling s = scaling.get(features.get(f));
                if (s != null) {
                    row[f] /= s.scale();
                    row[bias] -= row[f] * s.offset();
                }
            }
        }
        return new ModelParameters(parameters.schema(), w);
    }

    /**
     * @param result a finished run with a Tribuo backend ({@code tribuo-logistic} or {@code tribuo-linear})
     * @return the Tribuo model over raw feature values
     * @throws IllegalArgumentException if the backend is not a Tribuo one
     */
    public static Model<?> toTribuoModel(TrainingResult result) {
        return TribuoModels.toTribuoModel(foldScaling(result.parameters(), result.plan().scaling()), result.plan().backend());
    }

    /**
     * Saves the model as a Tribuo model file ({@link Model#serializeToFile}), which
     * {@link Model#deserializeFromFile} loads. Written to a temporary file and moved into place, so that a
     * failure never leaves half a model.
     *
     * @param result a finished run with a Tribuo backend
     * @param file   where to write
     * @return the model written
     * @throws IOException if the file cannot be written
     */
    public static Model<?> save(TrainingResult result, Path file) throws IOException {
        Model<?> model = toTribuoModel(result);
        Path absolute = file.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
        try {
            model.serializeToFile(temporary);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return model;
    }
}

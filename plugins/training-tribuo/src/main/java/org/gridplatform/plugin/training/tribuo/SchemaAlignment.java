package org.gridplatform.plugin.training.tribuo;

import java.util.ArrayList;
import java.util.List;
import org.gridplatform.spi.training.ModelParameters;
import org.gridplatform.spi.training.ModelSchema;
import org.gridplatform.spi.training.TrainingData;
import org.tribuo.Example;
import org.tribuo.ImmutableDataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Output;
import org.tribuo.RealInfo;
import org.tribuo.VariableInfo;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Tribuo's view of one {@link ModelSchema}: its feature map, its output info, and the explicit
 * mapping between the schema's order and Tribuo's ids.
 *
 * <p>Tribuo numbers features by sorting their names, and labels in the order it first sees them
 * (a hash order, which also depends on which labels a node happens to hold). Parameters follow the
 * schema's order instead. So every node builds its Tribuo domain from the whole schema, never from
 * its own examples (labels it lacks keep their rows), and every weight is moved between the two
 * orders through {@link #toTribuo} and {@link #toSchema}, never by position.
 *
 * @param <T> Tribuo's output type
 */
final class SchemaAlignment<T extends Output<T>> {

    private final ModelSchema schema;
    private final LinearModelKind<T> kind;
    private final ImmutableFeatureMap featureMap;
    private final ImmutableOutputInfo<T> outputInfo;
    /** {@code column[j]}: the Tribuo id (weight column) of schema feature {@code j}. */
    private final int[] column;
    /** {@code row[r]}: the Tribuo id (weight row) of parameter row {@code r}. */
    private final int[] row;
    /** The feature names in Tribuo's id order, as examples are built. */
    private final String[] namesById;

    /**
     * @param schema the agreed schema
     * @param kind   the model kind, which must match the schema's task
     * @throws IllegalArgumentException if the schema does not suit the kind (see {@link LinearModelKind#check})
     */
    SchemaAlignment(ModelSchema schema, LinearModelKind<T> kind) {
        kind.check(schema);
        this.schema = schema;
        this.kind = kind;
        int features = schema.features().size();
        List<VariableInfo> infos = new ArrayList<>(features);
        for (String name : schema.features()) {
            // Zero statistics: Tribuo's SGD does not use them, and an exported model must not carry a node's.
            infos.add(new RealInfo(name, 0, 0, 0, 0, 0));
        }
        featureMap = new ImmutableFeatureMap(infos);
        outputInfo = kind.outputInfo(schema);
        column = new int[features];
        for (int j = 0; j < features; j++) {
            column[j] = featureMap.getID(schema.features().get(j));
        }
        row = new int[schema.outputs()];
        for (int r = 0; r < row.length; r++) {
            row[r] = outputInfo.getID(kind.output(schema, r));
        }
        requirePermutation(column, "feature");
        requirePermutation(row, "output");
        namesById = new String[features];
        for (int j = 0; j < features; j++) {
            namesById[column[j]] = schema.features().get(j);
        }
    }

    private static void requirePermutation(int[] ids, String what) {
        boolean[] taken = new boolean[ids.length];
        for (int id : ids) {
            if (id < 0 || id >= ids.length || taken[id]) {
                throw new IllegalStateException("Tribuo's " + what + " ids are not a permutation of the schema's " + what + "s");
            }
            taken[id] = true;
        }
    }

    ModelSchema schema() {
        return schema;
    }

    /**
     * @param parameters parameters of this schema
     * @return their weights in Tribuo's id order: outputs x (features + 1), bias last
     */
    DenseMatrix toTribuo(ModelParameters parameters) {
        if (!parameters.schema().equals(schema)) {
            throw new IllegalStateException("Parameters of another schema");
        }
        double[][] weights = parameters.weights();
        int bias = column.length;
        DenseMatrix matrix = new DenseMatrix(row.length, bias + 1);
        for (int r = 0; r < row.length; r++) {
            for (int j = 0; j < bias; j++) {
                matrix.set(row[r], column[j], weights[r][j]);
            }
            matrix.set(row[r], bias, weights[r][bias]);
        }
        return matrix;
    }

    /**
     * @param matrix a Tribuo model's weights, in Tribuo's id order
     * @return them as parameters of this schema
     */
    ModelParameters toSchema(DenseMatrix matrix) {
        int bias = column.length;
        if (matrix.getDimension1Size() != row.length || matrix.getDimension2Size() != bias + 1) {
            throw new IllegalStateException("Tribuo returned " + matrix.getDimension1Size() + "x" + matrix.getDimension2Size()
                    + " weights for a " + row.length + "x" + (bias + 1) + " schema");
        }
        double[][] weights = new double[row.length][bias + 1];
        for (int r = 0; r < row.length; r++) {
            for (int j = 0; j < bias; j++) {
                weights[r][j] = matrix.get(row[r], column[j]);
            }
            weights[r][bias] = matrix.get(row[r], bias);
        }
        return new ModelParameters(schema, weights);
    }

    /**
     * @param data examples aligned to this schema
     * @return them as a Tribuo dataset whose ids are this alignment's
     * @throws IllegalArgumentException if an example has the wrong number of values, a missing or
     *                                  infinite value, or an output outside the schema
     */
    ImmutableDataset<T> dataset(TrainingData data) {
        List<Example<T>> examples = new ArrayList<>(data.size());
        double[] byId = new double[column.length];
        for (int i = 0; i < data.size(); i++) {
            double[] values = features(data, i);
            for (int j = 0; j < values.length; j++) {
                byId[column[j]] = values[j];
            }
            // Names already in Tribuo's (sorted) order keep ArrayExample's sort cheap; it copies both arrays.
            examples.add(new ArrayExample<>(kind.output(data, i), namesById, byId));
        }
        return dataset(examples, "examples of a Grid node, aligned to the federation's schema");
    }

    /**
     * @param description what the dataset holds, for its provenance
     * @return a dataset without examples, whose ids are this alignment's
     */
    ImmutableDataset<T> emptyDataset(String description) {
        return dataset(List.of(), description);
    }

    private ImmutableDataset<T> dataset(List<Example<T>> examples, String description) {
        return new ImmutableDataset<>(examples, new SimpleDataSourceProvenance(description, kind.outputFactory()),
                kind.outputFactory(), featureMap, outputInfo, false);
    }

    /**
     * @param data    examples
     * @param example an index into {@code data}
     * @return the example's feature values, checked to be one finite number per schema feature
     */
    static double[] features(TrainingData data, int example) {
        double[] values = data.features(example);
        List<String> names = data.schema().features();
        if (values.length != names.size()) {
            throw new IllegalArgumentException("Example " + example + " has " + values.length + " feature values but the schema has "
                    + names.size() + " features: align the data to the schema");
        }
        for (int j = 0; j < values.length; j++) {
            if (!Double.isFinite(values[j])) {
                throw new IllegalArgumentException("Example " + example + " has no finite value for the feature \"" + names.get(j)
                        + "\": impute missing values or drop such examples before training");
            }
        }
        return values;
    }
}

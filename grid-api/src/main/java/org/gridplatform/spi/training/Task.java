package org.gridplatform.spi.training;

/** What a model predicts. */
public enum Task {
    /** One label out of {@link ModelSchema#labels()}. */
    CLASSIFICATION,
    /** One real number. */
    REGRESSION
}

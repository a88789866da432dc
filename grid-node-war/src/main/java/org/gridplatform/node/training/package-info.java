/**
 * Federated training on the node: {@code POST /training/steps} and {@code POST /training/evaluations}, and the
 * training plans ({@code POST /training/plans}, {@code TrainingPlans}) that let a run send its schema and scaling once.
 * The node aligns its datasets to the coordinator's agreed schema and scaling ({@code DatasetAlignment}),
 * selects a backend of the training SPI by name ({@code TrainingBackends}), and runs it on a bounded
 * pool with a time limit ({@code TrainingPool}). Rows never leave the node.
 */
package org.gridplatform.node.training;

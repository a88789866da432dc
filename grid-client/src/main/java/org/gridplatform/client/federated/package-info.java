/**
 * The arithmetic of federated training that runs on the data scientist's side: averaging the
 * nodes' parameters by their example counts (FedAvg, McMahan et al. 2017) and agreeing on one feature
 * scaling from the nodes' summary statistics. The coordinator that drives rounds over HTTP builds on it.
 */
package org.gridplatform.client.federated;

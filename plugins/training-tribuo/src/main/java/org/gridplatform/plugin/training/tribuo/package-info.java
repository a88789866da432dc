/**
 * The Tribuo training backends: {@code tribuo-logistic} (multinomial logistic regression) and
 * {@code tribuo-linear} (linear regression), both Tribuo's linear SGD trainers warm-started from the
 * coordinator's parameters, and {@link org.gridplatform.plugin.training.tribuo.TribuoModels}, which
 * turns final parameters into a Tribuo model that Tribuo users can save, load and predict with.
 *
 * <p>Every node builds its Tribuo domain from the agreed schema, never from its own examples, and
 * moves weights between Tribuo's ids and the schema's order explicitly, so parameters from different
 * nodes line up element by element whatever labels each node holds.
 */
package org.gridplatform.plugin.training.tribuo;

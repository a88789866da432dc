package org.gridplatform.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose request bodies may be larger than the global
 * {@code grid.http.max-body-bytes}, such as a training step carrying a model's parameters
 * (Fashion-MNIST's 10 x 785 doubles are about 150 KB of JSON). The endpoint's own limit is read from
 * the configuration key {@link #key()}, else {@link #defaultBytes()}; it is still a limit.
 *
 * <p>{@link BodySizeLimit} reads it from the matched method (not its class), after matching.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LargeBody {

    /** @return the configuration key of this endpoint's body limit in bytes, such as {@code grid.node.max-training-body-bytes} */
    String key();

    /** @return the limit in bytes when the key is not set */
    long defaultBytes();
}

package org.gridplatform.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenApiScanScopeTest {

    public static class Served {
    }

    public static class AlsoServed {
    }

    public static class TwoResources extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(Served.class, AlsoServed.class);
        }
    }

    public static class Broken extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            throw new IllegalStateException("no configuration");
        }
    }

    static final class Scope extends OpenApiScanScope {
        Scope(Class<? extends Application> application) {
            super(application);
        }
    }

    @Test
    void scansTheApplicationAndTheClassesItRegistersOnly() {
        Scope scope = new Scope(TwoResources.class);
        String expected = String.join(",", AlsoServed.class.getName(), Served.class.getName(), TwoResources.class.getName());
        assertThat(scope.getValue("mp.openapi.scan.classes")).isEqualTo(expected);
        assertThat(scope.getProperties()).containsExactly(java.util.Map.entry("mp.openapi.scan.classes", expected));
        assertThat(scope.getPropertyNames()).containsExactly("mp.openapi.scan.classes");
        assertThat(scope.getValue("mp.openapi.scan.exclude.classes")).isNull();
        assertThat(scope.getValue("config_ordinal")).isNull();
        assertThat(scope.getOrdinal()).isLessThan(100);
    }

    @Test
    void restoresTheContextClassLoader() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        new Scope(TwoResources.class).getValue("mp.openapi.scan.classes");
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void leavesTheScanAloneWhenTheApplicationCannotListItsClasses() {
        Scope scope = new Scope(Broken.class);
        assertThat(scope.getValue("mp.openapi.scan.classes")).isNull();
        assertThat(scope.getProperties()).isEmpty();
    }
}

package org.gridplatform.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.gridplatform.spi.config.ConfigKey;
import org.gridplatform.spi.config.PluginConfig;
import org.gridplatform.spi.discovery.DiscoveryContext;
import org.gridplatform.spi.discovery.DiscoveryStrategy;
import org.gridplatform.spi.discovery.DiscoveryStrategyFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryPluginsTest {

    @TempDir
    Path dir;

    /** A factory for the tests; {@code name} comes from the subclass. */
    public abstract static class Named implements DiscoveryStrategyFactory {
        @Override
        public Set<ConfigKey<?>> configKeys() {
            return Set.of();
        }

        @Override
        public DiscoveryStrategy create(PluginConfig config, DiscoveryContext context) {
            throw new UnsupportedOperationException();
        }
    }

    /** Named "alpha". */
    public static final class Alpha extends Named {
        @Override
        public String name() {
            return "alpha";
        }
    }

    /** Also named "alpha". */
    public static final class OtherAlpha extends Named {
        @Override
        public String name() {
            return "alpha";
        }
    }

    /** Named "beta". */
    public static final class Beta extends Named {
        @Override
        public String name() {
            return "beta";
        }
    }

    /** Fails to tell its name. */
    public static final class Broken extends Named {
        @Override
        public String name() {
            throw new IllegalStateException("broken");
        }
    }

    private ClassLoader plugins(String... classNames) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(DiscoveryStrategyFactory.class.getName()), String.join("\n", classNames) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void findsPluginsByName() throws IOException {
        DiscoveryPlugins plugins = DiscoveryPlugins.load(plugins(Beta.class.getName(), Alpha.class.getName()));
        assertThat(plugins.names()).containsExactly("alpha", "beta");
        assertThat(plugins.select("beta")).isInstanceOf(Beta.class);
    }

    @Test
    void aBrokenPluginDoesNotStopTheOthers() throws IOException {
        DiscoveryPlugins plugins = DiscoveryPlugins.load(plugins("org.example.Missing", Broken.class.getName(), Alpha.class.getName()));
        assertThat(plugins.names()).containsExactly("alpha");
    }

    @Test
    void twoPluginsWithOneNameAreAnErrorNamingBoth() throws IOException {
        ClassLoader loader = plugins(Alpha.class.getName(), OtherAlpha.class.getName());
        assertThatThrownBy(() -> DiscoveryPlugins.load(loader))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Two discovery plugins have the same name: \"alpha\" is the name of both "
                        + Alpha.class.getName() + " (")
                .hasMessageContaining(") and " + OtherAlpha.class.getName() + " (")
                .hasMessageEndingWith("Remove one of the jars.");
    }

    @Test
    void anUnknownNameSaysWhatIsAvailableAndHowToAddOne() throws IOException {
        DiscoveryPlugins plugins = DiscoveryPlugins.load(plugins(Alpha.class.getName(), Beta.class.getName()));
        assertThatThrownBy(() -> plugins.select("gamma"))
                .hasMessage("Unrecognized value for grid.discovery.strategy: \"gamma\". Available strategies: alpha, beta. "
                        + "To add one, put its plugin jar on the class path (in WEB-INF/lib, or with Payara Micro's --addLibs); "
                        + "see docs/writing-a-discovery-plugin.md");
    }
}

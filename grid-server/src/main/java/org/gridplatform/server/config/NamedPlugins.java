package org.gridplatform.server.config;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the factories of one SPI with {@link ServiceLoader} and indexes them by name: the loading
 * shared by discovery strategies and training backends.
 *
 * <p>One broken plugin jar does not stop the others: its error is logged and it is left out. Two
 * plugins with the same name are an error that names both jars, since the choice between them would
 * be arbitrary.
 */
public final class NamedPlugins {

    private static final Logger LOG = Logger.getLogger(NamedPlugins.class.getName());

    private NamedPlugins() {
    }

    /**
     * @param service the factory interface
     * @param loader  the class loader to search
     * @param name    how to ask a factory its name
     * @param kind    what a plugin is, for messages, such as {@code discovery plugin}
     * @param <F>     the factory type
     * @return the factories found, by name, sorted by name
     * @throws IllegalStateException if two plugins share a name
     */
    public static <F> Map<String, F> load(Class<F> service, ClassLoader loader, Function<F, String> name, String kind) {
        Map<String, F> byName = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        Iterator<F> factories = ServiceLoader.load(service, loader).iterator();
        while (true) {
            F factory;
            try {
                if (!factories.hasNext()) {
                    break;
                }
                factory = factories.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(Level.WARNING, "A " + kind + " could not be loaded and is left out: " + e.getMessage(), e);
                continue;
            }
            String named;
            try {
                named = name.apply(factory);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "The " + kind + " " + factory.getClass().getName() + " from " + origin(factory)
                        + " failed to tell its name and is left out", e);
                continue;
            }
            F known = byName.putIfAbsent(named, factory);
            if (known != null) {
                duplicates.add("\"" + named + "\" is the name of both " + known.getClass().getName() + " (" + origin(known)
                        + ") and " + factory.getClass().getName() + " (" + origin(factory) + ")");
            }
        }
        if (!duplicates.isEmpty()) {
            throw new IllegalStateException("Two " + kind + "s have the same name: " + String.join("; ", duplicates)
                    + ". Remove one of the jars.");
        }
        return byName;
    }

    private static String origin(Object plugin) {
        try {
            var source = plugin.getClass().getProtectionDomain().getCodeSource();
            return source == null ? "unknown jar" : String.valueOf(source.getLocation());
        } catch (SecurityException e) {
            return "unknown jar";
        }
    }
}

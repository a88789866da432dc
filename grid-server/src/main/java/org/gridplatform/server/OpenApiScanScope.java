package org.gridplatform.server;

import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Limits Payara's MicroProfile OpenAPI scan to the classes a WAR's JAX-RS {@link Application}
 * registers, by giving {@value #SCAN_CLASSES} the application class and its
 * {@link Application#getClasses()}.
 *
 * <p>Payara scans every class in {@code WEB-INF/classes}, and grid-server's classes are there too. So a
 * node sees the gateway's resources even when it does not serve them, and a DHT node sees
 * {@code NodeSearchResource} although it serves the gateway's {@code /search} instead. Payara does
 * not skip a {@code @Path} class that the application leaves out: it gives the class no path, and
 * then {@code @Operation} on one of its methods fails with a {@code NullPointerException} in
 * {@code ApplicationProcessor.visitOperation} (there is no operation to merge into). That failure
 * breaks the whole {@code /openapi} document. Classes the build left behind in
 * {@code target/classes} from deleted sources have the same effect. Which resources a node serves
 * depends on its discovery strategy, and that is known only at run time. A properties file cannot
 * say it, so this config source computes it.
 *
 * <p>Each WAR registers a subclass naming its application in
 * {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}. Its ordinal is
 * {@value #ORDINAL}, below {@code microprofile-config.properties}, system properties and the
 * environment, so an explicit {@value #SCAN_CLASSES} still wins.
 */
public abstract class OpenApiScanScope implements ConfigSource {

    /** The MicroProfile OpenAPI key: the classes to scan; when set, no other class is scanned. */
    public static final String SCAN_CLASSES = "mp.openapi.scan.classes";

    /** Below every standard source (100 and up), so that any explicit setting wins. */
    public static final int ORDINAL = 50;

    private static final Logger LOG = Logger.getLogger(OpenApiScanScope.class.getName());

    private final Class<? extends Application> application;

    /** @param application the WAR's JAX-RS application, instantiated with its public no-argument constructor */
    protected OpenApiScanScope(Class<? extends Application> application) {
        this.application = application;
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(SCAN_CLASSES);
    }

    @Override
    public Map<String, String> getProperties() {
        String classes = scanClasses();
        return classes == null ? Map.of() : Map.of(SCAN_CLASSES, classes);
    }

    @Override
    public String getValue(String propertyName) {
        return SCAN_CLASSES.equals(propertyName) ? scanClasses() : null;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return "grid-openapi-scan-scope[" + application.getName() + "]";
    }

    /**
     * @return the application's class and the classes it registers, comma-separated and sorted; null
     *         (no restriction) when the application cannot say
     */
    String scanClasses() {
        // The application reads its configuration (a node's discovery strategy) through the thread's
        // context class loader; Payara may ask for this value from a thread of its own.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(application.getClassLoader());
        try {
            Set<String> names = new TreeSet<>();
            names.add(application.getName());
            for (Class<?> registered : application.getDeclaredConstructor().newInstance().getClasses()) {
                names.add(registered.getName());
            }
            return String.join(",", names);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Cannot list the classes of " + application.getName()
                    + " for the OpenAPI scan; every class will be scanned", e);
            return null;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}

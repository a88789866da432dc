package org.gridplatform.server.gateway;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /dashboard}: a page that shows the grid live (the nodes' states, addresses, datasets and
 * round trips from {@code GET /nodes/health}, a search box that runs {@code POST /search}, and the
 * runs of {@code GET /training-runs}), and {@code GET /dashboard/<file>} for its script, style sheet
 * and icon.
 *
 * <p>Plain HTML, CSS and a JavaScript module, read from this jar's classpath once: no build tool,
 * no library, nothing fetched from elsewhere (the machines may have no internet). Served through
 * JAX-RS because the application path is {@code /}, where the servlet container's static files would
 * be shadowed. Every answer carries a Content-Security-Policy that allows only this server's own
 * script, style sheet, images and API calls (no inline script), {@code nosniff}, and an ETag
 * with {@code no-cache}, so that browsers revalidate cheaply and pick up a new version at once.
 */
@Path("/dashboard")
public class DashboardResource {

    /** The policy of every dashboard answer: only this server's files and API, no inline script or style. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String FOLDER = "dashboard/";

    /** The files of the dashboard: a whitelist, name to media type. */
    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private static final Map<String, Asset> ASSETS = load();

    @Context
    Request request;

    /** @return the page */
    @GET
    @Produces("text/html")
    @Operation(summary = "The dashboard: the grid, live, in a browser",
            description = "A page that polls GET /nodes/health and GET /training-runs every 2 s and runs POST /search from its"
                    + " search box. Its files are served under /dashboard/.")
    @APIResponse(responseCode = "200", description = "The page (text/html)")
    public Response page() {
        return serve("index.html");
    }

    /**
     * @param file one of the dashboard's files
     * @return the file
     */
    @GET
    @Path("/{file}")
    @Operation(summary = "A file of the dashboard", description = "dashboard.js, dashboard.css, favicon.svg or index.html.")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(responseCode = "404", description = "The dashboard has no such file")
    public Response file(@PathParam("file") String file) {
        return serve(file);
    }

    private Response serve(String name) {
        Asset asset = ASSETS.get(name);
        if (asset == null) {
            throw new NotFoundException();
        }
        Response.ResponseBuilder answer = request == null ? null : request.evaluatePreconditions(asset.etag());
        if (answer == null) {
            answer = Response.ok(asset.bytes(), asset.mediaType());
        }
        // no-cache: browsers keep the file but ask each time (a cheap 304), so a new version shows at once.
        return answer.tag(asset.etag()).header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .build();
    }

    private record Asset(byte[] bytes, String mediaType, EntityTag etag) {
    }

    private static Map<String, Asset> load() {
        Map<String, Asset> assets = new HashMap<>();
        MEDIA_TYPES.forEach((name, type) -> {
            try (InputStream in = DashboardResource.class.getResourceAsStream(FOLDER + name)) {
                if (in == null) {
                    throw new IllegalStateException("The dashboard's file " + name + " is missing from grid-server's jar; rebuild it");
                }
                byte[] bytes = in.readAllBytes();
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
                assets.put(name, new Asset(bytes, type, new EntityTag(hash)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
        return Map.copyOf(assets);
    }
}

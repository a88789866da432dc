package org.gridplatform.server;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gridplatform.api.GridException;
import org.gridplatform.api.Problem;
import org.gridplatform.api.ProblemType;

/**
 * Turns every exception that reaches JAX-RS into an {@code application/problem+json} answer.
 *
 * <p>Client errors ({@code 4xx}) say what to change and are logged at fine level; anything else is
 * a {@code 500} whose detail carries only an incident id, logged at severe level with that id and
 * the stack trace. No answer ever contains a stack trace or a class name.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Context
    UriInfo uriInfo;

    @Context
    Request request;

    @Override
    public Response toResponse(Throwable thrown) {
        String path = path();
        Problem problem = problemFor(thrown, path);
        if (problem.status() >= 500) {
            LOG.log(Level.SEVERE, "Request " + path + " failed, incident " + problem.instance(), thrown);
        } else if (LOG.isLoggable(Level.FINE)) {
            LOG.fine(() -> "Request " + path + " answered " + problem.status() + ": " + problem.detail());
        }
        Response.ResponseBuilder answer = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (thrown instanceof WebApplicationException web && web.getResponse() != null) {
            // Keep headers the runtime set on purpose, such as Allow on a 405.
            web.getResponse().getHeaders().forEach((name, values) -> {
                if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                    values.forEach(value -> answer.header(name, value));
                }
            });
        }
        return answer.build();
    }

    Problem problemFor(Throwable thrown, String path) {
        GridException grid = find(thrown, GridException.class);
        if (grid != null) {
            return grid.toProblem(path);
        }
        if (find(thrown, NoContentException.class) != null) {
            return problem(ProblemType.INVALID_REQUEST, "The request body is empty; send a JSON object, "
                    + "see /openapi for the expected shape", path);
        }
        JsonParsingException parsing = find(thrown, JsonParsingException.class);
        if (parsing != null) {
            String where = parsing.getLocation() == null ? ""
                    : " at line " + parsing.getLocation().getLineNumber() + ", column " + parsing.getLocation().getColumnNumber();
            return problem(ProblemType.INVALID_REQUEST, "The request body is not valid JSON" + where
                    + "; see /openapi for the expected shape", path);
        }
        if (find(thrown, JsonbException.class) != null || thrown instanceof ProcessingException) {
            return problem(ProblemType.INVALID_REQUEST, "The request body does not have the expected JSON shape: a field has"
                    + " the wrong type or is unknown, or the body is not a JSON object; see /openapi for the expected shape", path);
        }
        if (thrown instanceof WebApplicationException web) {
            int status = web.getResponse() == null ? 500 : web.getResponse().getStatus();
            if (status < 500) {
                return problem(ProblemType.forStatus(status), clientDetail(web, status, path), path);
            }
        }
        String incident = UUID.randomUUID().toString();
        return new Problem(ProblemType.INTERNAL_ERROR.uri(), ProblemType.INTERNAL_ERROR.title(), 500,
                "The server failed to answer this request; report incident " + incident + " to the operator",
                "urn:uuid:" + incident);
    }

    private String clientDetail(WebApplicationException web, int status, String path) {
        String method = request == null ? "" : request.getMethod() + " ";
        if (web instanceof NotFoundException) {
            return "There is no resource at " + method + path + "; see /openapi for the endpoints";
        }
        if (web instanceof NotAllowedException) {
            String allowed = String.join(", ", web.getResponse().getAllowedMethods());
            return "The method " + method.strip() + " is not allowed on " + path + "; use " + allowed;
        }
        if (web instanceof NotSupportedException) {
            return "The request body's media type is not supported here; send it as application/json";
        }
        if (status == 406) {
            return "This endpoint answers application/json only; accept it in the Accept header";
        }
        return "The request was refused with status " + status + "; see /openapi for what this endpoint accepts";
    }

    private static Problem problem(ProblemType type, String detail, String path) {
        return new Problem(type.uri(), type.title(), type.status(), detail, path);
    }

    private String path() {
        try {
            return uriInfo == null ? "/" : "/" + uriInfo.getPath(false).replaceFirst("^/", "");
        } catch (RuntimeException e) {
            return "/";
        }
    }

    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}

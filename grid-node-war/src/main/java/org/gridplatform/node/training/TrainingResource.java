package org.gridplatform.node.training;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gridplatform.api.Problem;
import org.gridplatform.node.auth.AllowedRoles;
import org.gridplatform.node.auth.Role;
import org.gridplatform.server.LargeBody;
import org.gridplatform.api.training.TrainingStepRequest;
import org.gridplatform.api.training.EvaluationRequest;
import org.gridplatform.api.training.TrainingPlanAnswer;
import org.gridplatform.api.training.TrainingPlanRequest;

/**
 * Federated training on the node's own data: a local training step from the coordinator's parameters,
 * and an evaluation on the node's fixed held-out rows. Answers carry parameters, counts and aggregate
 * metrics only, never rows. A coordinator may register a run's constant part as a plan
 * ({@code POST /training/plans}) and then send only the plan's id and the parameters.
 *
 * <p>Status codes: {@code 400} when the request does not fit the node (unknown backend or setting,
 * a label the schema lacks, a task or target that differs, parameters of the wrong shape or packed parameters of the
 * wrong length, both or neither of {@code parameters} and {@code packed-parameters}, a {@code plan-id}
 * alongside full-form fields); {@code 404} when no dataset matches, or (type {@code unknown-training-plan})
 * when the node does not hold the named plan; {@code 413} past {@code grid.node.max-training-body-bytes} (64 MiB);
 * {@code 429} with {@code Retry-After} when every training thread and queue place is taken;
 * {@code 503} when the step did not finish within {@code grid.node.training.timeout}.
 */
@Path("/training")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TrainingResource {

    /** The key of the body limit of the training endpoints: parameters of large models are far beyond the global 64 KiB. */
    static final String MAX_BODY_BYTES = "grid.node.max-training-body-bytes";
    static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

    @Inject
    TrainingService training;

    @Context
    UriInfo uri;

    /**
     * @param request the step
     * @return the update
     */
    @POST
    @Path("steps")
    @AllowedRoles({Role.SCIENTIST, Role.OWNER})
    @LargeBody(key = MAX_BODY_BYTES, defaultBytes = DEFAULT_MAX_BODY_BYTES)
    @Operation(summary = "Train one local step", description = "Trains the named backend for the settings' local epochs on the"
            + " training rows of the selected datasets, aligned to the agreed schema and scaling, starting from the given"
            + " parameters. The same seed, data and parameters give the same update. Either the full request, or"
            + " plan-id (from POST /training/plans) with the parameters and optional settings over the plan's. The"
            + " parameters come as arrays of numbers (parameters) or packed (packed-parameters: base64 of little-endian"
            + " float64, row-major), exactly one; a packed request is answered with packed-parameters.")
    @APIResponse(responseCode = "200", description = "The new parameters, the number of examples and aggregate metrics")
    @APIResponse(responseCode = "400", description = "The request does not fit the node's data or backends",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "404", description = "No dataset matches; or (urn:gridplatform:problem:unknown-training-plan)"
            + " the node does not hold the plan: register it again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "429", description = "The node is busy; retry after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", description = "The step exceeded the node's time limit and was stopped",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response step(TrainingStepRequest request,
                         @HeaderParam(STEP_ID_HEADER) @Parameter(description = "Optional: the coordinator's id of this step, "
                                 + "by which DELETE /training/steps/{id} cancels it") String stepId) {
        try {
            return Response.ok(training.step(required(request), stepId == null ? null : validStepId(stepId))).build();
        } catch (TrainingBusyException busy) {
            return busy(busy);
        }
    }

    /** The request header that names a step so that it can be cancelled. */
    public static final String STEP_ID_HEADER = "Grid-Step-Id";

    private static final java.util.regex.Pattern STEP_ID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

    private static String validStepId(String id) {
        if (!STEP_ID.matcher(id).matches()) {
            throw new org.gridplatform.api.InvalidRequestException("A step id (" + STEP_ID_HEADER
                    + " header or path) is 1 to 64 letters, digits or '-', such as a UUID");
        }
        return id;
    }

    /** @param stepId the coordinator's id of a waiting or running step */
    @DELETE
    @Path("steps/{id}")
    @AllowedRoles({Role.SCIENTIST, Role.OWNER})
    @Operation(summary = "Cancel a training step", description = "Interrupts the step sent with this Grid-Step-Id; "
            + "its request is answered 409.")
    @APIResponse(responseCode = "204", description = "The step was cancelled")
    @APIResponse(responseCode = "404", description = "No step with this id waits or runs",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public void cancel(@PathParam("id") String stepId) {
        training.cancel(validStepId(stepId));
    }

    /**
     * @param request the evaluation
     * @return aggregate metrics
     */
    @POST
    @Path("evaluations")
    @AllowedRoles({Role.SCIENTIST, Role.OWNER})
    @LargeBody(key = MAX_BODY_BYTES, defaultBytes = DEFAULT_MAX_BODY_BYTES)
    @Operation(summary = "Evaluate parameters on held-out rows", description = "Aggregate metrics of the parameters on the"
            + " held-out rows of the selected datasets (a split the node keeps fixed, never trained on). Either the full"
            + " request, or plan-id (from POST /training/plans) with the parameters, as arrays (parameters) or packed"
            + " (packed-parameters).")
    @APIResponse(responseCode = "200", description = "The number of held-out examples and aggregate metrics")
    @APIResponse(responseCode = "400", description = "The request does not fit the node's data or backends",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "404", description = "No dataset matches; or (urn:gridplatform:problem:unknown-training-plan)"
            + " the node does not hold the plan: register it again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "429", description = "The node is busy; retry after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response evaluate(EvaluationRequest request) {
        try {
            return Response.ok(training.evaluate(required(request))).build();
        } catch (TrainingBusyException busy) {
            return busy(busy);
        }
    }

    /**
     * @param request what stays the same for a run: data selection, backend, settings, schema and scaling
     * @return {@code 201} with the plan's id and expiry, and its Location
     */
    @POST
    @Path("plans")
    @AllowedRoles({Role.SCIENTIST, Role.OWNER})
    @LargeBody(key = MAX_BODY_BYTES, defaultBytes = DEFAULT_MAX_BODY_BYTES)
    @Operation(summary = "Register a training plan", description = "Checks what stays the same for every round of a run"
            + " (data selection, backend, settings, schema, scaling) as a step would, aligns the selected datasets to the"
            + " schema and scaling, and keeps it under a random id, so that each step and evaluation of the run sends only"
            + " plan-id and the parameters. The node keeps a bounded number of plans and forgets one unused for"
            + " grid.node.training.plan-idle-expiry.")
    @APIResponse(responseCode = "201", description = "The plan's id and when it expires unless used; Location: /training/plans/{id}")
    @APIResponse(responseCode = "400", description = "The plan does not fit the node's data or backends",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "404", description = "No dataset matches",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "429", description = "The node is busy; retry after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response register(TrainingPlanRequest request) {
        try {
            TrainingPlanAnswer answer = training.register(required(request));
            return Response.created(URI.create("training/plans/" + answer.planId())).entity(answer).build();
        } catch (TrainingBusyException busy) {
            return busy(busy);
        }
    }

    /** @param planId the id of a registered plan */
    @DELETE
    @Path("plans/{id}")
    @AllowedRoles({Role.SCIENTIST, Role.OWNER})
    @Operation(summary = "Drop a training plan", description = "Forgets the plan; steps and evaluations that name it are then"
            + " answered 404 (unknown-training-plan).")
    @APIResponse(responseCode = "204", description = "The plan was dropped")
    @APIResponse(responseCode = "404", description = "The node does not hold this plan (unknown-training-plan)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public void dropPlan(@PathParam("id") String planId) {
        training.dropPlan(planId);
    }

    private static <T> T required(T request) {
        if (request == null) {
            throw new org.gridplatform.api.InvalidRequestException("The request body is empty; send a JSON object, see /openapi");
        }
        return request;
    }

    // The one problem answered here rather than by ProblemMapper: it needs the Retry-After header.
    private Response busy(TrainingBusyException busy) {
        return Response.status(busy.status()).type(Problem.MEDIA_TYPE)
                .header("Retry-After", busy.retryAfterSeconds())
                .entity(busy.toProblem("/" + uri.getPath(false).replaceFirst("^/", ""))).build();
    }
}

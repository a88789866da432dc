package org.gridplatform.server.gateway;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gridplatform.api.Problem;
import org.gridplatform.api.training.TrainingRun;
import org.gridplatform.api.training.TrainingRunList;
import org.gridplatform.server.runs.TrainingRunBoard;
import org.gridplatform.server.runs.TrainingRunReader;

/**
 * {@code /training-runs}: coordinators report how their federated-training runs stand, and the
 * dashboard shows the most recent. Display only: summaries, never data or models.
 */
@Path("/training-runs")
public class TrainingRunsResource {

    @Inject
    TrainingRunBoard board;

    /**
     * @param body the report, as JSON
     * @return the run as the board now holds it
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a federated-training run",
            description = "Adds the run to the gateway's board of the last " + TrainingRunBoard.CAPACITY + " runs, or replaces the"
                    + " report with the same run-id (keeping started-at). Display only: the board holds these summaries for the"
                    + " dashboard, never data, parameters or models, and only in memory. Unknown fields are refused.")
    @APIResponse(responseCode = "200", description = "The run as the board holds it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TrainingRun")))
    @APIResponse(responseCode = "400", description = "A field is missing, unknown, of the wrong type or out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "429", description = "Over grid.rate-limit.runs reports a minute from this client address",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "401", description = "On a node of a DHT grid only: sign in as one of its scientists or owners"
            + " (a gateway takes reports from anyone)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @org.gridplatform.server.security.RateLimited(value = "runs", defaultPerMinute = 1200)
    public TrainingRun report(@RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TrainingRunReport"))) String body) {
        return board.report(TrainingRunReader.read(body));
    }

    /** @return the runs, the most recently updated first */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The most recently reported federated-training runs",
            description = "At most " + TrainingRunBoard.CAPACITY + ", the most recently updated first. The dashboard polls it.")
    @APIResponse(responseCode = "200", description = "The runs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TrainingRunList")))
    public TrainingRunList runs() {
        return new TrainingRunList(board.runs());
    }
}

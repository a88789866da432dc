package org.gridplatform.api.training;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/**
 * The answer to {@code POST /training/plans} ({@code 201}, with {@code Location: /training/plans/<plan-id>}).
 *
 * @param planId    the plan's id, a random UUID, to send as {@code plan-id} in steps and evaluations
 * @param expiresAt when the node forgets the plan if it is not used before; every step or evaluation that names
 *                  it starts the idle time again. The node may also forget it earlier (it keeps a bounded number of
 *                  plans, and a restart forgets them all): a request naming a forgotten plan is answered {@code 404}
 *                  of type {@code urn:gridplatform:problem:unknown-training-plan}, and the coordinator registers it again
 */
public record TrainingPlanAnswer(@JsonbProperty("plan-id") String planId, @JsonbProperty("expires-at") Instant expiresAt) {
}

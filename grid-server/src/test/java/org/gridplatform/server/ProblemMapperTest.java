package org.gridplatform.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.NoContentException;
import org.gridplatform.api.InvalidRequestException;
import org.gridplatform.api.Problem;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void gridExceptionsKeepTheirStatusAndDetailEvenWhenWrapped() {
        Problem problem = mapper.problemFor(new ProcessingException(new InvalidRequestException("fix it")), "/join");
        assertThat(problem).isEqualTo(new Problem("urn:gridplatform:problem:invalid-request", "Invalid request", 400,
                "fix it", "/join"));
    }

    @Test
    void jsonBindingErrorsAreBadRequestsWithoutClassNames() {
        Problem problem = mapper.problemFor(new ProcessingException(
                new JsonbException("Cannot create instance of org.gridplatform.api.JoinRequest")), "/join");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).doesNotContain("org.", "JoinRequest", "Exception");
    }

    @Test
    void anEmptyBodyIsABadRequestSayingSo() {
        Problem problem = mapper.problemFor(new ProcessingException(new NoContentException("empty")), "/search");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).startsWith("The request body is empty");
    }

    @Test
    void unexpectedFailuresAre500WithAnIncidentIdOnly() {
        Problem problem = mapper.problemFor(new IllegalStateException("secret internals at org.x.Y"), "/search");
        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).startsWith("The server failed to answer this request; report incident ")
                .doesNotContain("secret", "org.x");
        assertThat(problem.instance()).startsWith("urn:uuid:");
    }
}

package org.gridplatform.server;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;
import java.util.Set;
import org.gridplatform.api.auth.PasswordRequest;
import org.gridplatform.api.auth.UserRequest;
import org.gridplatform.api.training.EvaluationRequest;
import org.gridplatform.api.training.TrainingPlanRequest;
import org.gridplatform.api.training.TrainingStepRequest;

/**
 * The JSON-B instance that JAX-RS reads request bodies with (and writes answers with, unchanged).
 *
 * <p>By default JSON-B reads a JSON number or boolean into a {@code String} field as its text, so
 * that {@code {"node-id": 5}} would register a node {@code "5"} and {@code {"query": [true]}}
 * would search for the tag {@code "true"}. Here a {@code String} accepts only a JSON string (or
 * {@code null}, which the validation rules then refuse with their own message); anything else is a
 * {@link JsonbException}, answered as a {@code 400} problem by {@link ProblemMapper}.
 *
 * <p>The bodies whose shape is Grid's own (users, passwords, training steps, evaluations and plans) also
 * refuse fields they do not have, at any depth. JSON-B skips them by default, so that {@code {"pasword": "..."}}
 * would have the node make a random password instead of the one meant, {@code {"name": "x", "groups": ["owner"]}}
 * would add a user other than the sender thinks, and a misspelt {@code "setings"} would train with the defaults.
 * PyGrid's shapes ({@code /join}, {@code /search}) stay open to what other implementations send.
 */
@Provider
public class StrictJsonb implements ContextResolver<Jsonb> {

    /** The bodies read with {@link #closed}. */
    static final Set<Class<?>> CLOSED_SHAPES = Set.of(UserRequest.class, PasswordRequest.class, TrainingStepRequest.class,
            EvaluationRequest.class, TrainingPlanRequest.class);
    /** Yasson's switch (JSON-B has none) to refuse unknown properties rather than skip them. */
    private static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withDeserializers(new StringsOnly()));
    private final Jsonb closed = JsonbBuilder.create(new JsonbConfig().withDeserializers(new StringsOnly())
            .setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return CLOSED_SHAPES.contains(type) ? closed : jsonb;
    }

    /** Reads a JSON string into a {@code String}, and refuses numbers, booleans, arrays and objects. */
    static final class StringsOnly implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            // getValue(), not currentEvent(): Yasson 3.0.4's parser for user deserializers lacks the latter.
            JsonValue value = parser.getValue();
            return switch (value.getValueType()) {
                case STRING -> ((JsonString) value).getString();
                case NULL -> null;
                default -> throw new JsonbException("Expected a JSON string but found " + value.getValueType());
            };
        }
    }
}

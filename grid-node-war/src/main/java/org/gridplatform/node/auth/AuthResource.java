package org.gridplatform.node.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.gridplatform.api.GridException;
import org.gridplatform.api.Problem;
import org.gridplatform.api.ProblemType;
import org.gridplatform.api.auth.SignedInUser;
import org.gridplatform.api.auth.TokenGrant;
import org.gridplatform.node.NodeSettings;
import org.gridplatform.server.security.RateLimited;

/**
 * Signing in: a user's name and password buy a signed token ({@link TokenService}) that the other
 * endpoints take. Password guessing is slowed by PBKDF2 and by a rate limit per client address
 * ({@code grid.rate-limit.token}, 30 a minute by default).
 */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    /**
     * The longest {@code Authorization} header taken: "Basic " and the base64 of the longest name, ':' and the
     * longest password at 3 UTF-8 bytes per character (a character outside the BMP is 2 chars and 4 bytes), so that
     * every password {@link UserStore} accepts can sign in.
     */
    static final int MAX_BASIC_CHARS = "Basic ".length() + 4 * ((UserStore.MAX_NAME + 1 + 3 * UserStore.MAX_PASSWORD + 2) / 3);

    @Inject
    NodeAuth auth;

    @Inject
    NodeSettings settings;

    /**
     * @param authorization {@code Basic base64(name:password)}
     * @return a token
     */
    @POST
    @Path("token")
    @PasswordSignIn
    @RateLimited(value = "token", defaultPerMinute = 30)
    @Operation(summary = "Sign in", description = "Send Authorization: Basic with your user name and password; get a signed "
            + "token to send as Authorization: Bearer on the other calls until it expires (grid.node.auth.token-lifetime, 1 h).")
    @APIResponse(responseCode = "200", description = "The token, when it expires, the user and their role")
    @APIResponse(responseCode = "401", description = "No, malformed or wrong credentials",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "429", description = "Too many sign-ins from this address; retry after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        try {
            return signIn(authorization);
        } catch (BasicChallenge challenge) {
            return Response.status(challenge.status()).type(Problem.MEDIA_TYPE).entity(challenge.toProblem("/auth/token"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"grid-node\", charset=\"UTF-8\"").build();
        }
    }

    private Response signIn(String authorization) {
        char[] credentials = basicCredentials(authorization);
        try {
            int colon = indexOf(credentials, ':');
            if (colon < 0) {
                throw basicNeeded("The Basic credentials have no ':' between the user name and the password");
            }
            String name = new String(credentials, 0, colon);
            char[] password = Arrays.copyOfRange(credentials, colon + 1, credentials.length);
            try {
                UserStore.User user = auth.users().authenticate(name, password)
                        .orElseThrow(() -> basicNeeded("The user name or the password is wrong"));
                TokenService.Issued issued = auth.tokens().issue(user);
                CacheControl noStore = new CacheControl();
                noStore.setNoStore(true);
                return Response.ok(new TokenGrant(issued.token(), "Bearer", issued.expiresAt(), user.name(), user.role().wireName()))
                        .cacheControl(noStore).build();
            } finally {
                Arrays.fill(password, '\0');
            }
        } finally {
            Arrays.fill(credentials, '\0');
        }
    }

    /**
     * @param context the caller
     * @return who the token belongs to
     */
    @GET
    @Path("me")
    @AllowedRoles({Role.SCIENTIST, Role.OWNER})
    @Operation(summary = "Who am I", description = "The signed-in user, their role, this node and when the token expires.")
    @APIResponse(responseCode = "200", description = "The token's user")
    @APIResponse(responseCode = "401", description = "No or an invalid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public SignedInUser me(@Context SecurityContext context) {
        NodeSecurityContext.Caller caller = (NodeSecurityContext.Caller) context.getUserPrincipal();
        return new SignedInUser(caller.user().name(), caller.user().role().wireName(), settings.nodeId(), caller.expiresAt());
    }

    /**
     * @param authorization the {@code Authorization} header
     * @return the decoded {@code name:password}; the caller clears it after use
     * @throws BasicChallenge if the header is not Basic credentials in base64 UTF-8, or is too long
     */
    static char[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)
                || authorization.length() > MAX_BASIC_CHARS) {
            throw basicNeeded("Send your user name and password as Authorization: Basic base64(name:password)");
        }
        return decode(authorization.substring(6).strip());
    }

    private static char[] decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw basicNeeded("The Basic credentials are not base64");
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            char[] result = new char[chars.remaining()];
            chars.get(result);
            Arrays.fill(chars.array(), '\0');
            return result;
        } catch (CharacterCodingException e) {
            throw basicNeeded("The Basic credentials are not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static int indexOf(char[] chars, char c) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static BasicChallenge basicNeeded(String detail) {
        return new BasicChallenge(detail);
    }

    /** A {@code 401} that asks for Basic credentials. */
    static final class BasicChallenge extends GridException {
        BasicChallenge(String detail) {
            super(ProblemType.UNAUTHORIZED, detail);
        }
    }
}

package org.gridplatform.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import org.gridplatform.api.GridException;
import org.junit.jupiter.api.Test;

class MatrixParameterRefusalTest {

    @Test
    void refusesAPathThatWouldNameSomethingElseThanItChanges() {
        for (String path : java.util.List.of("/users/owner;/password", "/users/owner;x=1/password", "/datasets/iris;", "/nodes/alice;jsessionid=1")) {
            assertThatThrownBy(() -> new MatrixParameterRefusal().filter(request(path))).as(path)
                    .isInstanceOfSatisfying(GridException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessage("The path has a ';', which no endpoint here takes (it would start matrix parameters); remove it,"
                            + " or write it as %3B where it belongs to a name");
        }
    }

    @Test
    void letsEveryOtherPathThrough() {
        for (String path : java.util.List.of("/users/owner/password", "/datasets/iris%3B", "/search", "/nodes/a.b_c-d")) {
            assertThatCode(() -> new MatrixParameterRefusal().filter(request(path))).as(path).doesNotThrowAnyException();
        }
    }

    private static ContainerRequestContext request(String path) {
        URI uri = URI.create("http://127.0.0.1:8181" + path + "?q=a;b");
        UriInfo info = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> method.getName().equals("getRequestUri") ? uri : null);
        return (ContainerRequestContext) Proxy.newProxyInstance(ContainerRequestContext.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> method.getName().equals("getUriInfo") ? info : null);
    }
}

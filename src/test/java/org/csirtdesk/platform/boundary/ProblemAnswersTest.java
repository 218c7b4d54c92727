package org.csirtdesk.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.csirtdesk.platform.entity.FieldError;
import org.junit.jupiter.api.Test;

class ProblemAnswersTest {

    /** What a servlet response was given: status, headers, body; it commits at the first byte written. */
    private static final class Recorded {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        HttpServletResponse response() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "setHeader" -> {
                            headers.put((String) args[0], (String) args[1]);
                            yield null;
                        }
                        case "setContentType" -> {
                            headers.put("Content-Type", (String) args[0]);
                            yield null;
                        }
                        case "getOutputStream" -> out;
                        case "isCommitted" -> body.size() > 0;
                        default -> null;
                    });
        }

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static HttpServletRequest request(String uri) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                ProblemAnswersTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> uri;
                    default -> null;
                });
    }

    @Test
    void aFailureThatEscapedTheMappersIsA500ProblemWithTheSecurityHeaders() throws Exception {
        Recorded answer = new Recorded();
        new ProblemAnswers().doFilter(request("/api/tickets"), answer.response(), (request, response) -> {
            throw new IllegalStateException("the transaction could not commit");
        });
        assertThat(answer.status).isEqualTo(500);
        assertThat(answer.headers)
                .containsEntry("Content-Type", Problem.MEDIA_TYPE)
                .containsEntry("X-Content-Type-Options", "nosniff")
                .containsKey("Content-Security-Policy");
        assertThat(answer.body()).contains("quote reference").doesNotContain("commit");
    }

    @Test
    void theContainersSendErrorIsAProblemWithTheSecurityHeaders() throws Exception {
        Recorded answer = new Recorded();
        new ProblemAnswers()
                .doFilter(request("/api/tickets"), answer.response(), (request, response) -> ((HttpServletResponse)
                                response)
                        .sendError(503));
        assertThat(answer.status).isEqualTo(503);
        assertThat(answer.headers)
                .containsEntry("Content-Type", Problem.MEDIA_TYPE)
                .containsEntry("X-Frame-Options", "DENY");
        assertThat(answer.body()).contains("\"status\":503");
    }

    @Test
    void aPathParameterIsRefusedBeforeAnythingRuns() throws Exception {
        Recorded answer = new Recorded();
        new ProblemAnswers().doFilter(request("/api/tickets/1;x=1"), answer.response(), (request, response) -> {
            throw new AssertionError("reached the resource");
        });
        assertThat(answer.status).isEqualTo(400);
        assertThat(answer.body()).contains("\"field\":\"path\"");
    }

    @Test
    void ordinaryAddressesPass() {
        assertThat(ProblemAnswers.refusalOf("/api/tickets/12", "queue=investigations&status=open,new"))
                .isNull();
        assertThat(ProblemAnswers.refusalOf("/api/sites/CERN-PROD", null)).isNull();
        assertThat(ProblemAnswers.refusalOf("/api/tickets", "q=100%25")).isNull();
    }

    @Test
    void pathParametersAreRefused() {
        assertThat(ProblemAnswers.refusalOf("/api/tickets/1;x=1", null).field()).isEqualTo("path");
        assertThat(ProblemAnswers.refusalOf("/api;jsessionid=1/tickets", null).field())
                .isEqualTo("path");
    }

    @Test
    void encodedSlashesAreRefused() {
        assertThat(ProblemAnswers.refusalOf("/api/tickets/1%2F2", null).field()).isEqualTo("path");
        assertThat(ProblemAnswers.refusalOf("/api/tickets/1%5c2", null).field()).isEqualTo("path");
    }

    @Test
    void aNulInThePathOrAQueryParameterIsRefusedNamingIt() {
        assertThat(ProblemAnswers.refusalOf("/api/sites/A%00B", null))
                .isEqualTo(new FieldError("path", "contains a NUL character"));
        assertThat(ProblemAnswers.refusalOf("/api/tickets", "queue=incidents&q=a%00b"))
                .isEqualTo(new FieldError("q", "contains a NUL character"));
        assertThat(ProblemAnswers.refusalOf("/api/tickets", "%zz%00=1").field()).isEqualTo("%zz%00");
    }
}

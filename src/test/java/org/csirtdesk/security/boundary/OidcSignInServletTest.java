package org.csirtdesk.security.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OidcSignInServletTest {

    @Test
    void theNextPageIsAPageOfTheDeskOrTheApiOnThisSite() {
        assertThat(OidcSignInServlet.localPath("/desk/campaign.html?id=4#cases"))
                .isEqualTo("/desk/campaign.html?id=4#cases");
        assertThat(OidcSignInServlet.localPath("/api/session")).isEqualTo("/api/session");
        assertThat(OidcSignInServlet.localPath("/desk/js/../sites.html?q=a%20b"))
                .as("normalised")
                .isEqualTo("/desk/sites.html?q=a%20b");
    }

    @Test
    void anyOtherSiteOrPageIsReplacedByTheDesksStartPage() {
        for (String elsewhere : new String[] {
            null,
            "",
            "https://evil.example/",
            "//evil.example/x",
            "/\\evil.example",
            "\\/evil.example",
            "/\\/evil.example",
            "desk/queues.html",
            "javascript:alert(1)",
            "https:evil.example",
            "/desk\r\nSet-Cookie: x=1",
            "/\t/evil.example/x",
            "/\n/evil.example/x",
            "/\r/evil.example/x",
            "/%09/evil.example/x",
            "/\u0000/evil.example",
            "/ /evil.example",
            "/\u00a0/evil.example",
            "/desk/../login.html",
            "/desk/../../evil",
            "/login.html",
            "/",
            "/openapi",
            "/" + "a".repeat(2000),
            "//",
            "///evil.example"
        }) {
            assertThat(OidcSignInServlet.localPath(elsewhere))
                    .as(String.valueOf(elsewhere))
                    .isEqualTo("/");
        }
    }
}

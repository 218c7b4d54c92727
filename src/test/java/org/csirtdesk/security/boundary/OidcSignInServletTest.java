package org.csirtdesk.security.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OidcSignInServletTest {

    @Test
    void theNextPageIsAPathOfThisSite() {
        assertThat(OidcSignInServlet.localPath("/desk/campaign.html?id=4#cases")).isEqualTo("/desk/campaign.html?id=4#cases");
        for (String elsewhere : new String[] {null, "", "https://evil.example/", "//evil.example/x", "/\\evil.example",
                "desk/queues.html", "javascript:alert(1)", "/desk\r\nSet-Cookie: x=1", "/" + "a".repeat(2000)}) {
            assertThat(OidcSignInServlet.localPath(elsewhere)).as(String.valueOf(elsewhere)).isEqualTo("/desk/queues.html");
        }
    }
}

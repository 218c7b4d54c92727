package org.csirtdesk.finding.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a source is named in answers. */
class SourceTest {

    @Test
    void theArticleFollowsTheSourcesName() {
        assertThat(Source.ALERTMANAGER.withArticle()).isEqualTo("an alertmanager");
        assertThat(Source.ARGO.withArticle()).isEqualTo("an argo");
        assertThat(Source.PAKITI.withArticle()).isEqualTo("a pakiti");
    }
}

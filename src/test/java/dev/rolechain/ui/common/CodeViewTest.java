package dev.rolechain.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The code view's incremental update ends with exactly the text and colours of a fresh one. */
@ExtendWith(ApplicationExtension.class)
class CodeViewTest {

    @Test
    void anyEditShowsTheSameTextAndColoursAsShowingTheTextAfresh(FxRobot robot) {
        Random random = new Random(7);
        List<String> lines = List.of("{", "  \"Version\": \"2012-10-17\",", "  \"Statement\": [", "    {\"Effect\": \"Allow\"}",
                "  ],", "  \"n\": 12", "}", "", "  \"Action\": \"sts:AssumeRole\"");
        robot.interact(() -> {
            CodeView view = new CodeView("code", "code");
            for (int i = 0; i < 300; i++) {
                StringBuilder text = new StringBuilder();
                int n = random.nextInt(12);
                for (int j = 0; j < n; j++) {
                    text.append(lines.get(random.nextInt(lines.size())));
                    if (j < n - 1 || random.nextBoolean()) {
                        text.append('\n');
                    }
                }
                String t = text.toString();
                view.show(t, Highlighter.Language.JSON);
                assertThat(view.area().getText()).isEqualTo(t);
                CodeView fresh = new CodeView("fresh", "fresh");
                fresh.show(t, Highlighter.Language.JSON);
                assertThat(view.area().getParagraphs().size()).isEqualTo(fresh.area().getParagraphs().size());
                for (int p = 0; p < fresh.area().getParagraphs().size(); p++) {
                    assertThat(view.area().getParagraph(p).getStyleSpans()).as("colours of line %d of %s", p, t)
                            .isEqualTo(fresh.area().getParagraph(p).getStyleSpans());
                }
            }
        });
    }
}

package org.epicenter.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The event names live in one place, {@link Event}: every other list of them is held to it. */
class EventTest {
    private static String resource(String name) throws IOException {
        try (var in = EventTest.class.getResourceAsStream("/org/epicenter/server/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyRecordHasItsOwnWireNameAndTheListHasThemAll() throws Exception {
        var names = new ArrayList<String>();
        for (Class<?> c : Event.class.getPermittedSubclasses()) {
            var ctor = c.getDeclaredConstructors()[0];
            names.add(((Event) ctor.newInstance(new Object[ctor.getParameterCount()])).type());
        }
        assertThat(names).doesNotHaveDuplicates().containsExactlyElementsOf(Event.TYPES);
    }

    @Test
    void theOpenApiDocumentNamesEveryEvent() throws IOException {
        String events = resource("openapi.json");
        String summary = events.substring(events.indexOf("\"/api/v1/events\""));
        summary = summary.substring(0, summary.indexOf("\"responses\""));
        for (String type : Event.TYPES) {
            assertThat(summary).as(type).containsPattern("\\b" + Pattern.quote(type) + "\\b(?!\\.)");
        }
    }

    @Test
    void thePageScriptListensToEveryEventAndNoOther() throws IOException {
        String core = resource("web/core.js");
        var m = Pattern.compile("for \\(const type of \\[([^]]*)]\\)").matcher(core);
        assertThat(m.find()).isTrue();
        List<String> listened = Pattern.compile("'([a-z.]+)'")
                .matcher(m.group(1))
                .results()
                .map(r -> r.group(1))
                .toList();
        assertThat(listened).containsExactlyInAnyOrderElementsOf(Event.TYPES);
    }

    @Test
    void theArchitectureDocumentHasARowPerEvent() throws IOException {
        Path doc = Path.of("..", "docs", "architecture.md");
        String text = Files.readString(doc);
        text = text.substring(text.indexOf("## Events"));
        text = text.substring(0, text.indexOf("\n## ", 1));
        List<String> rows = Pattern.compile("(?m)^\\| `([a-z.]+)` \\|")
                .matcher(text)
                .results()
                .map(r -> r.group(1))
                .toList();
        assertThat(rows).containsExactlyElementsOf(Event.TYPES);
    }
}

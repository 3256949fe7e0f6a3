package org.epicenter.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code epicenter classify}: one label per good post, in order; each bad line named with its number and why. */
class ClassifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void labelsEveryPostAndNamesEveryBadLine() throws Exception {
        Path posts = dir.resolve("posts.jsonl");
        Files.writeString(
                posts,
                String.join(
                        "\n",
                        "{\"id\":\"1\",\"time\":\"2025-11-18T11:32:00Z\",\"text\":\"الواتس واقف عندكم؟\"}",
                        "{\"id\":\"2\",\"time\":\"2025-11-18T11:33:00Z\",\"text\":\"WhatsApp is back up\"}",
                        "not json at all",
                        "",
                        "{\"id\":3,\"time\":\"2025-11-18T11:34:00Z\",\"text\":\"el whatsapp wa2ef\"}",
                        "{\"id\":\"4\",\"time\":\"yesterday\",\"text\":\"x\"}",
                        "{\"id\":\"5\",\"time\":\"2025-11-18T11:35:00Z\"}",
                        "[1,2]",
                        "{\"id\":\"\",\"time\":\"2025-11-18T11:35:00Z\",\"text\":\"x\"}",
                        "{\"id\":\"6\",\"time\":\"2025-11-18T11:36:00Z\",\"text\":\"<b>ChatGPT</b> is down \\u0000 again\"}"),
                StandardCharsets.UTF_8);
        Path out = dir.resolve("labels.jsonl");

        CommandRun r = CommandRun.of("classify", "--posts", posts.toString(), "--out", out.toString());

        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        assertThat(r.output())
                .contains("posts.jsonl line 3: not JSON")
                .contains("line 6: \"time\" must be an ISO-8601 instant like 2025-11-18T11:32:00Z, got \"yesterday\"")
                .contains("line 7: \"text\" must be a string")
                .contains("line 8: not a JSON object")
                .contains("line 9: \"id\" must be")
                .contains("4 posts read, 5 skipped, 3 report an outage");
        var labels = new ArrayList<JsonNode>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            labels.add(JSON.readTree(line));
        }
        assertThat(labels).extracting(n -> n.path("id").asText()).containsExactly("1", "2", "3", "6");
        assertThat(labels)
                .allSatisfy(n -> assertThat(List.of("id", "service", "outage", "why"))
                        .containsExactlyElementsOf(iterable(n.fieldNames())));
        assertThat(labels.get(0).path("service").asText()).isEqualTo("whatsapp");
        assertThat(labels.get(0).path("outage").asBoolean()).isTrue();
        assertThat(labels.get(0).path("why").asText()).contains("«واقف»");
        assertThat(labels.get(1).path("outage").asBoolean()).isFalse();
        assertThat(labels.get(2).path("outage").asBoolean()).isTrue();
        assertThat(labels.get(3).path("service").asText()).isEqualTo("chatgpt");
    }

    @Test
    void aMissingFileIsSaidPlainly() {
        CommandRun r = CommandRun.of(
                "classify",
                "--posts",
                dir.resolve("none.jsonl").toString(),
                "--out",
                dir.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output()).contains("file not found").contains("none.jsonl");
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        var out = new ArrayList<String>();
        it.forEachRemaining(out::add);
        return out;
    }
}

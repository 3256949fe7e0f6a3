package org.epicenter.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Probe conditions: read once with precise errors, then judged against outcomes. */
class ConditionTest {
    private static final ProbeOutcome UP = new ProbeOutcome(
            true,
            200,
            Duration.ofMillis(120),
            "{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"ok\":true}],\"load\":0.5}",
            Duration.ofDays(40),
            null);
    private static final ProbeOutcome DOWN =
            new ProbeOutcome(true, 503, Duration.ofMillis(2400), "<html>Bad gateway</html>", Duration.ofDays(3), null);

    @Test
    void aFailedBodyConditionNeverEchoesTheBody() {
        // failure details are public; an internal endpoint's answer may hold anything
        var secret = new ProbeOutcome(true, 200, Duration.ofMillis(5), "{\"db_password\":\"hunter2\"}", null, null);
        assertThat(Condition.parse("body contains \"ok\"").failure(secret))
                .isEqualTo("body of 25 characters, expected contains \"ok\"")
                .doesNotContain("hunter2");
        assertThat(Condition.parse("body == \"ok\"").failure(secret)).doesNotContain("hunter2");
    }

    @Test
    void theGatusStyleConditionsReadAndJudge() {
        assertThat(Condition.parse("status == 200").failure(UP)).isNull();
        assertThat(Condition.parse("status == 200").failure(DOWN)).isEqualTo("status 503, expected == 200");
        assertThat(Condition.parse("latency < 500ms").failure(UP)).isNull();
        assertThat(Condition.parse("latency < 500ms").failure(DOWN)).isEqualTo("latency 2400ms, expected < 500ms");
        assertThat(Condition.parse("body.status == \"UP\"").failure(UP)).isNull();
        assertThat(Condition.parse("body.status == \"UP\"").failure(DOWN))
                .isEqualTo("body.status is missing, expected == \"UP\"");
        assertThat(Condition.parse("body.checks[0].ok == true").failure(UP)).isNull();
        assertThat(Condition.parse("body.load <= 0.8").failure(UP)).isNull();
        assertThat(Condition.parse("body contains \"Bad gateway\"").failure(DOWN))
                .isNull();
        assertThat(Condition.parse("cert_expiry > 14d").failure(UP)).isNull();
        assertThat(Condition.parse("cert_expiry > 14d").failure(DOWN)).isEqualTo("cert_expiry 3d, expected > 14d");
        var dns = new ProbeOutcome(true, null, Duration.ofMillis(8), null, null, "NXDOMAIN");
        assertThat(Condition.parse("dns_rcode == NOERROR").failure(dns))
                .isEqualTo("dns_rcode \"NXDOMAIN\", expected == \"NOERROR\"");
        assertThat(Condition.parse("connected == true").failure(new ProbeOutcome(false, null, null, null, null, null)))
                .isEqualTo("connected false, expected == true");
        assertThat(Condition.parse("status == 200").failure(dns)).isEqualTo("status is missing, expected == 200");
    }

    @Test
    void aBadConditionIsRefusedWithItsColumn() {
        assertRefused("stats == 200", 1, "unknown subject \"stats\"");
        assertRefused("status =! 200", 8, "expected an operator");
        assertRefused("status == abc", 11, "\"abc\" is not an HTTP status code");
        assertRefused("status == 999", 11, "999 is not an HTTP status code (100-599)");
        assertRefused("latency < 5 seconds", 11, "is not a duration like 500ms");
        assertRefused("status ==", 10, "expected a value after ==");
        assertRefused("dns_rcode < NOERROR", 11, "dns_rcode takes == or !=");
        assertRefused("dns_rcode == NOPE", 14, "unknown DNS response code \"NOPE\"");
        assertRefused("body.status == \"UP", 19, "unterminated string");
        assertRefused("body.1st == 2", 6, "\"1st\" is not a field name");
        assertRefused("body.items[x] == 2", 11, "an array index is written [0]");
        assertRefused("body.status contains \"U\"", 13, "contains applies to the whole body");
        assertRefused("", 1, "expected a subject");
    }

    private static void assertRefused(String text, int column, String message) {
        assertThatThrownBy(() -> Condition.parse(text))
                .as(text)
                .isInstanceOf(Condition.ConditionException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((Condition.ConditionException) e).column())
                        .as(text + ": " + e.getMessage())
                        .isEqualTo(column));
    }
}

package org.epicenter.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.epicenter.probes.AddressGuard;
import org.epicenter.probes.HttpProbe;
import org.junit.jupiter.api.Test;

/** A webhook pointed at an internal address fails at once, as docs/alerts.md says: a retry would be refused too. */
class WebhookRefusalTest {
    @Test
    void anInternalAddressIsRefusedNotRetried() throws Exception {
        var channel = HttpChannels.webhook(new HttpProbe(AddressGuard.defaults(), Clock.systemUTC()));
        var to = new ObjectMapper()
                .readValue(
                        "{\"id\":\"ops\",\"channel\":\"webhook\",\"url\":\"http://127.0.0.1:9/hook\"}",
                        org.epicenter.alert.Subscription.class);
        var payload = new ObjectMapper().readTree("{\"kind\":\"test\"}");
        Channel.Outcome outcome = channel.send(to, "k1", payload, "{}".getBytes());
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.retryable()).as(outcome.error()).isFalse();
        assertThat(outcome.error()).contains("not allowed");
    }
}

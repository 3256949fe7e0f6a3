package org.epicenter.server.alert.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.epicenter.probes.AddressGuard;
import org.epicenter.probes.HttpProbe;
import org.epicenter.server.alert.Channel;
import org.epicenter.server.alert.channel.Outbound;
import org.junit.jupiter.api.Test;

/** The generic webhook: its checks, and an internal address failing at once (docs/alerts.md: a retry would be refused too). */
class WebhookTest {
    @Test
    void anInternalAddressIsRefusedNotRetried() throws Exception {
        var channel = new Webhook().open(new Outbound(new HttpProbe(AddressGuard.defaults(), Clock.systemUTC()), null));
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

    @Test
    void aUrlIsRequiredAndASecretIsLongEnough() {
        var w = new Webhook();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.check(sub(null, null)))
                .hasMessage("url: required for this channel");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.check(sub("ftp://x.example", null)))
                .hasMessageContaining("url: an http:// or https:// URL is required");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.check(sub("https://x .example", null)))
                .hasMessageStartingWith("url: ");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.check(sub("https://x.example", "short")))
                .hasMessageContaining("secret: at least 16 characters");
        w.check(sub("https://x.example/hook", "0123456789abcdef"));
    }

    @Test
    void theSignatureIsTheHmacOfTheBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(Webhook.hmac("Jefe", "what do ya want for nothing?".getBytes()))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    private static org.epicenter.alert.Subscription sub(String url, String secret) {
        return new org.epicenter.alert.Subscription("ops", "webhook", url, secret, null, null, null, null, null, null);
    }
}

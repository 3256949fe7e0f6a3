package org.epicenter.server.alert;

import com.fasterxml.jackson.databind.JsonNode;
import org.epicenter.alert.Subscription;

/**
 * One way of telling: each adapter formats the notification for its receiver and says whether a
 * failure is worth another try. The retry policy itself belongs to {@link AlertService}.
 */
public interface Channel {
    /**
     * @param retryable a later attempt may succeed (timeouts, 5xx, 429); false for a refusal that will not change (4xx)
     */
    record Outcome(boolean ok, boolean retryable, String error) {
        public static final Outcome OK = new Outcome(true, false, null);

        public static Outcome retry(String why) {
            return new Outcome(false, true, why);
        }

        public static Outcome refused(String why) {
            return new Outcome(false, false, why);
        }

        /** What an HTTP status means for a notification. */
        public static Outcome ofStatus(int status, String where) {
            if (status >= 200 && status < 300) {
                return OK;
            }
            String why = "HTTP " + status + " from " + where;
            return status >= 500 || status == 429 || status == 408 ? retry(why) : refused(why);
        }
    }

    /**
     * @param key     the notification's key: also the receiver's idempotency key
     * @param payload the notification (version, kind, title, text, services…)
     * @param body    the payload as the JSON bytes the webhook signs and sends
     */
    Outcome send(Subscription to, String key, JsonNode payload, byte[] body);
}

package org.epicenter.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;

/**
 * What one probe run saw, as conditions read it. Fields a probe kind does not produce are null
 * (a TCP probe has no status, an HTTP probe no DNS response code).
 *
 * @param connected  whether the connection (or query) was answered at all
 * @param status     HTTP status
 * @param latency    time to the answer
 * @param body       response body as text, capped by the probe
 * @param certExpiry time left until the server certificate expires
 * @param rcode      DNS response code name (NOERROR, NXDOMAIN, ...)
 */
public record ProbeOutcome(
        boolean connected, Integer status, Duration latency, String body, Duration certExpiry, String rcode) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body parsed as JSON, or null when it is not JSON. */
    JsonNode json() {
        if (body == null) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

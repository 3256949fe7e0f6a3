package org.epicenter.server.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.epicenter.alert.Silence;
import org.epicenter.alert.Subscription;

/**
 * Fuzzes what a stranger (or a careless operator, or a compromised agent) sends over HTTP: the
 * report JSON, an agent's result batch, the admin API's subscription and silence bodies. Each must
 * decode or be refused with a 400 whose message is plain words (no Java class, no stack trace). Any
 * other exception, a hang or running out of memory is a finding.
 *
 * <p>In the normal build each runs its seeds and past findings
 * ({@code src/test/resources/org/epicenter/server/http/InputFuzzTestInputs/}); with {@code JAZZER_FUZZ=1}
 * Jazzer mutates them for {@code maxDuration} (docs/benchmarks.md).
 */
class InputFuzzTest {
    /** A 400 with a message that names no Java class or exception, unless the input itself did (messages quote it). */
    static void refusedPlainly(ApiError e, byte[] input) {
        if (e.status() != 400 && e.status() != 413) {
            throw new AssertionError("status " + e.status() + " for bad input: " + e.getMessage(), e);
        }
        FuzzOracle.plain(e.getMessage(), input, e);
    }

    @FuzzTest(maxDuration = "2m")
    void reportJson(byte[] body) {
        try {
            ReportDecoder.Fields f = ReportDecoder.decode(body);
            if (f.service() == null || f.problem() == null) {
                throw new AssertionError("accepted without service or problem: " + f);
            }
        } catch (ApiError e) {
            refusedPlainly(e, body);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void agentBatch(byte[] body) {
        try {
            ProbeRoutes.Batch b = ProbeRoutes.decodeBatch(body);
            for (ProbeRoutes.ResultIn r : b.results()) {
                if (r == null || r.entry() == null || r.at() == null || r.ok() == null) {
                    throw new AssertionError("a half result accepted: " + r);
                }
            }
        } catch (ApiError e) {
            refusedPlainly(e, body);
        }
    }

    @FuzzTest(maxDuration = "1m")
    void subscription(byte[] body) {
        try {
            AlertRoutes.read(body, Subscription.class);
        } catch (ApiError e) {
            refusedPlainly(e, body);
        }
    }

    @FuzzTest(maxDuration = "1m")
    void silence(byte[] body) {
        try {
            Silence s = AlertRoutes.read(body, Silence.class);
            s.from().toEpochMilli(); // stored as milliseconds: must not overflow
            s.until().toEpochMilli();
        } catch (ApiError e) {
            refusedPlainly(e, body);
        }
    }
}

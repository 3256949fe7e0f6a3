package org.epicenter.probes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.epicenter.probe.ProbeOutcome;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A DNS probe: one query to a chosen resolver (itself subject to the {@link AddressGuard}). The
 * outcome carries the response code ({@code dns_rcode}) and, as its body, the answer records one
 * per line ({@code body contains "192.0.2.10"} checks an expected answer).
 */
public final class DnsProbe {
    static final Set<String> TYPES = Set.of("A", "AAAA", "CNAME", "NS", "MX", "TXT", "SOA");

    /** What to ask whom. */
    public record Request(String name, String type, String resolverHost, int resolverPort, Duration timeout) {
        public Request {
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException(
                        "record type must be one of " + TYPES.stream().sorted().toList() + ", got \"" + type + "\"");
            }
            if (resolverPort < 1 || resolverPort > 65_535) {
                throw new IllegalArgumentException("resolver port must be 1-65535, got " + resolverPort);
            }
            try {
                Name.fromString(name.endsWith(".") ? name : name + ".");
            } catch (TextParseException e) {
                throw new IllegalArgumentException("\"" + name + "\" is not a DNS name: " + e.getMessage());
            }
        }
    }

    private final AddressGuard guard;
    private final Clock clock;

    public DnsProbe(AddressGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    public ProbeRun run(Request request) {
        List<InetAddress> resolver;
        try {
            resolver = guard.resolve(request.resolverHost());
        } catch (UnknownHostException e) {
            return ProbeRun.failed("resolver " + e.getMessage());
        }
        long start = clock.millis();
        try {
            var simple = new SimpleResolver(new InetSocketAddress(resolver.get(0), request.resolverPort()));
            simple.setTimeout(request.timeout());
            Name name = Name.fromString(request.name().endsWith(".") ? request.name() : request.name() + ".");
            Message answer =
                    simple.send(Message.newQuery(Record.newRecord(name, Type.value(request.type()), DClass.IN)));
            var lines = new StringBuilder();
            for (Record r : answer.getSection(Section.ANSWER)) {
                lines.append(Type.string(r.getType()))
                        .append(' ')
                        .append(r.rdataToString())
                        .append('\n');
            }
            var outcome = new ProbeOutcome(
                    true,
                    null,
                    Duration.ofMillis(clock.millis() - start),
                    lines.toString(),
                    null,
                    Rcode.string(answer.getRcode()));
            return new ProbeRun(outcome, null);
        } catch (IOException e) {
            return ProbeRun.failed("no answer from resolver " + resolver.get(0).getHostAddress() + ":"
                    + request.resolverPort() + " within " + request.timeout().toMillis() + " ms ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}

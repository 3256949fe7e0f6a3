package org.epicenter.server.alert.channel.ntfy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.epicenter.alert.Subscription;
import org.epicenter.server.alert.Channel;
import org.epicenter.server.alert.channel.ChannelType;
import org.epicenter.server.alert.channel.HttpPost;
import org.epicenter.server.alert.channel.Outbound;

/** ntfy: the text as the body; the title, a priority and a tag in headers. */
public final class Ntfy implements ChannelType {
    @Override
    public String name() {
        return "ntfy";
    }

    @Override
    public void check(Subscription s) {
        HttpPost.checkUrl("url", s.url(), true);
    }

    @Override
    public Channel open(Outbound outbound) {
        return (to, key, payload, body) -> {
            String kind = payload.path("kind").asText();
            var headers = new LinkedHashMap<String, String>();
            headers.put("User-Agent", "epicenter-alerts");
            headers.put("Title", ascii(payload.path("title").asText()));
            headers.put("Priority", kind.equals("firing") ? "high" : "default");
            headers.put("Tags", kind.equals("resolved") ? "white_check_mark" : "rotating_light");
            return HttpPost.post(
                    outbound.http(),
                    to.url(),
                    headers,
                    HttpPost.line(payload).getBytes(StandardCharsets.UTF_8),
                    "text/plain; charset=utf-8");
        };
    }

    /** Header values are ISO-8859-1: Arabic names would not survive, so the title header keeps ASCII and the body carries the rest. */
    static String ascii(String s) {
        String a = s.replaceAll("[^\\x20-\\x7E]", "?");
        return a.length() > 200 ? a.substring(0, 200) : a;
    }
}

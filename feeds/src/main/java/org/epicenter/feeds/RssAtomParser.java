package org.epicenter.feeds;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.epicenter.feed.FeedSnapshot;
import org.epicenter.feed.OfficialState;

/**
 * Generic RSS and Atom (ROME), as cloud providers publish them (AWS Health per service and region,
 * Azure status). Feeds have no components and no impact field, so each entry becomes an incident
 * whose impact and state are read from words in its title, the way AWS writes them
 * ("Service disruption", "Increased error rates", "[RESOLVED]", "operating normally"). Document
 * type declarations are refused: an external entity can read files.
 */
public final class RssAtomParser implements FeedParser {
    @Override
    public String format() {
        return "rss";
    }

    @Override
    public FeedSnapshot parse(byte[] body) throws FeedFormatException {
        if (body.length == 0) {
            throw new FeedFormatException("empty body (expected an RSS or Atom document)");
        }
        SyndFeed feed;
        try {
            var input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            feed = input.build(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        } catch (FeedException | IllegalArgumentException e) {
            throw new FeedFormatException("not an RSS or Atom feed: " + e.getMessage(), e);
        }
        var incidents = new ArrayList<FeedSnapshot.Incident>();
        List<SyndEntry> entries = feed.getEntries();
        for (int i = 0; i < entries.size(); i++) {
            SyndEntry e = entries.get(i);
            String title = e.getTitle() == null ? "" : e.getTitle().strip();
            if (title.isEmpty()) {
                throw new FeedFormatException("entries[" + i + "]: no title");
            }
            java.util.Date date = e.getUpdatedDate() != null ? e.getUpdatedDate() : e.getPublishedDate();
            if (date == null) {
                throw new FeedFormatException("entries[" + i + "] (\"" + title + "\"): no date");
            }
            Instant at = date.toInstant();
            String id = e.getUri() != null ? e.getUri() : e.getLink() != null ? e.getLink() : title + "@" + at;
            String description =
                    e.getDescription() == null ? null : e.getDescription().getValue();
            boolean resolved = resolved(title);
            incidents.add(new FeedSnapshot.Incident(
                    id,
                    title,
                    resolved ? "resolved" : "posted",
                    impact(title),
                    at,
                    at,
                    resolved ? at : null,
                    e.getLink(),
                    maintenance(title),
                    null,
                    null,
                    List.of(new FeedSnapshot.Update(at, resolved ? "resolved" : "posted", description)),
                    List.of()));
        }
        incidents.sort((a, b) -> b.created().compareTo(a.created()));
        return new FeedSnapshot(List.of(), incidents);
    }

    static boolean resolved(String title) {
        String t = title.toLowerCase(Locale.ROOT);
        return t.contains("[resolved]") || t.contains("resolved:") || t.contains("operating normally");
    }

    static boolean maintenance(String title) {
        return title.toLowerCase(Locale.ROOT).contains("maintenance");
    }

    static OfficialState impact(String title) {
        String t = title.toLowerCase(Locale.ROOT);
        if (t.contains("operating normally")) {
            return OfficialState.OPERATIONAL;
        }
        if (t.contains("maintenance")) {
            return OfficialState.MAINTENANCE;
        }
        if (t.contains("service disruption") || t.contains("outage") || t.contains("unavailable")) {
            return OfficialState.MAJOR_OUTAGE;
        }
        if (t.contains("increased error") || t.contains("partial")) {
            return OfficialState.PARTIAL_OUTAGE;
        }
        return OfficialState.DEGRADED; // performance issues, informational messages, anything else posted
    }
}

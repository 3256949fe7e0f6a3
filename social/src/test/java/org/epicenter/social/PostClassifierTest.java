package org.epicenter.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.epicenter.catalog.Catalog;
import org.epicenter.social.PostClassifier.Post;
import org.epicenter.social.PostClassifier.Verdict;
import org.junit.jupiter.api.Test;

/** What the classifier makes of posts of each kind, and of posts that are not posts at all. */
class PostClassifierTest {
    private static final PostClassifier CLASSIFIER = new PostClassifier(Catalog.defaults());
    private static final Instant T = Instant.parse("2025-11-18T11:32:00Z");

    private static Verdict read(String text) {
        return CLASSIFIER.classify(new Post("p", T, text));
    }

    @Test
    void outagesInArabicEnglishAndArabizi() {
        for (String text : List.of(
                "الواتس واقف عندكم؟",
                "الواتساب طايح 😡😡",
                "واتس اب مو شغال من الصبح",
                "الواتس مش شغال خالص",
                "الواتس ما عم يشتغل عندي",
                "#واتساب_معطل",
                "el whatsapp wa2ef 3andkom?",
                "is WhatsApp down for anyone else??",
                "#whatsappdown",
                "whatsapp not sending messages rn",
                "واقففففف الوتساب")) {
            Verdict v = read(text);
            assertThat(v.service()).as(text).isEqualTo("whatsapp");
            assertThat(v.outage()).as(text + ": " + v.why()).isTrue();
        }
    }

    @Test
    void theServiceThatIsDownIsTheOneNamed() {
        Verdict v = read("Instagram is down but WhatsApp works fine");
        assertThat(v.service()).isEqualTo("instagram");
        assertThat(v.outage()).as(v.why()).isTrue();
        assertThat(read("الانستا طايح بس الواتس شغال").service()).isEqualTo("instagram");
    }

    @Test
    void hardNegatives() {
        for (String text : List.of(
                "WhatsApp is back up 🙏",
                "رجع الواتس الحمد لله",
                "WhatsApp launches a new feature for channels, Meta announced",
                "my phone died so no WhatsApp for me today",
                "remember when WhatsApp was down in 2021?",
                "imagine if WhatsApp went down during Eid",
                "she is so down to earth, we talk on WhatsApp every day",
                "اطلب من طلبات واحصل على خصم 50%",
                "نسيت كلمة السر حق الانستا")) {
            Verdict v = read(text);
            assertThat(v.outage()).as(text + ": " + v.why()).isFalse();
            assertThat(v.why()).startsWith("not an outage: ");
        }
    }

    @Test
    void anEverydayWordNamesAServiceOnlyInContext() {
        assertThat(read("no signal in the basement again").service()).isNull();
        assertThat(read("Signal is down, messages not sending").service()).isEqualTo("signal");
        assertThat(read("عندي طلبات كثيرة اليوم").service()).isNull();
        assertThat(read("تطبيق طلبات واقف").service()).isEqualTo("talabat");
    }

    @Test
    void everyAnswerSaysWhy() {
        Verdict v = read("الواتس واقف عندكم؟");
        assertThat(v.why()).contains("«واقف»").contains("whatsapp");
        assertThat(v.lang()).isEqualTo("ar");
        assertThat(read("el whatsapp wa2ef").lang()).isEqualTo("arabizi");
        assertThat(read("WhatsApp is down").lang()).isEqualTo("en");
    }

    @Test
    void whatAStrangerSendsIsReadWithoutFailing() {
        var random = new Random(7);
        for (String text : List.of(
                "",
                " ",
                "😀😀😀",
                "\u0000\u0001\u202e\u200f",
                "#",
                "@@@@",
                "ـــــــــ",
                "٥٠٣ ٥٠٢",
                "x".repeat(100_000),
                "واقف ".repeat(10_000),
                "#" + "a".repeat(5_000) + "down",
                "<script>alert(1)</script> whatsapp down")) {
            Verdict v = read(text);
            assertThat(v.why()).isNotBlank();
        }
        for (int i = 0; i < 200; i++) {
            var sb = new StringBuilder();
            int n = random.nextInt(300);
            for (int j = 0; j < n; j++) {
                sb.appendCodePoint(random.nextInt(3) == 0 ? 0x600 + random.nextInt(0x100) : random.nextInt(0x3000));
            }
            assertThat(read(sb.toString()).why()).isNotBlank();
        }
        assertThat(CLASSIFIER.classify(new Post("p", null, null)).outage()).isFalse();
    }

    /** Found by review: each was read wrong before. */
    @Test
    void reviewFindings() {
        for (String text : List.of(
                "استخدمت مايكروسوفت تيمز اليوم في الاجتماع وكان ممتاز",
                "ما يحدث في تويتر اليوم مثير للاهتمام",
                "ما تقدمه نتفليكس هذا الشهر رائع",
                "my e-mail is not working",
                "Spotify is fine, my mom just said \"slow down\" lol")) {
            Verdict v = read(text);
            assertThat(v.outage()).as(text + ": " + v.why()).isFalse();
        }
        for (String[] post : List.of(
                new String[] {"whatsapp still not back", "whatsapp"},
                new String[] {"whatsapp isn't back yet", "whatsapp"},
                new String[] {"الواتس لسا ما رجع", "whatsapp"},
                new String[] {"الواتس ماهو شغال", "whatsapp"},
                new String[] {"انستا مهوب شغال", "instagram"},
                new String[] {"الواتساب بعد طايح عندكم؟", "whatsapp"},
                new String[] {"Gooooogle is down", "google-search"},
                new String[] {"faceboooook down again", "facebook"},
                new String[] {"WhatsApp down since 2 hours, error 2003 on every message", "whatsapp"},
                new String[] {"Spotify is down, my mom just said \"slow down\" lol", "spotify"},
                new String[] {"Anyone know if WhatsApp is down?", "whatsapp"},
                new String[] {"الواتساب ماخدامش", "whatsapp"},
                new String[] {"الواتساب ما كيخدمش", "whatsapp"},
                new String[] {"wtsp down?", "whatsapp"},
                new String[] {"İNSTAGRAM DOWN", "instagram"})) {
            Verdict v = read(post[0]);
            assertThat(v.service()).as(post[0]).isEqualTo(post[1]);
            assertThat(v.outage()).as(post[0] + ": " + v.why()).isTrue();
        }
        assertThat(read("if WhatsApp goes down during Eid I will cry").why()).contains("hypothetical");
        assertThat(read("internet is down again ugh xxx").service())
                .as("a sign-off is not X")
                .isNull();
    }
}

package io.innkeeper.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a person received, read from the real mail server the test run started (GreenMail's REST API at
 * {@code INNKEEPER_MAIL_API_URL}) and parsed as a mail program would, so a test reads the subject, the text and the
 * links a person would see. Each test mails its own fresh addresses, so no test reads another's mail.
 */
public final class Mailbox {

    /** One received message: who sent it, its subject, and its text (the plain part, or the HTML with tags removed). */
    public record Message(String from, String subject, String text, String html, Map<String, String> headers,
            List<Attachment> attachments) {

        public Message(String from, String subject, String text) {
            this(from, subject, text, null, Map.of(), List.of());
        }

        /** A header's value (the first, if it came more than once), or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        /** The first link in the text that starts with {@code prefix}. */
        public String link(String prefix) {
            Matcher m = Pattern.compile(Pattern.quote(prefix) + "[^\\s\"'<>]*").matcher(text);
            if (!m.find()) {
                throw new AssertionError("no link starting " + prefix + " in: " + text);
            }
            return m.group().replace("&amp;", "&");
        }
    }

    /** A file that came with a message. */
    public record Attachment(String name, String contentType, byte[] data) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Session SESSION = Session.getInstance(new Properties());

    private Mailbox() {
    }

    /** The mail server's REST API. */
    public static String api() {
        String url = System.getenv("INNKEEPER_MAIL_API_URL");
        return url == null || url.isBlank() ? "http://127.0.0.1:8025" : url;
    }

    /** A new address no one has mailed yet. */
    public static String freshAddress(String name) {
        return name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@mail.innkeeper.test";
    }

    /** Every message {@code address} has received so far, oldest first. */
    public static List<Message> messages(String address) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api() + "/api/user/"
                    + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 400 || response.statusCode() == 404) {
                return List.of(); // GreenMail knows an address only once mail has come for it
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("mail server answered " + response.statusCode() + ": "
                        + response.body());
            }
            List<Message> messages = new ArrayList<>();
            for (JsonNode node : JSON.readTree(response.body())) {
                messages.add(parse(node.get("mimeMessage").asText()));
            }
            return messages;
        } catch (IOException e) {
            throw new IllegalStateException("reading the mail of " + address + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits (up to 30 s) for a message to {@code address} that {@code wanted} accepts, and answers it. */
    public static Message await(String address, Predicate<Message> wanted) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> messages(address).stream().filter(wanted).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** Waits for a message to {@code address} whose subject contains {@code subject}. */
    public static Message await(String address, String subject) {
        return await(address, m -> m.subject() != null && m.subject().contains(subject));
    }

    static Message parse(String mime) {
        try {
            MimeMessage message = new MimeMessage(SESSION,
                    new ByteArrayInputStream(mime.getBytes(StandardCharsets.UTF_8)));
            String from = message.getFrom() == null || message.getFrom().length == 0 ? null
                    : message.getFrom()[0].toString();
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (jakarta.mail.Header h : java.util.Collections.list(message.getAllHeaders())) {
                headers.putIfAbsent(h.getName(), h.getValue());
            }
            List<Attachment> attachments = new ArrayList<>();
            collect(message, attachments);
            return new Message(from, message.getSubject(), text(message), html(message), Map.copyOf(headers),
                    List.copyOf(attachments));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not parse a received message", e);
        }
    }

    private static void collect(Part part, List<Attachment> into) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), into);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            into.add(new Attachment(part.getFileName(), part.getContentType(),
                    part.getInputStream().readAllBytes()));
        }
    }

    private static String html(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/html")) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String html = html(multipart.getBodyPart(i));
                if (html != null) {
                    return html;
                }
            }
        }
        return null;
    }

    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                if (body.isMimeType("text/plain") || body.isMimeType("multipart/*")) {
                    String text = text(body);
                    if (text != null) {
                        return text;
                    }
                } else if (body.isMimeType("text/html")) {
                    html = text(body);
                }
            }
            return html;
        }
        if (part.isMimeType("text/html")) {
            // Keep the links a person could click: href values become text beside the words.
            return part.getContent().toString().replaceAll("(?i)<a\\s[^>]*href=\"([^\"]*)\"[^>]*>", " $1 ")
                    .replaceAll("<[^>]+>", " ");
        }
        return null;
    }
}

package uk.gov.channelpolicy.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.json.PolicyJson;

/**
 * Reads the posts of a Twitter/X account archive's {@code data/tweets.js} (and {@code tweets-part1.js},
 * ...): one JavaScript assignment of a JSON array,
 *
 * <pre>{@code
 * window.YTD.tweets.part0 = [
 *   { "tweet" : { "id_str" : "1712345678901234567", "created_at" : "Tue Oct 10 09:30:00 +0000 2023",
 *                 "full_text" : "Our new guidance on ...", "entities" : { "hashtags" : [ { "text" : "NHS" } ], ... },
 *                 "in_reply_to_status_id_str" : null, ... } },
 *   ...
 * ]
 * }</pre>
 *
 * <p>Each element becomes an {@link ExportRecord}: {@code id_str} the id, {@code created_at} the time,
 * {@code full_text} the text, {@code entities.hashtags} the hashtags, and the post's address
 * {@code https://x.com/HANDLE/status/ID} the link. The action is {@code reply} when
 * {@code in_reply_to_status_id_str} is set, {@code promote} for a repost ({@code "RT @"}), else
 * {@code post}. The archive holds one account's posts and does not name it in this file: the handle
 * comes from {@code --account}, or from {@code account.js} beside it. An element that is not a post is
 * invalid; a file cut short keeps every post before the cut, and reports the rest as one invalid record.
 */
public final class TweetArchive {
    private static final Pattern ASSIGNMENT = Pattern.compile("\\A\\s*window\\.YTD\\.[A-Za-z0-9_]+\\.part\\d+\\s*=\\s*");
    private static final Pattern USERNAME = Pattern.compile("\"username\"\\s*:\\s*\"([^\"]+)\"");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TweetArchive() {
    }

    /**
     * Reads one {@code tweets.js} file.
     *
     * @param file the file's name, for the record's source
     * @param bytes the file's content
     * @param handle the account whose archive it is
     * @return one record per element; an invalid record for what cannot be read, and for each post holding
     *     bytes that are not UTF-8
     */
    public static List<Imported> posts(String file, byte[] bytes, String handle) {
        String content = new String(bytes, StandardCharsets.UTF_8);
        boolean replaced = content.indexOf('\uFFFD') >= 0 && !validUtf8(bytes);
        return posts(file, content, handle, replaced);
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Reads one {@code tweets.js} file's text.
     *
     * @param file the file's name, for the record's source
     * @param content the file's content
     * @param handle the account whose archive it is
     * @param replaced whether the file held bytes that are not UTF-8, now U+FFFD: a post holding U+FFFD is then invalid
     * @return one record per element; an invalid record for what cannot be read
     */
    static List<Imported> posts(String file, String content, String handle, boolean replaced) {
        List<Imported> posts = new ArrayList<>();
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        Matcher assignment = ASSIGNMENT.matcher(text);
        if (!assignment.find()) {
            posts.add(new InvalidRecord(new SourceLine(file, 0, head(text)), null, null, List.of(Problem.at("$",
                    "is not a Twitter/X archive file: it must start with window.YTD.tweets.part0 = ["))));
            return posts;
        }
        int start = assignment.end();
        try (JsonParser parser = MAPPER.getFactory().createParser(text.substring(start))) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                posts.add(new InvalidRecord(new SourceLine(file, start, head(text.substring(start))), null, null,
                        List.of(Problem.at("$", "must be a JSON array of posts after the assignment"))));
                return posts;
            }
            while (true) {
                long offset = start + Math.max(0, parser.currentLocation().getCharOffset());
                JsonToken token;
                try {
                    token = parser.nextToken();
                    if (token == JsonToken.END_ARRAY || token == null) {
                        break;
                    }
                    offset = start + parser.currentTokenLocation().getCharOffset();
                    JsonNode element = MAPPER.readTree(parser);
                    posts.add(post(file, offset, element, handle, replaced));
                } catch (JsonProcessingException e) {
                    String rest = text.substring((int) Math.min(offset, text.length()));
                    posts.add(new InvalidRecord(new SourceLine(file, offset, head(rest)), salvageId(rest), null,
                            List.of(Problem.at("$", "malformed JSON, the file is cut short or damaged here: " + PolicyJson.parserMessage(e.getOriginalMessage())))));
                    break;
                }
            }
        } catch (IOException e) {
            posts.add(new InvalidRecord(new SourceLine(file, start, ""), null, null, List.of(Problem.at("$", "cannot be read: " + e.getMessage()))));
        }
        return posts;
    }

    private static Imported post(String file, long offset, JsonNode element, String handle, boolean replaced) {
        JsonNode tweet = element.has("tweet") ? element.get("tweet") : element;
        String text = element.toString();
        SourceLine source = new SourceLine(file, offset, text, replaced ? text.indexOf('\uFFFD') : -1);
        if (!tweet.isObject() || !tweet.has("created_at") && !tweet.has("id_str")) {
            return new InvalidRecord(source, null, null, List.of(Problem.at("$", "is not a post: expected {\"tweet\": {\"id_str\": ..., "
                    + "\"created_at\": ..., \"full_text\": ...}}")));
        }
        String id = text(tweet, "id_str");
        if (id == null) {
            id = text(tweet, "id");
        }
        String body = text(tweet, "full_text");
        if (body == null) {
            body = text(tweet, "text");
        }
        List<String> hashtags = new ArrayList<>();
        for (JsonNode tag : tweet.path("entities").path("hashtags")) {
            if (tag.path("text").isTextual()) {
                hashtags.add(tag.path("text").asText());
            }
        }
        String action = text(tweet, "in_reply_to_status_id_str") != null ? "reply" : body != null && body.startsWith("RT @") ? "promote" : "post";
        String name = handle == null ? null : handle.startsWith("@") ? handle.substring(1) : handle;
        String link = id == null || name == null ? null : "https://x.com/" + name + "/status/" + id;
        return new ExportRecord(source, id, text(tweet, "created_at"), handle, action, List.of(), body, link, hashtags);
    }

    /**
     * The handle an archive's {@code account.js} names.
     *
     * @param content the content of {@code account.js}
     * @return the handle with {@code @}, or {@code null} when the file names none
     */
    public static String handleIn(String content) {
        Matcher username = USERNAME.matcher(content);
        return username.find() ? "@" + username.group(1) : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String head(String text) {
        return text.length() > AuditSchema.MAX_TEXT ? text.substring(0, AuditSchema.MAX_TEXT) : text;
    }

    private static String salvageId(String rest) {
        Matcher id = Pattern.compile("\"id_str\"\\s*:\\s*\"(\\d+)\"").matcher(rest.length() > 4096 ? rest.substring(0, 4096) : rest);
        return id.find() ? id.group(1) : null;
    }
}

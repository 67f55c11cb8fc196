package uk.gov.channelpolicy.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * The classifier for exports that carry no content category: a list, which the department reads and
 * edits, of terms and hashtags that mark a post as being of a category. A CSV file with a header row:
 *
 * <pre>
 * category,term
 * party-political,Labour Party
 * party-political,#VoteConservative
 * clinical-trial-recruitment,clinical trial
 * </pre>
 *
 * <p>A term is matched as a whole word or phrase, ignoring case (and Unicode compatibility forms); a term
 * starting with {@code #} is a hashtag, matched against the post's hashtags and any {@code #word} in its
 * text. A post gets every category whose terms it contains, and no category at all when none matches:
 * the lexicon never guesses. It cannot see what a person sees: irony, an image, a party's policy named
 * without its name, a link to a party page, a misspelling, another language, or a hashtag nobody added.
 *
 * <p>Serializable only to travel from the driver to its executors; never stored.
 *
 * @serial exclude
 */
public final class Lexicon implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The lexicon the job uses when none is given: {@code lexicon-dh.csv} beside this class. */
    public static final String DEFAULT_RESOURCE = "lexicon-dh.csv";
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&])#([\\p{L}\\p{N}_]+)");

    /** Category to its terms' patterns, in vocabulary order. */
    private final Map<String, Pattern> terms;
    /** Category to its hashtags, lower case, without {@code #}. */
    private final Map<String, Set<String>> hashtags;
    private final List<String> order;
    private final int size;

    private Lexicon(Map<String, Pattern> terms, Map<String, Set<String>> hashtags, List<String> order, int size) {
        this.terms = terms;
        this.hashtags = hashtags;
        this.order = order;
        this.size = size;
    }

    /**
     * The lexicon shipped with the audit, for the DH rule set's categories.
     *
     * @param vocabulary the rule set's vocabulary
     * @return the lexicon
     */
    public static Lexicon bundled(Vocabulary vocabulary) {
        try (InputStream in = Lexicon.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the job's jar");
            }
            return parse(DEFAULT_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8), vocabulary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a lexicon.
     *
     * @param name the file's name, for messages
     * @param text the file's content
     * @param vocabulary the rule set's vocabulary: every category must be one of its content categories
     * @return the lexicon
     * @throws SettingsException listing every problem with its line
     */
    public static Lexicon parse(String name, String text, Vocabulary vocabulary) {
        List<String> problems = new ArrayList<>();
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !CsvText.fields(lines.get(0).replace("\uFEFF", "")).stream().map(String::strip).toList()
                .equals(List.of("category", "term"))) {
            throw new SettingsException("the lexicon " + name, List.of("line 1: the header row must be: category,term"));
        }
        Map<String, List<String>> words = new LinkedHashMap<>();
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        int size = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> fields;
            try {
                fields = CsvText.fields(lines.get(i));
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
                continue;
            }
            if (fields.size() != 2 || fields.get(1).isBlank()) {
                problems.add("line " + (i + 1) + ": expected two fields, a category and a term");
                continue;
            }
            String category = fields.get(0).strip();
            String term = normal(fields.get(1).strip());
            var problem = vocabulary.check(Vocabulary.Kind.CONTENT, category, "category");
            if (problem.isPresent()) {
                problems.add("line " + (i + 1) + ": " + problem.get().message() + "; allowed: " + String.join(", ", problem.get().allowedValues())
                        + (problem.get().suggestion() == null ? "" : "; did you mean \"" + problem.get().suggestion() + "\"?"));
                continue;
            }
            if (term.startsWith("#")) {
                if (!term.substring(1).matches("[\\p{L}\\p{N}_]+")) {
                    problems.add("line " + (i + 1) + ": a hashtag is # and letters, digits or _: \"" + fields.get(1).strip() + "\"");
                    continue;
                }
                tags.computeIfAbsent(category, c -> new java.util.HashSet<>()).add(term.substring(1));
            } else {
                words.computeIfAbsent(category, c -> new ArrayList<>()).add(term);
            }
            size++;
        }
        if (!problems.isEmpty()) {
            throw new SettingsException("the lexicon " + name, problems);
        }
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        words.forEach((category, list) -> patterns.put(category, Pattern.compile("(?<![\\p{L}\\p{N}_])(?:"
                + String.join("|", list.stream().map(Lexicon::phrase).toList()) + ")(?![\\p{L}\\p{N}_])")));
        return new Lexicon(patterns, tags, vocabulary.ids(Vocabulary.Kind.CONTENT), size);
    }

    /** A phrase whose words may be separated by any run of spaces. */
    private static String phrase(String term) {
        List<String> parts = new ArrayList<>();
        for (String word : term.split("\\s+")) {
            parts.add(Pattern.quote(word));
        }
        return String.join("\\s+", parts);
    }

    /**
     * The categories a post's text and hashtags match.
     *
     * @param text the post's text, or {@code null}
     * @param postHashtags the post's hashtags as the export lists them (without {@code #}), possibly empty
     * @return the matched categories in the vocabulary's order; empty when nothing matches
     */
    public List<String> classify(String text, Collection<String> postHashtags) {
        String body = text == null ? "" : normal(text);
        Set<String> found = new TreeSet<>();
        postHashtags.forEach(tag -> found.add(normal(tag)));
        Matcher inText = HASHTAG.matcher(body);
        while (inText.find()) {
            found.add(inText.group(1));
        }
        List<String> categories = new ArrayList<>();
        for (String category : order) {
            Pattern pattern = terms.get(category);
            Set<String> tags = hashtags.getOrDefault(category, Set.of());
            if (pattern != null && pattern.matcher(body).find() || found.stream().anyMatch(tags::contains)) {
                categories.add(category);
            }
        }
        return categories;
    }

    /**
     * How many terms and hashtags the lexicon holds.
     *
     * @return the number of entries
     */
    public int size() {
        return size;
    }

    private static String normal(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}

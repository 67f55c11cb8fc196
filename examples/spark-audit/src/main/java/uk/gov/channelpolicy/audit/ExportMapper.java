package uk.gov.channelpolicy.audit;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import uk.gov.channelpolicy.InvalidRequestException;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * Makes a post from an export into a record the rule set can decide, with the facts the export lacks:
 *
 * <ul>
 *   <li>the account (channel type, owner, department) and the actor (who operates the account) come from
 *       the {@link AccountBook}; a post from an account the book does not list is invalid;
 *   <li>the action is the one the export states, else {@code post} (the importer states {@code reply} and
 *       {@code promote} where the export shows them);
 *   <li>the content categories are the ones the export states; failing that, the ones the {@link Lexicon}
 *       matches (marked machine-classified); failing that, the account's default category; failing that,
 *       none: the post is an {@link UnclassifiedRecord}, for a person to classify.
 * </ul>
 *
 * <p>Serializable only to travel from the driver to its executors; never stored.
 *
 * @serial exclude
 */
public final class ExportMapper implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The action of a post whose export states none: exports list what was published. */
    public static final String DEFAULT_ACTION = "post";

    private final AccountBook accounts;
    private final Lexicon lexicon;
    private final TimeRules times;

    /**
     * Creates the mapper.
     *
     * @param accounts the department's accounts
     * @param lexicon the classifier for posts whose export states no category
     * @param times how times are read, and which are possible
     */
    public ExportMapper(AccountBook accounts, Lexicon lexicon, TimeRules times) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        this.times = Objects.requireNonNull(times, "times");
    }

    /**
     * Maps one post.
     *
     * @param post the post as exported
     * @param vocabulary the rule set's vocabulary, to check stated actions and categories
     * @return the record to decide, the problems that stop it being decided, or the unclassified record
     */
    public ParsedRecord map(ExportRecord post, Vocabulary vocabulary) {
        List<Problem> problems = new ArrayList<>();
        SourceLine source = post.source();
        if (source.badByte() >= 0) {
            problems.add(Problem.at("$", "is not valid UTF-8: bytes that are not UTF-8 (shown as U+FFFD at character " + source.badByte()
                    + "); quarantined, not decided with the bytes replaced"));
        }
        String id = blankToNull(post.id());
        if (id == null) {
            problems.add(Problem.at("$.id", "is required: the post's id"));
        }
        Instant time = null;
        if (blankToNull(post.time()) == null) {
            problems.add(Problem.at("$.time", "is required: when the post was made"));
        } else {
            try {
                time = times.read(post.time());
            } catch (IllegalArgumentException e) {
                problems.add(Problem.at("$.time", e.getMessage()));
            }
        }
        Optional<Account> account = Optional.empty();
        if (blankToNull(post.account()) == null) {
            problems.add(Problem.at("$.account", "is required: the handle of the account that posted"));
        } else {
            account = accounts.find(post.account());
            if (account.isEmpty()) {
                problems.add(Problem.at("$.account", "\"" + post.account() + "\" is not in the accounts file: add the account, with "
                        + "its owner and operator, to decide its posts"));
            }
        }
        String action = blankToNull(post.action()) == null ? DEFAULT_ACTION : post.action().strip();
        vocabulary.check(Vocabulary.Kind.ACTIONS, action, "$.action").ifPresent(problems::add);
        List<String> stated = new ArrayList<>();
        for (String category : post.categories()) {
            if (!category.isBlank()) {
                vocabulary.check(Vocabulary.Kind.CONTENT, category.strip(), "$.category").ifPresentOrElse(problems::add,
                        () -> stated.add(category.strip()));
            }
        }
        if (!problems.isEmpty()) {
            return new InvalidRecord(source, id, account.map(Account::department).orElse(null), problems);
        }
        Account known = account.orElseThrow();
        CategorySource from;
        List<String> content;
        if (!stated.isEmpty()) {
            from = CategorySource.STATED;
            content = stated.stream().distinct().toList();
        } else {
            content = lexicon.classify(post.text(), post.hashtags());
            from = CategorySource.LEXICON;
            if (content.isEmpty() && known.defaultCategory() != null) {
                content = List.of(known.defaultCategory());
                from = CategorySource.ACCOUNT_DEFAULT;
            }
        }
        if (content.isEmpty()) {
            return new UnclassifiedRecord(source, id, time, known.department(), known.operator(), action, known.channel(),
                    post.text(), post.link());
        }
        PolicyRequest request;
        try {
            request = new PolicyRequest(known.operator(), action, known.channel(), content);
        } catch (InvalidRequestException | IllegalArgumentException e) {
            return new InvalidRecord(source, id, known.department(), List.of(Problem.at("$", e.getMessage())));
        }
        return new ActivityRecord(source, id, time, known.department(), request, post.text(), post.link(), from);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}

package uk.gov.channelpolicy.audit;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import uk.gov.channelpolicy.Problem;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * The accounts file a department keeps: for each of its accounts, the facts an export lacks (whose
 * account it is, its channel type, who operates it, the default category of its posts). A CSV file with
 * a header row:
 *
 * <pre>
 * handle,department,channel_type,owner_role,owner_id,owner_capacity,operator_role,operator_id,default_category
 * &#64;DHgovuk,dh,corporate,,,,communications-division,dh-comms,departmental
 * &#64;JaneMP,dh,personal,minister,jane,personal,minister,jane,
 * </pre>
 *
 * <p>{@code handle}, {@code department} and {@code operator_role} are required; the rest may be empty.
 * Every id is checked against the rule set's vocabulary, with a "did you mean" for a near miss. Handles
 * match without regard to case or a leading {@code @}, as the platforms treat them.
 *
 * <p>Serializable only to travel from the driver to its executors; never stored.
 *
 * @serial exclude
 */
public final class AccountBook implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The columns, in the documented order. */
    public static final List<String> COLUMNS = List.of("handle", "department", "channel_type", "owner_role", "owner_id",
            "owner_capacity", "operator_role", "operator_id", "default_category");

    private final Map<String, Account> accounts;

    private AccountBook(Map<String, Account> accounts) {
        this.accounts = accounts;
    }

    /**
     * Reads an accounts file.
     *
     * @param name the file's name, for messages
     * @param text the file's content
     * @param vocabulary the rule set's vocabulary, to check roles, channel types, capacities and categories
     * @return the accounts
     * @throws SettingsException listing every problem, each with its line and column
     */
    public static AccountBook parse(String name, String text, Vocabulary vocabulary) {
        List<String> problems = new ArrayList<>();
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new SettingsException("the accounts file " + name, List.of("line 1: a header row is required: " + String.join(",", COLUMNS)));
        }
        List<String> header = CsvText.fields(withoutByteOrderMark(lines.get(0))).stream().map(String::strip).toList();
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                problems.add("line 1: \"" + column + "\" is not a column of the accounts file; allowed: " + String.join(", ", COLUMNS)
                        + Problem.nearest(column, COLUMNS).map(near -> "; did you mean \"" + near + "\"?").orElse(""));
            }
        }
        for (String required : List.of("handle", "department", "operator_role")) {
            if (!header.contains(required)) {
                problems.add("line 1: the column \"" + required + "\" is required");
            }
        }
        Map<String, Account> accounts = new LinkedHashMap<>();
        if (problems.isEmpty()) {
            for (int i = 1; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    account(lines.get(i), i + 1, header, vocabulary, problems).ifPresent(account -> {
                        Account previous = accounts.putIfAbsent(key(account.handle()), account);
                        if (previous != null) {
                            problems.add("the handle " + account.handle() + " is listed twice");
                        }
                    });
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException("the accounts file " + name, problems);
        }
        return new AccountBook(new HashMap<>(accounts));
    }

    private static Optional<Account> account(String line, int number, List<String> header, Vocabulary vocabulary, List<String> problems) {
        List<String> fields;
        try {
            fields = CsvText.fields(line);
        } catch (IllegalArgumentException e) {
            problems.add("line " + number + ": " + e.getMessage());
            return Optional.empty();
        }
        if (fields.size() != header.size()) {
            problems.add("line " + number + ": has " + fields.size() + " fields; the header has " + header.size());
            return Optional.empty();
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String value = fields.get(i).strip();
            row.put(header.get(i), value.isEmpty() ? null : value);
        }
        int before = problems.size();
        for (String required : List.of("handle", "department", "operator_role")) {
            if (row.get(required) == null) {
                problems.add("line " + number + ", " + required + ": is required");
            }
        }
        check(vocabulary, Vocabulary.Kind.CHANNEL_TYPES, row, "channel_type", number, problems);
        check(vocabulary, Vocabulary.Kind.ROLES, row, "owner_role", number, problems);
        check(vocabulary, Vocabulary.Kind.CAPACITIES, row, "owner_capacity", number, problems);
        check(vocabulary, Vocabulary.Kind.ROLES, row, "operator_role", number, problems);
        check(vocabulary, Vocabulary.Kind.CONTENT, row, "default_category", number, problems);
        if (row.get("owner_role") == null && (row.get("owner_id") != null || row.get("owner_capacity") != null)) {
            problems.add("line " + number + ", owner_role: is required when owner_id or owner_capacity is given");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Account(row.get("handle"), row.get("department"), row.get("channel_type"), row.get("owner_role"),
                row.get("owner_id"), row.get("owner_capacity"), row.get("operator_role"), row.get("operator_id"),
                row.get("default_category")));
    }

    private static void check(Vocabulary vocabulary, Vocabulary.Kind kind, Map<String, String> row, String column, int number,
            List<String> problems) {
        String value = row.get(column);
        if (value != null) {
            vocabulary.check(kind, value, column).ifPresent(problem -> problems.add("line " + number + ", " + column + ": "
                    + problem.message() + "; allowed: " + String.join(", ", problem.allowedValues())
                    + (problem.suggestion() == null ? "" : "; did you mean \"" + problem.suggestion() + "\"?")));
        }
    }

    /**
     * The account with a handle.
     *
     * @param handle a handle as an export gives it, with or without {@code @}, in any case
     * @return the account, or empty when the file does not list it
     */
    public Optional<Account> find(String handle) {
        return handle == null ? Optional.empty() : Optional.ofNullable(accounts.get(key(handle)));
    }

    /**
     * How many accounts the file lists.
     *
     * @return the number of accounts
     */
    public int size() {
        return accounts.size();
    }

    private static String key(String handle) {
        String normal = Normalizer.normalize(handle.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return normal.startsWith("@") ? normal.substring(1) : normal;
    }

    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}

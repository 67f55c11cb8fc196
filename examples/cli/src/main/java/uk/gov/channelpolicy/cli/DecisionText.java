package uk.gov.channelpolicy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import uk.gov.channelpolicy.Advice;
import uk.gov.channelpolicy.Citation;
import uk.gov.channelpolicy.Decision.ClosestRule;
import uk.gov.channelpolicy.Decision.NotApplicable;
import uk.gov.channelpolicy.Decision;
import uk.gov.channelpolicy.Effect;
import uk.gov.channelpolicy.Obligation;
import uk.gov.channelpolicy.Outcome;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.PolicyRequest;
import uk.gov.channelpolicy.Reason;
import uk.gov.channelpolicy.Responsibility;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * Writes requests and decisions as plain text for a person at a terminal: ASCII layout, no colour,
 * wrapped to a width, every id shown beside its label from the rule set's vocabulary, every reason
 * with its rule id and the guidance it quotes. Used by {@code demo} and {@code explain}.
 *
 * <pre>{@code
 * DecisionText text = new DecisionText(policy.vocabulary());
 * System.out.print(text.request(request, "   "));
 * System.out.print(text.decision(decision, "   "));
 * }</pre>
 */
public final class DecisionText {
    /** The width text is wrapped to unless another is given: a standard terminal. */
    public static final int DEFAULT_WIDTH = 80;

    /** The indent that lines up with the text of a {@link #numbered} item. */
    public static final String NUMBERED_INDENT = "    ";

    private static final String LABEL_GAP = "  ";
    private static final int LABEL_WIDTH = "Channel type:".length();

    private final Vocabulary vocabulary;
    private final int width;

    /**
     * Creates a renderer that wraps at {@link #DEFAULT_WIDTH} columns.
     *
     * @param vocabulary the rule set's vocabulary, for labels
     */
    public DecisionText(Vocabulary vocabulary) {
        this(vocabulary, DEFAULT_WIDTH);
    }

    /**
     * Creates a renderer.
     *
     * @param vocabulary the rule set's vocabulary, for labels
     * @param width the column to wrap text at; at least 40
     * @throws IllegalArgumentException if the width is under 40
     */
    public DecisionText(Vocabulary vocabulary, int width) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        if (width < 40) {
            throw new IllegalArgumentException("width must be at least 40 columns, not " + width);
        }
        this.width = width;
    }

    /**
     * The outcome and what it means for the person asking, e.g. {@code DENY: no}.
     *
     * @param decision the decision
     * @return one line, without a line break
     */
    public static String outcome(Decision decision) {
        return decision.outcome().name() + ": " + switch (decision.outcome()) {
            case PERMIT -> decision.obligations().isEmpty() ? "yes" : "yes, with obligations";
            case DENY -> "no";
            case NOT_APPLICABLE -> "no rule permits or forbids this, so no";
            case INDETERMINATE -> "a rule failed while deciding, so no";
        };
    }

    /**
     * The answer in one sentence, in the rule set's words, e.g. {@code No: the Communications Division may
     * not draft a tweet with party-political content on a minister's personal channel.} Built from the
     * vocabulary's labels (without their parenthetical notes), so it needs no department's ids.
     *
     * @param request the request
     * @param decision its decision
     * @return one sentence, not wrapped, without a line break
     */
    public String sentence(PolicyRequest request, Decision decision) {
        String who = person(vocabulary.label(Kind.ROLES, request.actor().role()));
        String what = common(plain(vocabulary.label(Kind.ACTIONS, request.action()))) + " with "
                + list(request.content().stream().map(c -> vocabulary.label(Kind.CONTENT, c)).toList()) + " on " + where(request, decision);
        return switch (decision.outcome()) {
            case PERMIT -> (decision.obligations().isEmpty() ? "Yes: " : "Yes, with obligations: ") + who + " may " + what + ".";
            case DENY -> "No: " + who + " may not " + what + ".";
            case NOT_APPLICABLE -> "No: no rule permits " + who + " to " + what + ".";
            case INDETERMINATE -> "No: a rule failed while deciding whether " + who + " may " + what + ".";
        };
    }

    /**
     * Text wrapped to the width, every line under the same indent.
     *
     * @param value the text
     * @param indent put before every line
     * @return the lines, each ending in a line break
     */
    public String paragraph(String value, String indent) {
        Lines lines = new Lines(indent);
        lines.heading(value);
        return lines.toString();
    }

    /**
     * A numbered item, such as a question, wrapped with its later lines under its text: {@code " 1. "}
     * up to {@code "99. "}, so text under it lines up at {@link #NUMBERED_INDENT}.
     *
     * @param number the item's number
     * @param text the item
     * @return the lines, each ending in a line break
     */
    public String numbered(int number, String text) {
        Lines lines = new Lines("");
        String prefix = String.format("%2d. ", number);
        lines.wrap(text, prefix, NUMBERED_INDENT);
        return lines.toString();
    }

    /**
     * The request in words: who, what action, on which channel, with what content. Ids and names of
     * people are left out: the handle is enough to recognise the channel.
     *
     * @param request the request
     * @param indent put before every line
     * @return the lines, each ending in a line break
     */
    public String request(PolicyRequest request, String indent) {
        Lines lines = new Lines(indent);
        String who = vocabulary.label(Kind.ROLES, request.actor().role());
        if (request.actsOnOwnChannel()) {
            who += ", on their own channel";
        }
        lines.field("Who:", who);
        lines.field("Action:", vocabulary.label(Kind.ACTIONS, request.action()));
        lines.field("Channel:", channel(request));
        if (request.source() != null) {
            lines.field("Whose tweet:", source(request));
        }
        lines.field("Content:", String.join("; ", request.content().stream().map(c -> vocabulary.label(Kind.CONTENT, c)).toList()));
        return lines.toString();
    }

    /** Where the promoted or shared tweet came from: whose it is (never an id) and in what capacity. */
    private String source(PolicyRequest request) {
        Owner owner = request.source().owner();
        String whose = owner == null ? "an organisation's (no named person's)"
                : request.sourceIsActorsOwn() ? "their own" : vocabulary.label(Kind.ROLES, owner.role());
        return whose + (owner == null || owner.capacity() == null ? "" : ", " + vocabulary.label(Kind.CAPACITIES, owner.capacity()))
                + (request.source().handle() == null ? "" : " (" + request.source().handle() + ")");
    }

    /**
     * The decision: outcome, channel type, codes, then each reason (for NOT_APPLICABLE: whose work it is and the rules
     * that came closest, with what the request lacked for each), obligation, piece of advice and responsibility with its
     * rule id, message and the guidance it quotes.
     *
     * @param decision the decision
     * @param indent put before every line
     * @return the lines, each ending in a line break
     */
    public String decision(Decision decision, String indent) {
        Lines lines = new Lines(indent);
        lines.field("Answer:", outcome(decision));
        if (decision.channelType() != null) {
            lines.field("Channel type:", labelled(Kind.CHANNEL_TYPES, decision.channelType()));
        }
        List<String> codes = decision.codes().stream().map(c -> labelled(Kind.CODES, c)).toList();
        lines.field("Codes:", codes.isEmpty() ? "none" : codes.get(0));
        for (String code : codes.subList(Math.min(1, codes.size()), codes.size())) {
            lines.field("", code);
        }

        lines.blank();
        if (decision.notApplicable() != null) {
            notApplicable(lines, decision.notApplicable());
        } else if (decision.reasons().isEmpty()) {
            lines.heading("Why: no rule permits or forbids this request.");
        } else {
            lines.heading("Why:");
            for (Reason reason : decision.reasons()) {
                // Deny overrides: say so, or a PERMIT listed under "DENY: no" reads as a contradiction.
                String overridden = decision.outcome() == Outcome.DENY && reason.effect() == Effect.PERMIT ? " (overridden by DENY)" : "";
                item(lines, reason.effect().name() + " by " + reason.rule() + overridden, reason.message(), reason.citation());
            }
        }
        if (!decision.obligations().isEmpty()) {
            lines.blank();
            lines.heading("Obligations (must be done if it goes ahead):");
            for (Obligation obligation : decision.obligations()) {
                item(lines, obligation.rule(), obligation.message(), obligation.citation());
            }
        }
        if (!decision.advice().isEmpty()) {
            lines.blank();
            lines.heading("Advice:");
            for (Advice advice : decision.advice()) {
                String head = advice.principle() == null ? advice.rule()
                        : vocabulary.label(Kind.PRINCIPLES, advice.principle()) + " (" + advice.rule() + ")";
                item(lines, head, advice.message(), advice.citation());
            }
        }
        if (!decision.responsibilities().isEmpty()) {
            lines.blank();
            lines.heading("Whose work it is:");
            for (Responsibility responsibility : decision.responsibilities()) {
                item(lines, vocabulary.label(Kind.ROLES, responsibility.role()) + " (" + responsibility.rule() + ")",
                        responsibility.message(), responsibility.citation());
            }
        }
        return lines.toString();
    }

    /** Why no rule decided: whose work it is, and the rules that came closest with what the request lacked for each. */
    private void notApplicable(Lines lines, NotApplicable why) {
        lines.heading("Why: no rule permits or forbids this request.");
        lines.heading(why.whoseWork().isEmpty() ? "The guidance gives this work to no role."
                : "It is the work of " + String.join(" and ", why.whoseWork().stream().map(r -> vocabulary.label(Kind.ROLES, r)).toList())
                        + " (see \"Whose work it is\").");
        if (why.closest().isEmpty()) {
            lines.heading("No rule applies within two changes to the request.");
            return;
        }
        lines.heading("The rules that came closest, and what the request lacked:");
        for (ClosestRule rule : why.closest()) {
            lines.bullet(rule.rule() + " would " + rule.effect().name());
            lines.detail(rule.message(), 0);
            lines.detail("It " + String.join(" and ", rule.lacking()) + ".", 0);
            lines.detail("\"" + rule.citation().quote() + "\"", 1);
            lines.detail("(" + rule.citation().source() + ", section \"" + rule.citation().section() + "\")", 1);
        }
    }

    private void item(Lines lines, String head, String message, Citation citation) {
        lines.bullet(head);
        lines.detail(message, 0);
        lines.detail("\"" + citation.quote() + "\"", 1);
        lines.detail("(" + citation.source() + ", section \"" + citation.section() + "\")", 1);
    }

    private String channel(PolicyRequest request) {
        List<String> parts = new ArrayList<>();
        parts.add(request.channel().handle() != null ? request.channel().handle() : "a channel");
        Owner owner = request.channel().owner();
        parts.add(owner == null ? "attributed to no named person"
                : "owned by: " + vocabulary.label(Kind.ROLES, owner.role())
                        + (owner.capacity() == null ? "" : ", " + vocabulary.label(Kind.CAPACITIES, owner.capacity())));
        if (request.channel().type() != null) {
            parts.add("stated type: " + request.channel().type());
        }
        return String.join("; ", parts);
    }

    /** The channel: whose it is and its type, e.g. {@code a minister's personal channel}, {@code their own official channel}. */
    private String where(PolicyRequest request, Decision decision) {
        String type = decision.channelType() != null ? decision.channelType() : request.channel().type();
        if (type == null) {
            return "the channel";
        }
        String channel = common(plain(vocabulary.label(Kind.CHANNEL_TYPES, type)));
        Owner owner = request.channel().owner();
        if (owner == null) {
            return article(channel) + channel;
        }
        if (request.actsOnOwnChannel()) {
            return "their own " + channel;
        }
        return person(vocabulary.label(Kind.ROLES, owner.role())) + "'s " + channel;
    }

    /**
     * A role as a person in a sentence: a name of several capitalised words is one body ("the
     * Communications Division"); anything else is one of many ("a minister", "a DH official").
     */
    private static String person(String label) {
        String noun = plain(label);
        String[] words = noun.split(" ");
        boolean named = words.length > 1 && java.util.Arrays.stream(words)
                .allMatch(w -> !w.isEmpty() && (!Character.isLetter(w.charAt(0)) || Character.isUpperCase(w.charAt(0))));
        if (named) {
            return "the " + noun;
        }
        String common = common(noun);
        // "someone outside government" and "the press office" are already whole noun phrases: no "a" before them.
        if (common.matches("(?:(?:some|any|every|no)(?:one|body)|(?:the|a|an)) .*")) {
            return common;
        }
        return article(common) + common;
    }

    /** "a" or "an" by the first letter; an acronym ("DH official") takes "a". */
    private static String article(String noun) {
        boolean acronym = noun.length() > 1 && Character.isUpperCase(noun.charAt(0)) && Character.isUpperCase(noun.charAt(1));
        return !acronym && !noun.isEmpty() && "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ";
    }

    /** A label without its parenthetical note: "Personal channel (a named person, ...)" is "Personal channel". */
    private static String plain(String label) {
        int note = label.indexOf(" (");
        return note > 0 ? label.substring(0, note).strip() : label.strip();
    }

    /** Lower-case the first letter, as inside a sentence, unless the first word is an acronym. */
    private static String common(String noun) {
        if (noun.length() > 1 && Character.isUpperCase(noun.charAt(1))) {
            return noun;
        }
        return noun.isEmpty() ? noun : Character.toLowerCase(noun.charAt(0)) + noun.substring(1);
    }

    /** "a", "a and b", "a, b and c". */
    private static String list(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private String labelled(Kind kind, String id) {
        String label = vocabulary.label(kind, id);
        return label.equals(id) ? id : label + " [" + id + "]";
    }

    /** Lines under a common indent, with labelled fields and word wrapping. */
    private final class Lines {
        private final String indent;
        private final StringBuilder text = new StringBuilder();

        Lines(String indent) {
            this.indent = indent;
        }

        void field(String label, String value) {
            String head = String.format("%-" + LABEL_WIDTH + "s", label) + LABEL_GAP;
            wrap(value, indent + head, indent + " ".repeat(head.length()));
        }

        void heading(String value) {
            wrap(value, indent, indent);
        }

        void bullet(String value) {
            wrap("- " + value, indent + "  ", indent + "    ");
        }

        /** Text under a bullet; {@code hang} more spaces on its later lines, to align inside a quotation mark. */
        void detail(String value, int hang) {
            wrap(value, indent + "    ", indent + "    " + " ".repeat(hang));
        }

        void blank() {
            text.append('\n');
        }

        private void wrap(String value, String firstPrefix, String restPrefix) {
            StringBuilder line = new StringBuilder(firstPrefix);
            int start = line.length();
            for (String word : value.split(" ")) {
                if (line.length() > start && line.length() + 1 + word.length() > width) {
                    text.append(line).append('\n');
                    line = new StringBuilder(restPrefix);
                    start = line.length();
                }
                if (line.length() > start) {
                    line.append(' ');
                }
                line.append(word);
            }
            text.append(line).append('\n');
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}

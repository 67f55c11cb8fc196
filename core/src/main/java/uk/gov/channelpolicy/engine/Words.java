package uk.gov.channelpolicy.engine;

import java.util.List;
import uk.gov.channelpolicy.Channel;
import uk.gov.channelpolicy.Owner;
import uk.gov.channelpolicy.load.Vocabulary.Kind;
import uk.gov.channelpolicy.load.Vocabulary;

/**
 * A rule set's ids in words for a sentence, built from its vocabulary's labels so no department's ids are written in
 * Java: "a minister", "the Communications Division", "a personal channel", "their own official channel".
 */
final class Words {
    private final Vocabulary vocabulary;

    Words(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** A role as a person: "a minister", "a DH official", "the Communications Division". */
    String person(String role) {
        String noun = plain(vocabulary.label(Kind.ROLES, role));
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

    /** A role's label as a name: "DH minister", "Communications Division (DH digital team)". */
    String role(String role) {
        return vocabulary.label(Kind.ROLES, role);
    }

    /** An action as what someone does: "draft a tweet", "advise and coach". */
    String action(String action) {
        return common(plain(vocabulary.label(Kind.ACTIONS, action)));
    }

    /** A content category in a sentence: "party-political content". */
    String content(String category) {
        return common(vocabulary.label(Kind.CONTENT, category));
    }

    /** Content categories in a sentence: "personal content and political content that is not party-political". */
    String contents(List<String> categories) {
        return list(categories.stream().map(this::content).toList(), "and");
    }

    /** A channel type as a noun without its article: "personal channel". */
    String channelType(String type) {
        return common(plain(vocabulary.label(Kind.CHANNEL_TYPES, type)));
    }

    /**
     * A channel in words, from whose it is and its type (as stated or classified): "a corporate channel", "their own
     * personal channel", "a minister's official channel"; {@code a channel} when the type is unknown.
     */
    String channel(Channel channel, boolean own, String type) {
        String noun = type == null ? "channel" : channelType(type);
        Owner owner = channel.owner();
        if (owner == null) {
            return article(noun) + noun + (type == null ? " attributed to no named person" : "");
        }
        if (own) {
            return "their own " + noun;
        }
        return person(owner.role()) + "'s " + noun;
    }

    /** "a", "a or b", "a, b or c" (with the given conjunction). */
    static String list(List<String> items, String conjunction) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + conjunction + " " + items.get(items.size() - 1);
    }

    /** "a" or "an" by the first letter; an acronym ("DH official") takes "a". */
    static String article(String noun) {
        boolean acronym = noun.length() > 1 && Character.isUpperCase(noun.charAt(0)) && Character.isUpperCase(noun.charAt(1));
        return !acronym && !noun.isEmpty() && "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ";
    }

    /** A label without its parenthetical note: "Personal channel (a named person, ...)" is "Personal channel". */
    static String plain(String label) {
        int note = label.indexOf(" (");
        return note > 0 ? label.substring(0, note).strip() : label.strip();
    }

    /** Lower-case the first letter, as inside a sentence, unless the first word is an acronym. */
    static String common(String noun) {
        if (noun.length() > 1 && Character.isUpperCase(noun.charAt(1))) {
            return noun;
        }
        return noun.isEmpty() ? noun : Character.toLowerCase(noun.charAt(0)) + noun.substring(1);
    }
}

package uk.gov.channelpolicy.cli;

/** Request JSON the tests send, as a user would write it. */
final class Requests {
    /** The contract's example: the Communications Division drafts party-political content for a minister. DENY. */
    static final String COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER = """
            {
              "actor":   { "role": "communications-division", "id": "comms-17" },
              "action":  "draft",
              "channel": {
                "type":   "personal",
                "handle": "@minister_jane",
                "owner":  { "role": "minister", "id": "jane" }
              },
              "content": ["party-political"]
            }
            """;

    /** The Communications Division promotes political (not party-political) content via @dhgovuk. PERMIT. */
    static final String COMMS_PROMOTES_POLITICAL_VIA_DHGOVUK =
            "{\"actor\":{\"role\":\"communications-division\",\"id\":\"comms-17\"},\"action\":\"promote\","
                    + "\"channel\":{\"handle\":\"@dhgovuk\"},\"content\":[\"political\"]}";

    /** A minister posts on their own personal channel. PERMIT with obligations. */
    static final String MINISTER_POSTS_ON_OWN_CHANNEL =
            "{\"actor\":{\"role\":\"minister\",\"id\":\"jane\"},\"action\":\"post\","
                    + "\"channel\":{\"handle\":\"@minister_jane\",\"owner\":{\"role\":\"minister\",\"id\":\"jane\"}},"
                    + "\"content\":[\"departmental\"]}";

    /** "minster" for "minister". */
    /** No rule permits or forbids it: drafting on a minister's channel is the minister's work. */
    static final String OFFICIAL_DRAFTS_FOR_MINISTER = """
            {"actor": {"role": "official", "id": "official-4"}, "action": "draft",
             "channel": {"type": "personal", "handle": "@minister_jane", "owner": {"role": "minister", "id": "jane"}},
             "content": ["departmental"]}
            """;

    static final String MISSPELT_ROLE = """
            {
              "actor":   { "role": "minster", "id": "jane" },
              "action":  "post",
              "channel": { "handle": "@minister_jane", "owner": { "role": "minister", "id": "jane" } },
              "content": ["departmental"]
            }
            """;

    /** A comma missing after "post", at line 4. */
    static final String MALFORMED = """
            {
              "actor":   { "role": "minister", "id": "jane" },
              "action":  "post"
              "content": ["departmental"]
            }
            """;

    private Requests() {
    }

    /** The same request on one line, for JSON Lines. */
    static String oneLine(String json) {
        return json.replaceAll("\\s*\\n\\s*", " ").strip();
    }

    /** Six JSON Lines: a DENY, a misspelt role, a blank line, a PERMIT, a truncated request, and a minister's post. */
    static final String MIXED_LINES = String.join("\n",
            oneLine(COMMS_DRAFTS_PARTY_POLITICAL_FOR_MINISTER),
            oneLine(MISSPELT_ROLE),
            "",
            COMMS_PROMOTES_POLITICAL_VIA_DHGOVUK,
            "{\"actor\": ",
            MINISTER_POSTS_ON_OWN_CHANNEL) + "\n";
}

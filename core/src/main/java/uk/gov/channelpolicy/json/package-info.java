/**
 * The JSON form of requests and decisions, exactly as {@code contract.md} gives it, and the one writer of every JSON
 * shape the library defines: decision, trace, explanation, problems. Reading is strict: unknown fields, wrong types,
 * duplicate keys and malformed JSON are reported together in one {@link uk.gov.channelpolicy.InvalidRequestException},
 * and the ids are checked against the vocabulary of the serving version that reads them. A valid request is read in
 * one pass over the parser's tokens; anything else is read again as a tree, which words every problem, so both paths
 * give the same answer. A decision is written straight to UTF-8 from the kept bytes of its parts, byte for byte what
 * the tree writer gives. No Jackson type appears in a public signature.
 */
package uk.gov.channelpolicy.json;

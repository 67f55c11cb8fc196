/**
 * The JSON form of requests and decisions, exactly as {@code contract.md} gives it, and the one writer of every JSON
 * shape the library defines: decision, trace, explanation, problems. Reading is strict: unknown fields, wrong types,
 * duplicate keys and malformed JSON are reported together in one {@link uk.gov.channelpolicy.InvalidRequestException},
 * and the ids are checked against the vocabulary of the serving version that reads them. No Jackson type appears in
 * a public signature.
 */
package uk.gov.channelpolicy.json;

/**
 * The JSON form of requests and decisions, exactly as {@code contract.md} gives it. Reading is
 * strict: unknown fields, wrong types, unknown ids, duplicate keys and malformed JSON are all
 * reported together in one {@link uk.gov.channelpolicy.InvalidRequestException}.
 */
package uk.gov.channelpolicy.json;

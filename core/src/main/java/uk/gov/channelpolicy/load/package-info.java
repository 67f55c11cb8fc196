/**
 * Internal: loading a rule set into a compiled {@link uk.gov.channelpolicy.load.RuleSet} value. The files (from the
 * classpath or a directory), the manifest and its vocabulary and groups, the seal, the guidance text, the policy
 * profile checked on the parsed rule files before anything compiles, the compiler (only for directories: it needs
 * the opt-in {@code channel-policy-compiler} artifact) and the compiled-class allow-list as a second wall. Public only
 * because other packages of the library must reach it: not part of the API, no compatibility promise.
 */
package uk.gov.channelpolicy.load;

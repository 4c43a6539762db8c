package dev.scaffold.provider;

/**
 * What a handler needs to read a stack: which stack and environment to look for by tag.
 *
 * @param stack the blueprint's stack name, the value of the {@code scaffold:stack} tag
 * @param environment the environment, the value of the {@code scaffold:env} tag ({@code default} when none)
 */
public record ReadContext(String stack, String environment) {

    public static final String STACK_TAG = "scaffold:stack";
    public static final String ENV_TAG = "scaffold:env";
    public static final String ADDRESS_TAG = "scaffold:address";
}

package dev.scaffold.testing;

import dev.scaffold.provider.aws.AwsClients;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Points an integration test class at the AWS emulator (DESIGN.md §9, §10): resets the emulator
 * before the class, and injects an {@link AwsClients} aimed at it and the {@link EmulatorTarget}.
 *
 * <pre>{@code
 * @ExtendWith(AwsEmulator.class)
 * class DbInstanceHandlerIT {
 *     @Test
 *     void createsAnEncryptedInstance(AwsClients aws) { ... }
 * }
 * }</pre>
 *
 * <p>By default the emulator is the moto server at {@code -Dscaffold.emulator.endpoint}, which the
 * build starts; when none answers there, the tests fail and say how to start one. With
 * {@code -Dscaffold.emulator=localstack} it is a LocalStack container instead, and the tests are
 * skipped when Docker or {@code LOCALSTACK_AUTH_TOKEN} is missing.
 */
public final class AwsEmulator implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {

    /** Chooses the emulator: {@code moto} (default) or {@code localstack}. */
    public static final String SELECT_PROPERTY = "scaffold.emulator";
    /** Where the moto server answers; the pom passes it to Failsafe. */
    public static final String ENDPOINT_PROPERTY = "scaffold.emulator.endpoint";
    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:4567";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AwsEmulator.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        prepared(context);
    }

    /** Skips each test, rather than the class, when the emulator cannot run, so reports show why. */
    @Override
    public void beforeEach(ExtensionContext context) {
        available(prepared(classContext(context)));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Prepared prepared = context.getStore(NAMESPACE).remove(Prepared.class, Prepared.class);
        if (prepared != null && prepared.clients() != null) {
            prepared.clients().close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AwsClients.class || type == EmulatorTarget.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Prepared prepared = available(prepared(classContext(context)));
        return parameter.getParameter().getType() == AwsClients.class ? prepared.clients() : prepared.target();
    }

    /** Resets the emulator once per test class, whichever comes first: the class callback or an injection. */
    private static Prepared prepared(ExtensionContext classContext) {
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Prepared.class, type -> {
            EmulatorTarget target;
            try {
                target = resetTarget(classContext);
            } catch (TestAbortedException e) {
                return new Prepared(null, null, e.getMessage());
            }
            return new Prepared(target, new AwsClients(target.settings()), null);
        }, Prepared.class);
    }

    private static Prepared available(Prepared prepared) {
        if (prepared.skipReason() != null) {
            throw new TestAbortedException(prepared.skipReason());
        }
        return prepared;
    }

    private static EmulatorTarget resetTarget(ExtensionContext context) {
        String selected = System.getProperty(SELECT_PROPERTY, "moto").strip();
        switch (selected) {
            case "", "moto":
                return MotoServer.reset(URI.create(System.getProperty(ENDPOINT_PROPERTY, DEFAULT_ENDPOINT)));
            case "localstack":
                return LocalStackServer.resetShared(context.getRoot().getStore(NAMESPACE));
            default:
                throw new ExtensionConfigurationException(
                        "-D" + SELECT_PROPERTY + "=" + selected + " names no emulator; use moto or localstack");
        }
    }

    /** The context of the test class, also when asked from a test method or one invocation of a template. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** The emulator and clients of one test class, or why its tests are skipped. */
    private record Prepared(EmulatorTarget target, AwsClients clients, String skipReason) {
    }
}

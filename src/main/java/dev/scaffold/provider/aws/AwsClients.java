package dev.scaffold.provider.aws;

import dev.scaffold.ScaffoldVersion;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.sts.StsAsyncClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The one factory of AWS SDK clients: every client scaffold uses is built here, from one {@link AwsSettings}.
 *
 * <p>Each client is built on first use and then reused; all of them share one Netty HTTP client
 * (and so one event loop and connection pool) and one credentials provider, retry as
 * {@link #provisioningRetries()} says, and send {@code scaffold/<version>} in their user agent.
 * {@link #close()} closes everything this instance built.
 *
 * <p>A handler asks for its service's client with {@link #client(Class, Supplier)}, e.g.
 * {@code aws.client(RdsAsyncClient.class, RdsAsyncClient::builder)}, when it first calls AWS; a global
 * service names its region in the customizer, e.g. CloudFront's {@code b -> b.region(Region.AWS_GLOBAL)}.
 * A new service needs only its SDK module in the pom.
 */
public final class AwsClients implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(AwsClients.class);
    private static final int EVENT_LOOP_SHUTDOWN_SECONDS = 5;

    /** How many times each call is tried before scaffold gives up on it; the SDK's own default is 3. */
    static final int MAX_ATTEMPTS = 10;
    private static final Duration BASE_DELAY = Duration.ofMillis(100);
    private static final Duration THROTTLED_BASE_DELAY = Duration.ofMillis(500);
    private static final Duration MAX_DELAY = Duration.ofSeconds(5);

    private final AwsSettings settings;
    private final String userAgent;
    private final Supplier<RetryStrategy> retries;
    private final Map<Class<?>, SdkClient> clients = new LinkedHashMap<>();
    private EventLoopGroup eventLoops;
    private SdkAsyncHttpClient httpClient;
    private AwsCredentialsProvider credentials;
    private boolean closed;

    /** Clients for {@code settings}, identifying themselves as this build of scaffold. */
    public AwsClients(AwsSettings settings) {
        this(settings, ScaffoldVersion.current());
    }

    AwsClients(AwsSettings settings, String version) {
        this(settings, version, AwsClients::provisioningRetries);
    }

    /** For tests that must see retries run out without waiting for the backoff between them. */
    AwsClients(AwsSettings settings, String version, Supplier<RetryStrategy> retries) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.userAgent = "scaffold/" + version;
        this.retries = Objects.requireNonNull(retries, "retries");
    }

    /**
     * The retries of every client, fit for provisioning, where one failed call can leave a run half
     * done: the SDK's adaptive strategy (which also slows the client down while AWS throttles) with
     * AWS's retryable conditions (throttling codes, HTTP 500/502/503/504, I/O errors such as a
     * connection closed or reset before the answer), {@value #MAX_ATTEMPTS} attempts rather than 3,
     * and exponential backoff with full jitter capped at {@code MAX_DELAY}, so the attempts span
     * about half a minute at most. A new strategy per client: each keeps its own rate and retry budget.
     */
    static RetryStrategy provisioningRetries() {
        return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(BASE_DELAY, MAX_DELAY))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(THROTTLED_BASE_DELAY, MAX_DELAY))
                .build();
    }

    public AwsSettings settings() {
        return settings;
    }

    /** What every client appends to the SDK's user agent: {@code scaffold/<version>}. */
    public StsAsyncClient sts() {
        return client(StsAsyncClient.class, StsAsyncClient::builder);
    }

    /** The Resource Groups Tagging API, through which a refresh finds the stack's resources by their tags. */
    public ResourceGroupsTaggingApiAsyncClient tagging() {
        return client(ResourceGroupsTaggingApiAsyncClient.class, ResourceGroupsTaggingApiAsyncClient::builder);
    }

    /**
     * S3 (for remote state and imports). With an endpoint override, buckets go in the path, because
     * emulators and S3-compatible stores have no per-bucket DNS names.
     */
    public S3AsyncClient s3() {
        return client(S3AsyncClient.class, S3AsyncClient::builder, builder -> builder
                .forcePathStyle(settings.endpoint() != null)
                .overrideConfiguration(config -> config.addExecutionInterceptor(new WithoutExpectContinue())));
    }

    /** Closes every client built so far, then the HTTP client and credentials they share. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<SdkClient> built = new ArrayList<>(clients.values());
        clients.clear();
        for (int i = built.size() - 1; i >= 0; i--) {
            built.get(i).close();
        }
        if (httpClient != null) {
            httpClient.close();
            // No quiet period: the SDK's own event loop would idle two seconds before letting the CLI exit.
            eventLoops.shutdownGracefully(0, EVENT_LOOP_SHUTDOWN_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
        }
        // Credentials handed in by the caller are the caller's to close.
        if (credentials != settings.credentials() && credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    /** The client of one service, built on first use from {@code newBuilder}, e.g. {@code Ec2AsyncClient::builder}. */
    public <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsAsyncClientBuilder<B, C>> C client(
            Class<C> type, Supplier<B> newBuilder) {
        return client(type, newBuilder, builder -> { });
    }

    /** {@link #client(Class, Supplier)} with the builder customized, e.g. for a global service's region. */
    public synchronized <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsAsyncClientBuilder<B, C>> C client(
            Class<C> type, Supplier<B> newBuilder, Consumer<B> customizer) {
        if (closed) {
            throw new IllegalStateException("AwsClients is closed");
        }
        SdkClient existing = clients.get(type);
        if (existing != null) {
            return type.cast(existing);
        }
        B builder = newBuilder.get()
                .region(settings.region())
                .credentialsProvider(credentials())
                .httpClient(httpClient());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        customizer.accept(builder);
        // Added to, not replaced: overrideConfiguration(Consumer) starts from an empty configuration.
        ClientOverrideConfiguration custom = builder.overrideConfiguration();
        builder.overrideConfiguration((custom == null ? ClientOverrideConfiguration.builder() : custom.toBuilder())
                .applyMutation(this::configure)
                .build());
        C client = builder.build();
        clients.put(type, client);
        LOG.debug("Built {} for region {} at {}", type.getSimpleName(), settings.region(),
                settings.endpoint() == null ? "AWS's endpoint" : settings.endpoint());
        return client;
    }

    private void configure(ClientOverrideConfiguration.Builder config) {
        config.retryStrategy(retries.get())
                .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, userAgent);
    }

    /**
     * Drops the {@code Expect: 100-continue} the SDK adds to uploads. The Netty client sends the body
     * without waiting anyway, and takes a second interim 100 (as moto 5.2 and some S3-compatible
     * stores send) for the final response; scaffold uploads only small state files.
     */
    private static final class WithoutExpectContinue implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder().removeHeader("Expect").build();
        }
    }

    private SdkAsyncHttpClient httpClient() {
        if (httpClient == null) {
            eventLoops = new NioEventLoopGroup(0, new DefaultThreadFactory("scaffold-aws", true));
            httpClient = NettyNioAsyncHttpClient.builder()
                    .eventLoopGroup(SdkEventLoopGroup.create(eventLoops))
                    .build();
        }
        return httpClient;
    }

    private AwsCredentialsProvider credentials() {
        if (credentials == null) {
            if (settings.credentials() != null) {
                credentials = settings.credentials();
            } else if (settings.profile() != null) {
                credentials = ProfileCredentialsProvider.builder().profileName(settings.profile()).build();
            } else {
                credentials = DefaultCredentialsProvider.builder().build();
            }
        }
        return credentials;
    }
}

package dev.scaffold.apply;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceFailedException;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory handler whose changes take scripted times: a call part that holds a call permit,
 * then a wait part through {@link ApplyContext#waitUntil} that must not. Records what it did on a
 * {@link Timeline}. Timers run on a scheduler; nothing sleeps.
 */
public final class ScriptedHandler implements ResourceHandler {

    /**
     * What a scripted change does: succeed; fail at its first call; fail after AWS created the
     * resource because a later call failed; or fail after creating it because AWS reports it failed.
     */
    public enum Outcome { SUCCEEDS, FAILS, FAILS_AFTER_CREATING, FAILS_AS_RESOURCE }

    /**
     * How one resource's changes behave.
     *
     * @param call how long each API call takes (holding a permit)
     * @param ready how long the resource takes to become ready after its create call
     * @param pollInterval how often the wait polls
     * @param pollCall how long each poll's describe call takes (holding a permit)
     * @param outcome whether the create (or delete) succeeds
     */
    public record Script(Duration call, Duration ready, Duration pollInterval, Duration pollCall, Outcome outcome) {

        public static Script of(long callMillis, long waitMillis) {
            return new Script(Duration.ofMillis(callMillis), Duration.ofMillis(waitMillis),
                    Duration.ofMillis(Math.max(1, Math.min(10, waitMillis / 10))), Duration.ZERO, Outcome.SUCCEEDS);
        }

        public Script failing() {
            return new Script(call, ready, pollInterval, pollCall, Outcome.FAILS);
        }

        public Script failingAfterCreating() {
            return new Script(call, ready, pollInterval, pollCall, Outcome.FAILS_AFTER_CREATING);
        }

        public Script failingAsResource() {
            return new Script(call, ready, pollInterval, pollCall, Outcome.FAILS_AS_RESOURCE);
        }

        public Script polling(Duration interval, Duration eachCall) {
            return new Script(call, ready, interval, eachCall, outcome);
        }
    }

    private final String type;
    private final Script defaults;
    private final Timeline timeline;
    private final ScheduledExecutorService scheduler;
    private final Map<ResourceAddress, Script> scripts = new ConcurrentHashMap<>();
    private final Map<ResourceAddress, ResourceSpec> specsSeen = new ConcurrentHashMap<>();
    private final Map<ResourceAddress, Observed> currentSeen = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final boolean holdSlotWhileWaiting;
    private volatile boolean createBeforeDestroy;

    public ScriptedHandler(String type, Script defaults, Timeline timeline, ScheduledExecutorService scheduler) {
        this(type, defaults, timeline, scheduler, false);
    }

    private ScriptedHandler(String type, Script defaults, Timeline timeline, ScheduledExecutorService scheduler,
                            boolean holdSlotWhileWaiting) {
        this.type = type;
        this.defaults = defaults;
        this.timeline = timeline;
        this.scheduler = scheduler;
        this.holdSlotWhileWaiting = holdSlotWhileWaiting;
    }

    /** The naive handler a benchmark compares with: it waits inside its call, holding the permit. */
    public ScriptedHandler holdingSlotWhileWaiting() {
        ScriptedHandler naive = new ScriptedHandler(type, defaults, timeline, scheduler, true);
        naive.scripts.putAll(scripts);
        return naive;
    }

    /** Makes the handler's replaces create the new resource before deleting the old one. */
    public ScriptedHandler creatingBeforeDestroying() {
        createBeforeDestroy = true;
        return this;
    }

    public ScriptedHandler script(ResourceAddress address, Script script) {
        scripts.put(address, script);
        return this;
    }

    /** The spec the handler was given for a resource, refs resolved. */
    public ResourceSpec specSeen(ResourceAddress address) {
        return specsSeen.get(address);
    }

    /** The current resource the handler was given to update or delete. */
    public Observed currentSeen(ResourceAddress address) {
        return currentSeen.get(address);
    }

    @Override
    public ResourceType schema() {
        ResourceType.Builder schema = ResourceType.managed(type).forcesReplace("name").computed("dnsName");
        return (createBeforeDestroy ? schema.createsBeforeDeleting("name") : schema).build();
    }

    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        return List.of();
    }

    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        ResourceAddress address = spec.address();
        specsSeen.put(address, spec);
        Script script = scripts.getOrDefault(address, defaults);
        timeline.record(address, "create started");
        Observed created = observed(spec, address + "#" + ids.incrementAndGet());
        return timedCall(ctx, "Create", script, script.outcome() == Outcome.FAILS)
                .thenApply(ignored -> {
                    ctx.created(created);
                    return ignored;
                })
                .thenCompose(ignored -> waitReady(ctx, script))
                .handle((ready, error) -> {
                    if (script.outcome() == Outcome.FAILS_AFTER_CREATING) {
                        timeline.record(address, "create failed");
                        throw new HandlerException(address, "ModifyAttributes", "InternalFailure",
                                "a call after the create failed", null);
                    }
                    if (script.outcome() == Outcome.FAILS_AS_RESOURCE) {
                        timeline.record(address, "create failed");
                        throw new ResourceFailedException(address, "available", "failed");
                    }
                    if (error != null) {
                        timeline.record(address, "create failed");
                        throw new java.util.concurrent.CompletionException(error);
                    }
                    timeline.record(address, "create finished");
                    return created;
                });
    }

    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> planned,
                                              ApplyContext ctx) {
        specsSeen.put(spec.address(), spec);
        currentSeen.put(spec.address(), current);
        Script script = scripts.getOrDefault(spec.address(), defaults);
        timeline.record(spec.address(), "update started");
        return timedCall(ctx, "Modify", script, script.outcome() == Outcome.FAILS)
                .thenApply(ignored -> {
                    timeline.record(spec.address(), "update finished");
                    return observed(spec, current.physicalId());
                });
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        currentSeen.put(current.address(), current);
        Script script = scripts.getOrDefault(current.address(), defaults);
        timeline.record(current.address(), "delete started");
        return timedCall(ctx, "Delete", script, script.outcome() == Outcome.FAILS)
                .thenCompose(ignored -> waitReady(ctx, script))
                .thenAccept(gone -> timeline.record(current.address(), "delete finished"));
    }

    private Observed observed(ResourceSpec spec, String physicalId) {
        Map<String, Object> attributes = new LinkedHashMap<>(spec.attributes());
        attributes.put("dnsName", physicalId + ".example.com");
        return new Observed(spec.address(), type, physicalId, "arn:test:" + physicalId, attributes, spec.tags());
    }

    private CompletableFuture<Void> timedCall(ApplyContext ctx, String operation, Script script, boolean fails) {
        Duration held = holdSlotWhileWaiting ? script.call().plus(script.ready()) : script.call();
        return ctx.call(operation + type, () -> {
            timeline.callStarted(ctx.address(), operation);
            return after(held, () -> {
                timeline.callEnded();
                if (fails) {
                    throw new HandlerException(ctx.address(), operation + type, "InvalidParameterValue",
                            "scripted failure of " + ctx.address(), null);
                }
                return null;
            });
        });
    }

    private CompletableFuture<Boolean> waitReady(ApplyContext ctx, Script script) {
        if (holdSlotWhileWaiting || script.ready().isZero()) {
            return CompletableFuture.completedFuture(true);
        }
        long readyAt = System.nanoTime() + script.ready().toNanos();
        timeline.record(ctx.address(), "wait started");
        return ctx.waitUntil("ready", () -> {
                    timeline.callStarted(ctx.address(), "Describe");
                    return after(script.pollCall(), () -> {
                        timeline.callEnded();
                        return System.nanoTime() >= readyAt;
                    });
                }, ready -> ready, ready -> false, script.pollInterval(), Duration.ofMinutes(5))
                .thenApply(ready -> {
                    timeline.record(ctx.address(), "wait finished");
                    return ready;
                });
    }

    private <T> CompletableFuture<T> after(Duration delay, java.util.function.Supplier<T> value) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Runnable complete = () -> {
            try {
                future.complete(value.get());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        };
        if (delay.isZero()) {
            scheduler.execute(complete);
        } else {
            scheduler.schedule(complete, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
        return future;
    }

    /** Every handler of a list of types, sharing one timeline. */
    public static List<ScriptedHandler> forTypes(List<String> types, Script defaults, Timeline timeline,
                                                 ScheduledExecutorService scheduler) {
        return types.stream().map(t -> new ScriptedHandler(t, defaults, timeline, scheduler)).toList();
    }
}

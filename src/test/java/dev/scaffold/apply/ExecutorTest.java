package dev.scaffold.apply;

import static dev.scaffold.apply.Plans.address;
import static dev.scaffold.apply.Plans.create;
import static dev.scaffold.apply.Plans.delete;
import static dev.scaffold.apply.Plans.noOp;
import static dev.scaffold.apply.Plans.plan;
import static dev.scaffold.apply.Plans.recorded;
import static dev.scaffold.apply.Plans.replace;
import static dev.scaffold.apply.Plans.replaceCreatingFirst;
import static dev.scaffold.apply.Plans.spec;
import static dev.scaffold.apply.Plans.stateOf;
import static dev.scaffold.apply.Plans.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.apply.ResourceOutcome.Status;
import dev.scaffold.apply.ScriptedHandler.Script;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.Action;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.state.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorTest {

    private static final String THING = "Test::Thing";
    private static final String SLOW = "Test::Slow";
    private static final String GROUP = "Test::Group";

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final Timeline timeline = new Timeline();
    private final ScriptedHandler things = new ScriptedHandler(THING, Script.of(20, 0), timeline, scheduler);
    private final ScriptedHandler slow = new ScriptedHandler(SLOW, Script.of(20, 0), timeline, scheduler);
    private final ScriptedHandler groups =
            new ScriptedHandler(GROUP, Script.of(20, 0), timeline, scheduler).creatingBeforeDestroying();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private InMemoryStateStore store;

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private ExecutionRequest request(Plan plan, State prior) {
        store = new InMemoryStateStore(prior);
        return ExecutionRequest.of(plan, HandlerRegistry.of(things, slow, groups), prior, store, scheduler)
                .withEstimate(DurationEstimate.of(Map.of(SLOW, Duration.ofMinutes(10)), Duration.ofSeconds(2)))
                .withProgress(new RecordingListener(events));
    }

    private ExecutionResult run(ExecutionRequest request) {
        return new Executor().execute(request);
    }

    private ExecutionResult run(Plan plan, State prior) {
        return run(request(plan, prior));
    }

    private static List<ResourceAddress> addresses(String... texts) {
        return java.util.Arrays.stream(texts).map(ResourceAddress::parse).toList();
    }

    @Test
    void independentResourcesRunInParallel() {
        Plan plan = plan(IntStream.range(0, 4).mapToObj(i -> create(spec("app.web.thing" + i, THING, Map.of()))).toList());
        IntStream.range(0, 4).forEach(i -> things.script(address("app.web.thing" + i), Script.of(60, 0)));

        ExecutionResult result = run(plan, stateOf());

        assertThat(result.succeeded()).isTrue();
        assertThat(timeline.mostCallsInFlight()).isGreaterThan(1);
    }

    @Test
    void parallelismBoundsTheCallsInFlight() {
        Plan plan = plan(IntStream.range(0, 12)
                .mapToObj(i -> create(spec("app.web.thing" + i, THING, Map.of()))).toList());
        IntStream.range(0, 12).forEach(i -> things.script(address("app.web.thing" + i), Script.of(60, 20)));

        ExecutionResult result = run(request(plan, stateOf()).withParallelism(3));

        assertThat(result.succeeded()).isTrue();
        assertThat(timeline.mostCallsInFlight()).isEqualTo(3);
    }

    @Test
    void waitingHoldsNoPermitSoWaitsOverlapEvenWithParallelismOne() {
        ResourceAddress a = address("databases.a.primary");
        ResourceAddress b = address("databases.b.primary");
        things.script(a, Script.of(10, 200)).script(b, Script.of(10, 200));

        ExecutionResult result = run(request(plan(
                create(spec(a.toString(), THING, Map.of())),
                create(spec(b.toString(), THING, Map.of()))), stateOf()).withParallelism(1));

        assertThat(result.succeeded()).isTrue();
        assertThat(timeline.when(a, "wait started")).isLessThan(timeline.when(b, "wait finished"));
        assertThat(timeline.when(b, "wait started")).isLessThan(timeline.when(a, "wait finished"));
        assertThat(timeline.mostCallsInFlight()).isEqualTo(1);
    }

    @Test
    void theLongestChainStartsFirstWhenPermitsAreScarce() {
        List<dev.scaffold.plan.ResourceChange> changes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            changes.add(create(spec("aaa.fast.thing" + i, THING, Map.of())));
        }
        changes.add(create(spec("zzz.db.primary", SLOW, Map.of())));
        changes.add(create(spec("zzz.db.replica", SLOW, Map.of("source", new Ref(address("zzz.db.primary"), "id")))));

        ExecutionResult result = run(request(plan(changes), stateOf()).withParallelism(1));

        assertThat(result.succeeded()).isTrue();
        assertThat(timeline.addressesOf("create started").get(0)).isEqualTo(address("zzz.db.primary"));
    }

    @Test
    void aFailureStopsOnlyItsDependents() {
        things.script(address("databases.main.primary"), Script.of(10, 0).failing());
        Plan plan = plan(
                create(spec("databases.main.primary", THING, Map.of())),
                create(spec("databases.main.replica[0]", THING, Map.of(), "databases.main.primary")),
                create(spec("monitoring.all.replica-lag", THING, Map.of(), "databases.main.replica[0]")),
                create(spec("caches.sessions.group", THING, Map.of())));

        ExecutionResult result = run(plan, stateOf());

        assertThat(result.outcomes()).extracting(ResourceOutcome::status)
                .containsExactly(Status.FAILED, Status.SKIPPED, Status.SKIPPED, Status.DONE);
        ResourceOutcome failed = result.outcomes().get(0);
        assertThat(failed.failure().operation()).isEqualTo("CreateTest::Thing");
        assertThat(failed.failure().code()).isEqualTo("InvalidParameterValue");
        assertThat(failed.failure().describe())
                .isEqualTo("databases.main.primary: CreateTest::Thing failed: InvalidParameterValue: "
                        + "scripted failure of databases.main.primary");
        assertThat(result.outcomes().get(2).describe())
                .isEqualTo("monitoring.all.replica-lag: not run because databases.main.primary failed");
        assertThat(timeline.happened(address("databases.main.replica[0]"), "create started")).isFalse();
        assertThat(result.state().resources()).containsOnlyKeys(address("caches.sessions.group"));
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void theStateIsWrittenAfterEveryFinishedChangeAndHoldsThemAll() {
        things.script(address("loadBalancers.web.tg"), Script.of(60, 0));
        Plan plan = plan(
                create(spec("loadBalancers.web.sg", THING, Map.of())),
                create(spec("loadBalancers.web.alb", THING, Map.of("sg", new Ref(address("loadBalancers.web.sg"), "id")))),
                create(spec("loadBalancers.web.tg", THING, Map.of())),
                create(spec("loadBalancers.web.listener", THING, Map.of(), "loadBalancers.web.alb", "loadBalancers.web.tg")));

        ExecutionResult result = run(plan, stateOf());

        // Changes finishing together may share a write, but the sg → alb → listener chain cannot.
        assertThat(store.writes()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(store.writes()).extracting(s -> s.resources().size()).isSorted().endsWith(4);
        assertThat(store.writes().get(store.writes().size() - 1).serial()).isEqualTo(1 + store.writes().size());
        assertThat(result.state()).isEqualTo(store.writes().get(store.writes().size() - 1));
        ResourceState alb = result.state().resources().get(address("loadBalancers.web.alb"));
        assertThat(alb.status()).isEqualTo(ResourceStatus.OK);
        assertThat(alb.physicalId()).startsWith("loadBalancers.web.alb#");
        assertThat(alb.dependencies()).containsExactly(address("loadBalancers.web.sg"));
        // Each change is recorded before anything that depends on it starts.
        assertThat(store.firstWriteHolding(address("loadBalancers.web.sg")))
                .isLessThan(timeline.when(address("loadBalancers.web.alb"), "create started"));
        assertThat(store.firstWriteHolding(address("loadBalancers.web.alb")))
                .isLessThan(timeline.when(address("loadBalancers.web.listener"), "create started"));
        assertThat(store.firstWriteHolding(address("loadBalancers.web.tg")))
                .isLessThan(timeline.when(address("loadBalancers.web.listener"), "create started"));
    }

    @Test
    void changesFinishingDuringAWriteShareTheNextOne() {
        Plan plan = plan(IntStream.range(0, 30)
                .mapToObj(i -> create(spec("app.web.thing" + i, THING, Map.of()))).toList());

        ExecutionRequest request = request(plan, stateOf()).withParallelism(30);
        store.slowWrites(50);

        ExecutionResult result = run(request);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.state().resources()).hasSize(30);
        assertThat(store.writes()).as("60 records (each create's id, then its result) share").hasSizeLessThan(15);
        assertThat(result.state().serial()).isEqualTo(1 + store.writes().size());
    }

    @Test
    void aCreateThatFailsAfterAwsCreatedTheResourceKeepsItRecordedAsStillBeingCreated() {
        ResourceAddress primary = address("databases.main.primary");
        things.script(primary, Script.of(10, 0).failingAfterCreating());

        ExecutionResult result = run(plan(create(spec(primary.toString(), THING, Map.of()))), stateOf());

        assertThat(result.outcomes().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(result.outcomes().get(0).failure().code()).isEqualTo("InternalFailure");
        assertThat(result.state().resources().get(primary).status()).isEqualTo(ResourceStatus.CREATING);
        assertThat(result.state().resources().get(primary).physicalId()).startsWith("databases.main.primary#");
    }

    @Test
    void aCreateThatAwsReportsFailedIsRecordedAsTainted() {
        ResourceAddress primary = address("databases.main.primary");
        things.script(primary, Script.of(10, 0).failingAsResource());

        ExecutionResult result = run(plan(create(spec(primary.toString(), THING, Map.of()))), stateOf());

        assertThat(result.outcomes().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(result.state().resources().get(primary).status()).isEqualTo(ResourceStatus.TAINTED);
        assertThat(result.state().resources().get(primary).physicalId()).startsWith("databases.main.primary#");
    }

    @Test
    void aNewStacksStateIsWrittenWithItsLineageRegionAndAccountBeforeTheFirstChange() {
        Plan plan = plan(create(spec("app.web.thing", THING, Map.of())));
        Plan first = new Plan(plan.formatVersion(), plan.mode(), plan.stack(), plan.environment(), plan.lineage(), 0,
                "eu-central-1", "210987654321", plan.blueprintDigest(), plan.changes(), List.of(), List.of());
        State none = dev.scaffold.engine.Applier.startingState(first, null);

        ExecutionResult result = run(first, none);

        assertThat(result.succeeded()).isTrue();
        assertThat(store.writes().get(0).resources()).as("the state exists before anything is created").isEmpty();
        assertThat(store.writes()).allSatisfy(written -> {
            assertThat(written.lineage()).isEqualTo(plan.lineage());
            assertThat(written.region()).isEqualTo("eu-central-1");
            assertThat(written.accountId()).isEqualTo("210987654321");
        });
    }

    @Test
    void theStacksOutputsAreRecordedAfterTheLastChange() {
        ResourceAddress alb = address("loadBalancers.web.alb");
        Plan plan = plan(create(spec(alb.toString(), THING, Map.of())));
        ExecutionRequest request = request(plan, stateOf())
                .withOutputs(Map.of("loadBalancers.web.dnsName", new Ref(alb, "dnsName")));

        ExecutionResult result = run(request);

        assertThat(result.state().outputs()).containsEntry("loadBalancers.web.dnsName",
                result.state().resources().get(alb).attributes().get("dnsName"));
        assertThat(store.writes().get(store.writes().size() - 1).outputs()).isEqualTo(result.state().outputs());
    }

    @Test
    void theOutputsAreInOneOrderByNameAsTheStateFileKeepsThemSoApplyAndOutputPrintThemAlike() throws Exception {
        ResourceAddress alb = address("loadBalancers.web.alb");
        Plan plan = plan(create(spec(alb.toString(), THING, Map.of())));
        Map<String, Object> declared = new java.util.LinkedHashMap<>();
        for (String name : List.of("services.app.roleName", "loadBalancers.web.dnsName", "loadBalancers.web.arn")) {
            declared.put(name, new Ref(alb, "dnsName"));
        }

        ExecutionResult result = run(request(plan, stateOf()).withOutputs(declared));

        assertThat(result.state().outputs().keySet()).containsExactly("loadBalancers.web.arn",
                "loadBalancers.web.dnsName", "services.app.roleName");
        dev.scaffold.state.StateCodec codec = new dev.scaffold.state.StateCodec();
        assertThat(codec.decode(codec.encode(result.state())).outputs().keySet())
                .containsExactlyElementsOf(result.state().outputs().keySet());
    }

    @Test
    void anOutputThatIsAListOfRefsIsRecordedOnceEveryOneOfThemHasAValue() {
        ResourceAddress first = address("databases.main.replica[0]");
        ResourceAddress second = address("databases.main.replica[1]");
        Plan plan = plan(create(spec(first.toString(), THING, Map.of())));
        Map<String, Object> declared = Map.of("databases.main.readerEndpoints",
                List.of(new Ref(first, "id"), new Ref(first, "id")),
                "databases.main.later", List.of(new Ref(first, "id"), new Ref(second, "id")));

        ExecutionResult result = run(request(plan, stateOf()).withOutputs(declared));

        String id = result.state().resources().get(first).physicalId();
        assertThat(result.state().outputs()).containsOnlyKeys("databases.main.readerEndpoints")
                .containsEntry("databases.main.readerEndpoints", List.of(id, id));
    }

    @Test
    void theIdIsRecordedAsSoonAsAwsReturnsItBeforeTheWait() {
        ResourceAddress primary = address("databases.main.primary");
        things.script(primary, Script.of(5, 200));

        ExecutionResult result = run(plan(create(spec(primary.toString(), THING, Map.of()))), stateOf());

        assertThat(result.succeeded()).isTrue();
        assertThat(store.writes()).first().satisfies(first -> {
            assertThat(first.resources().get(primary).status()).isEqualTo(ResourceStatus.CREATING);
            assertThat(first.resources().get(primary).physicalId()).startsWith("databases.main.primary#");
        });
        assertThat(result.state().resources().get(primary).status()).isEqualTo(ResourceStatus.OK);
    }

    @Test
    void anInterruptReachesAWaitWhichStopsAndKeepsTheRecord() {
        CancellationToken token = new CancellationToken();
        ResourceAddress primary = address("databases.main.primary");
        things.script(primary, Script.of(5, 60_000));
        Plan plan = plan(create(spec(primary.toString(), THING, Map.of())),
                create(spec("databases.main.replica", THING, Map.of(), primary.toString())));
        ExecutionRequest request = request(plan, stateOf()).withCancellation(token).withProgress(new ProgressListener() {
            @Override
            public void stillRunning(ResourceAddress address, Action action, Duration elapsed) {
                token.cancel(); // Ctrl-C while the create waits for AWS
            }
        }).withProgressInterval(Duration.ofMillis(50));

        ExecutionResult result = run(request);

        assertThat(result.interrupted()).isTrue();
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(30));
        assertThat(result.outcomes()).extracting(ResourceOutcome::status)
                .containsExactly(Status.INTERRUPTED, Status.NOT_STARTED);
        assertThat(result.state().resources().get(primary).status()).isEqualTo(ResourceStatus.CREATING);
    }

    @Test
    void everyRecordListsAllItsDependenciesFromThePlanNotOnlyTheRefsLeftOpen() {
        ResourceState sg = recorded("loadBalancers.web.sg", THING, "sg-1");
        ResourceState alb = recorded("loadBalancers.web.alb", THING, "alb-1");
        ResourceSpec resolved = spec("loadBalancers.web.alb", THING, Map.of("sg", "sg-1", "size", 2));
        ResourceChange update = new ResourceChange(alb.address(), THING, Action.UPDATE, resolved, alb, List.of(),
                Set.of(), Set.of(sg.address()), dev.scaffold.plan.Standing.RECORDED);
        ResourceSpec listener = spec("loadBalancers.web.listener", THING, Map.of("lb", "alb-1"));
        ResourceChange create = new ResourceChange(listener.address(), THING, Action.CREATE, listener, null, List.of(),
                Set.of(), Set.of(alb.address(), sg.address()), dev.scaffold.plan.Standing.NEW);

        ExecutionResult result = run(plan(update, create), stateOf(sg, alb));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.state().resources().get(alb.address()).dependencies()).containsExactly(sg.address());
        assertThat(result.state().resources().get(listener.address()).dependencies())
                .containsExactlyInAnyOrder(alb.address(), sg.address());
    }

    @Test
    void aCallbackThatThrowsFailsOnlyItsResourceAndEveryOtherResultIsKept() {
        ScriptedHandler inner = new ScriptedHandler("Test::Broken", Script.of(5, 0), timeline, scheduler);
        ResourceHandler broken = new ResourceHandler() {
            @Override
            public String type() {
                return "Test::Broken";
            }

            @Override
            public dev.scaffold.schema.ResourceType schema() {
                throw new IllegalStateException("a bug while recording");
            }

            @Override
            public List<Observed> read(java.util.Collection<ResourceState> known,
                                       java.util.Collection<ResourceSpec> desired, dev.scaffold.provider.ReadContext ctx) {
                return List.of();
            }

            @Override
            public java.util.concurrent.CompletableFuture<Observed> create(ResourceSpec spec,
                                                                           dev.scaffold.provider.ApplyContext ctx) {
                return inner.create(spec, ctx);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Observed> update(ResourceSpec spec, Observed current,
                    List<dev.scaffold.plan.AttributeChange> planned, dev.scaffold.provider.ApplyContext ctx) {
                return inner.update(spec, current, planned, ctx);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Void> delete(Observed current,
                                                                       dev.scaffold.provider.ApplyContext ctx) {
                return inner.delete(current, ctx);
            }
        };
        Plan plan = plan(create(spec("app.web.broken", "Test::Broken", Map.of())),
                create(spec("app.web.fine", THING, Map.of())));
        store = new InMemoryStateStore(stateOf());
        ExecutionRequest request = ExecutionRequest.of(plan, HandlerRegistry.of(things, broken), stateOf(), store,
                scheduler);

        ExecutionResult result = run(request);

        assertThat(result.outcomes()).extracting(ResourceOutcome::status).containsExactly(Status.FAILED, Status.DONE);
        assertThat(result.outcomes().get(0).failure().message()).contains("a bug while recording");
        assertThat(result.state().resources()).containsKey(address("app.web.fine"));
    }

    @Test
    void cancellingStopsNewWorkAndLetsCallsInFlightFinish() {
        CancellationToken token = new CancellationToken();
        ResourceAddress first = address("app.chain.first");
        things.script(first, Script.of(50, 50));
        Plan plan = plan(
                create(spec("app.chain.first", THING, Map.of())),
                create(spec("app.chain.second", THING, Map.of(), "app.chain.first")),
                create(spec("app.chain.third", THING, Map.of(), "app.chain.second")));
        ExecutionRequest request = request(plan, stateOf()).withCancellation(token).withProgress(new ProgressListener() {
            @Override
            public void started(ResourceAddress address, Action action) {
                token.cancel(); // Ctrl-C while the first create is in flight
            }
        });

        ExecutionResult result = run(request);

        assertThat(result.interrupted()).isTrue();
        // The create call in flight finished and was recorded; its wait for AWS stopped at the interrupt.
        assertThat(result.outcomes()).extracting(ResourceOutcome::status)
                .containsExactly(Status.INTERRUPTED, Status.NOT_STARTED, Status.NOT_STARTED);
        assertThat(timeline.happened(first, "wait started")).isTrue();
        assertThat(timeline.happened(address("app.chain.second"), "create started")).isFalse();
        assertThat(result.state().resources()).containsOnlyKeys(first);
        assertThat(result.state().resources().get(first).status()).isEqualTo(ResourceStatus.CREATING);
    }

    @Test
    void deletesRunInReverseDependencyOrder() {
        ResourceState sg = recorded("loadBalancers.web.sg", THING, "sg-1");
        ResourceState alb = recorded("loadBalancers.web.alb", THING, "alb-1", "loadBalancers.web.sg");
        ResourceState listener = recorded("loadBalancers.web.listener", THING, "l-1", "loadBalancers.web.alb");
        ResourceState other = recorded("caches.c.group", THING, "c-1");
        State prior = stateOf(sg, alb, listener, other);

        ExecutionResult result = run(plan(
                delete(sg, "loadBalancers.web.alb"),
                delete(alb, "loadBalancers.web.listener"),
                delete(listener)), prior);

        assertThat(result.succeeded()).isTrue();
        assertThat(timeline.addressesOf("delete started")).containsExactlyElementsOf(
                addresses("loadBalancers.web.listener", "loadBalancers.web.alb", "loadBalancers.web.sg"));
        assertThat(timeline.when(alb.address(), "delete started"))
                .isGreaterThan(timeline.when(listener.address(), "delete finished"));
        assertThat(things.currentSeen(alb.address()).physicalId()).isEqualTo("alb-1");
        assertThat(result.state().resources()).containsOnlyKeys(other.address());
        assertThat(store.writes()).hasSize(3);
    }

    @Test
    void aReplaceDeletesTheOldResourceAndThenCreatesTheNew() {
        ResourceState sg = recorded("loadBalancers.web.sg", THING, "sg-old");
        ResourceState alb = recorded("loadBalancers.web.alb", THING, "alb-old", "loadBalancers.web.sg");
        State prior = stateOf(sg, alb);

        ExecutionResult result = run(plan(
                replace(spec("loadBalancers.web.sg", THING, Map.of("name", "new")), sg),
                replace(spec("loadBalancers.web.alb", THING,
                        Map.of("sg", new Ref(sg.address(), "id"))), alb)), prior);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.outcomes()).extracting(ResourceOutcome::action).containsOnly(Action.DELETE_THEN_CREATE);
        assertThat(timeline.when(alb.address(), "delete finished")).isLessThan(timeline.when(sg.address(), "delete started"));
        assertThat(timeline.when(sg.address(), "delete finished")).isLessThan(timeline.when(sg.address(), "create started"));
        assertThat(timeline.when(sg.address(), "create finished")).isLessThan(timeline.when(alb.address(), "create started"));
        String newSg = result.state().resources().get(sg.address()).physicalId();
        assertThat(newSg).isNotEqualTo("sg-old");
        assertThat(things.specSeen(alb.address()).attributes()).containsEntry("sg", newSg);
        assertThat(store.writes().get(1).resources()).as("both deletes recorded before any create").isEmpty();
        assertThat(events).contains("started DELETE loadBalancers.web.sg", "started CREATE loadBalancers.web.sg");
    }

    @Test
    void aReplaceThatChangesTheTypeDeletesTheOldResourceWithTheOldTypesHandler() {
        ResourceState old = recorded("app.web.store", SLOW, "slow-1");

        ExecutionResult result = run(plan(replace(spec("app.web.store", THING, Map.of("name", "new")), old)),
                stateOf(old));

        assertThat(result.succeeded()).isTrue();
        assertThat(slow.currentSeen(old.address())).as("the old type's handler deletes it").isNotNull()
                .extracting(Observed::physicalId).isEqualTo("slow-1");
        assertThat(things.currentSeen(old.address())).as("the new type's handler never sees the old one").isNull();
        ResourceState now = result.state().resources().get(old.address());
        assertThat(now.type()).isEqualTo(THING);
        assertThat(now.physicalId()).isNotEqualTo("slow-1");
    }

    @Test
    void aCreateBeforeDestroyReplaceThatChangesTheTypeKeepsAndDeletesTheOldAsTheOldType() {
        ResourceState old = recorded("loadBalancers.web.target-group", THING, "thing-1");
        ResourceAddress deposed = old.address().deposed("thing-1");

        ExecutionResult result = run(plan(replaceCreatingFirst(
                spec(old.address().toString(), GROUP, Map.of("name", "web-9090")), old)), stateOf(old));

        assertThat(result.succeeded()).isTrue();
        assertThat(store.writes().get(0).resources().get(deposed).type()).isEqualTo(THING);
        assertThat(things.currentSeen(old.address())).as("the old type's handler deletes it").isNotNull()
                .extracting(Observed::physicalId).isEqualTo("thing-1");
        assertThat(groups.currentSeen(old.address())).isNull();
        assertThat(result.state().resources()).containsOnlyKeys(old.address());
        assertThat(result.state().resources().get(old.address()).type()).isEqualTo(GROUP);
    }

    @Test
    void aCreateBeforeDestroyReplaceCreatesTheNewMovesItsUserAndThenDeletesTheOld() {
        ResourceState group = recorded("loadBalancers.web.target-group", GROUP, "tg-old");
        ResourceState listener = recorded("loadBalancers.web.listener", THING, "l-1", "loadBalancers.web.target-group");

        ExecutionResult result = run(plan(
                replaceCreatingFirst(spec(group.address().toString(), GROUP, Map.of("name", "web-9090")), group),
                update(spec(listener.address().toString(), THING, Map.of("targetGroupArn", new Ref(group.address(), "arn")),
                        group.address().toString()), listener)), stateOf(group, listener));

        assertThat(result.succeeded()).isTrue();
        assertThat(timeline.when(group.address(), "create finished"))
                .isLessThan(timeline.when(listener.address(), "update started"));
        assertThat(timeline.when(listener.address(), "update finished"))
                .isLessThan(timeline.when(group.address(), "delete started"));
        String newGroup = result.state().resources().get(group.address()).physicalId();
        assertThat(newGroup).isNotEqualTo("tg-old");
        assertThat(things.specSeen(listener.address()).attributes()).containsEntry("targetGroupArn", "arn:test:" + newGroup);
        assertThat(groups.currentSeen(group.address()).physicalId()).isEqualTo("tg-old");
        assertThat(result.state().resources()).containsOnlyKeys(group.address(), listener.address());
        assertThat(events).containsSubsequence("started CREATE loadBalancers.web.target-group",
                "started UPDATE loadBalancers.web.listener", "started DELETE loadBalancers.web.target-group");
    }

    @Test
    void whileBothExistTheStateKeepsTheOldResourceAsDeposed() {
        ResourceState group = recorded("loadBalancers.web.target-group", GROUP, "tg-old");
        ResourceState listener = recorded("loadBalancers.web.listener", THING, "l-1", "loadBalancers.web.target-group");
        ResourceAddress deposed = group.address().deposed("tg-old");

        ExecutionResult result = run(plan(
                replaceCreatingFirst(spec(group.address().toString(), GROUP, Map.of("name", "web-9090")), group),
                update(spec(listener.address().toString(), THING, Map.of("targetGroupArn", new Ref(group.address(), "arn")),
                        group.address().toString()), listener)), stateOf(group, listener));

        assertThat(result.succeeded()).isTrue();
        List<State> writes = store.writes();
        // Created: the new group at the address, the old one deposed, in the same write.
        assertThat(writes.get(0).resources().get(group.address()).physicalId()).isNotEqualTo("tg-old");
        assertThat(writes.get(0).resources().get(deposed)).isEqualTo(new ResourceState(deposed, GROUP, "tg-old",
                "arn:test:tg-old", group.attributes(), group.dependencies(), ResourceStatus.OK));
        // Until its delete, every write keeps the old group; the last one no longer has it.
        assertThat(writes.subList(0, writes.size() - 1)).allSatisfy(write -> assertThat(write.resources()).containsKey(deposed));
        assertThat(writes.get(writes.size() - 1).resources()).doesNotContainKey(deposed);
    }

    @Test
    void aFailedCreateBeforeDestroyLeavesTheOldResourceInPlace() {
        ResourceState group = recorded("loadBalancers.web.target-group", GROUP, "tg-old");
        ResourceState listener = recorded("loadBalancers.web.listener", THING, "l-1", "loadBalancers.web.target-group");
        groups.script(group.address(), Script.of(10, 0).failing());

        ExecutionResult result = run(plan(
                replaceCreatingFirst(spec(group.address().toString(), GROUP, Map.of("name", "web-9090")), group),
                update(spec(listener.address().toString(), THING, Map.of("targetGroupArn", new Ref(group.address(), "arn")),
                        group.address().toString()), listener)), stateOf(group, listener));

        assertThat(result.outcomes()).extracting(ResourceOutcome::status).containsExactly(Status.FAILED, Status.SKIPPED);
        assertThat(timeline.happened(group.address(), "delete started")).isFalse();
        assertThat(timeline.happened(listener.address(), "update started")).isFalse();
        assertThat(result.state().resources()).containsOnlyKeys(group.address(), listener.address());
        assertThat(result.state().resources().get(group.address()).physicalId()).isEqualTo("tg-old");
    }

    @Test
    void aCreateBeforeDestroyThatFailsPartWayKeepsTheNewRecordedAndTheOldDeposed() {
        ResourceState group = recorded("loadBalancers.web.target-group", GROUP, "tg-old");
        groups.script(group.address(), Script.of(10, 0).failingAfterCreating());

        ExecutionResult result = run(plan(
                replaceCreatingFirst(spec(group.address().toString(), GROUP, Map.of("name", "web-9090")), group)), stateOf(group));

        assertThat(result.outcomes().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(timeline.happened(group.address(), "delete started")).isFalse();
        assertThat(result.state().resources().get(group.address()).status()).isEqualTo(ResourceStatus.CREATING);
        assertThat(result.state().resources().get(group.address().deposed("tg-old")).physicalId()).isEqualTo("tg-old");
    }

    @Test
    void aRunStoppedBetweenCreateAndDeleteLeavesTheOldResourceRecordedAsDeposed() {
        ResourceState group = recorded("loadBalancers.web.target-group", GROUP, "tg-old");
        ResourceState listener = recorded("loadBalancers.web.listener", THING, "l-1", "loadBalancers.web.target-group");
        CancellationToken token = new CancellationToken();
        Plan plan = plan(
                replaceCreatingFirst(spec(group.address().toString(), GROUP, Map.of("name", "web-9090")), group),
                update(spec(listener.address().toString(), THING, Map.of("targetGroupArn", new Ref(group.address(), "arn")),
                        group.address().toString()), listener));
        ExecutionRequest request = request(plan, stateOf(group, listener)).withCancellation(token)
                .withProgress(new ProgressListener() {
                    @Override
                    public void started(ResourceAddress address, Action action) {
                        token.cancel(); // Ctrl-C while the new group is being created
                    }
                });

        ExecutionResult result = run(request);

        assertThat(result.interrupted()).isTrue();
        assertThat(timeline.happened(group.address(), "delete started")).isFalse();
        assertThat(result.state().resources().get(group.address()).physicalId()).isNotEqualTo("tg-old");
        assertThat(result.state().resources().get(group.address().deposed("tg-old")).physicalId()).isEqualTo("tg-old");
        assertThat(result.state().resources().get(listener.address()).physicalId()).isEqualTo("l-1");
    }

    @Test
    void refsResolveFromThisRunAndFromThePriorState() {
        ResourceState sg = recorded("loadBalancers.web.sg", THING, "sg-1");
        ResourceAddress alb = address("loadBalancers.web.alb");
        Plan plan = plan(
                noOp(spec("loadBalancers.web.sg", THING, Map.of()), sg),
                create(spec("loadBalancers.web.alb", THING, Map.of("groups", List.of(new Ref(sg.address(), "id"))))),
                create(spec("loadBalancers.web.listener", THING, Map.of(
                        "loadBalancerArn", new Ref(alb, "arn"),
                        "actions", List.of(Map.of("host", new Ref(alb, "dnsName"), "port", 443)),
                        "sgArn", new Ref(sg.address(), "arn"),
                        "sgName", new Ref(sg.address(), "name")))));

        ExecutionResult result = run(plan, stateOf(sg));

        assertThat(result.succeeded()).isTrue();
        assertThat(things.specSeen(alb).attributes()).containsEntry("groups", List.of("sg-1"));
        String albId = result.state().resources().get(alb).physicalId();
        assertThat(things.specSeen(address("loadBalancers.web.listener")).attributes())
                .containsEntry("loadBalancerArn", "arn:test:" + albId)
                .containsEntry("actions", List.of(Map.of("host", albId + ".example.com", "port", 443)))
                .containsEntry("sgArn", "arn:test:sg-1")
                .containsEntry("sgName", "sg-1");
    }

    @Test
    void anUnresolvableRefFailsOnlyThatResource() {
        Plan plan = plan(
                create(spec("app.web.thing", THING, Map.of("x", new Ref(address("app.web.ghost"), "id")))),
                create(spec("app.web.other", THING, Map.of())));

        ExecutionResult result = run(plan, stateOf());

        assertThat(result.outcomes()).extracting(ResourceOutcome::status).containsExactly(Status.FAILED, Status.DONE);
        assertThat(result.outcomes().get(0).failure().message()).contains("app.web.ghost");
        assertThat(timeline.happened(address("app.web.thing"), "create started")).isFalse();
    }

    @Test
    void anUpdateIsGivenWhatTheStateRecords() {
        ResourceState prior = recorded("app.web.thing", THING, "t-1");

        ExecutionResult result = run(plan(update(spec("app.web.thing", THING, Map.of("size", 2)), prior)), stateOf(prior));

        assertThat(result.succeeded()).isTrue();
        assertThat(things.currentSeen(prior.address()).physicalId()).isEqualTo("t-1");
        assertThat(result.state().resources().get(prior.address()).attributes()).containsEntry("size", 2);
    }

    @Test
    void progressReportsStartsFinishesFailuresSkipsAndLongWaits() {
        things.script(address("app.web.bad"), Script.of(5, 0).failing());
        things.script(address("app.web.slow"), Script.of(5, 150));
        Plan plan = plan(
                create(spec("app.web.slow", THING, Map.of())),
                create(spec("app.web.bad", THING, Map.of())),
                create(spec("app.web.after-bad", THING, Map.of(), "app.web.bad")));

        run(request(plan, stateOf()).withProgressInterval(Duration.ofMillis(40)));

        assertThat(events).contains("started CREATE app.web.slow", "finished CREATE app.web.slow",
                "started CREATE app.web.bad", "failed CREATE app.web.bad InvalidParameterValue",
                "skipped CREATE app.web.after-bad because app.web.bad");
        assertThat(events).contains("still running CREATE app.web.slow");
        assertThat(events.indexOf("still running CREATE app.web.slow"))
                .isLessThan(events.indexOf("finished CREATE app.web.slow"));
    }

    @Test
    void aStateThatCannotBeWrittenStopsTheRun() {
        Plan plan = plan(
                create(spec("app.chain.first", THING, Map.of())),
                create(spec("app.chain.second", THING, Map.of(), "app.chain.first")));
        ExecutionRequest request = request(plan, stateOf());
        store.failWrites();

        ExecutionResult result = run(request);

        assertThat(result.outcomes()).extracting(ResourceOutcome::status).containsExactly(Status.FAILED, Status.SKIPPED);
        assertThat(result.outcomes().get(0).failure().operation()).isEqualTo("write state");
        assertThat(timeline.happened(address("app.chain.second"), "create started")).isFalse();
    }

    @Test
    void aStateWhoseSerialCannotGrowIsRefusedBeforeAnyChange() {
        ResourceState old = recorded("app.web.old", THING, "old-1");
        State prior = stateOf(old).withSerial(Long.MAX_VALUE);
        Plan plan = plan(create(spec("app.web.thing", THING, Map.of())), delete(old));

        assertThatThrownBy(() -> run(plan, prior))
                .isInstanceOf(dev.scaffold.ScaffoldException.class)
                .hasMessageContaining("its serial is 9223372036854775807, the largest there is");
        assertThat(timeline.events()).as("no handler was called").isEmpty();
    }

    @Test
    void aNewStacksStateThatCannotBeWrittenFailsTheRunBeforeAnyChange() {
        Plan plan = plan(create(spec("app.web.thing", THING, Map.of())));
        Plan first = new Plan(plan.formatVersion(), plan.mode(), plan.stack(), plan.environment(), plan.lineage(), 0,
                "eu-central-1", "210987654321", plan.blueprintDigest(), plan.changes(), List.of(), List.of());
        ExecutionRequest request = request(first, dev.scaffold.engine.Applier.startingState(first, null));
        store.failWrites();

        ExecutionResult result = run(request);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.stateFailure()).isNotNull();
        assertThat(result.stateFailure().operation()).isEqualTo("write state");
        assertThat(result.outcomes()).extracting(ResourceOutcome::status).containsExactly(Status.NOT_STARTED);
        assertThat(timeline.happened(address("app.web.thing"), "create started")).isFalse();
    }

    /** Records progress events as short lines. */
    private record RecordingListener(List<String> lines) implements ProgressListener {
        @Override
        public void started(ResourceAddress address, Action action) {
            lines.add("started " + action + " " + address);
        }

        @Override
        public void finished(ResourceAddress address, Action action, Duration elapsed) {
            lines.add("finished " + action + " " + address);
        }

        @Override
        public void failed(ResourceAddress address, Action action, Duration elapsed, ChangeFailure failure) {
            lines.add("failed " + action + " " + address + " " + failure.code());
        }

        @Override
        public void stillRunning(ResourceAddress address, Action action, Duration elapsed) {
            if (!lines.contains("still running " + action + " " + address)) {
                lines.add("still running " + action + " " + address);
            }
        }

        @Override
        public void skipped(ResourceAddress address, Action action, ResourceAddress failedDependency) {
            lines.add("skipped " + action + " " + address + " because " + failedDependency);
        }
    }
}

package dev.scaffold.provider.aws.ec2;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.EarlierReads;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.SharedReads;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.provider.aws.TaggedResources;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.FaultInjectingProxy.Fault;
import dev.scaffold.testing.TestApplyContext;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

@ExtendWith(AwsEmulator.class)
class LaunchTemplateHandlerIT {

    private static final String PROFILE = "arn:aws:iam::123456789012:instance-profile/shop-app";

    private static LaunchTemplateHandler handler;
    private static Image image;
    private static String securityGroupId;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new LaunchTemplateHandler(aws);
        image = Clients.ec2(aws).describeImages().join().images().get(0);
        String vpcId = Clients.ec2(aws).describeVpcs().join().vpcs().get(0).vpcId();
        securityGroupId = Clients.ec2(aws).createSecurityGroup(r -> r.groupName("shop-app").description("app")
                .vpcId(vpcId)).join().groupId();
    }

    @Test
    void launchTemplateIsCreatedReadChangedByANewDefaultVersionAndDeleted(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "app", "launch-template");
        ResourceSpec desired = spec(address, "shop-app", "t3.small", "#!/bin/sh\necho hello\n");

        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        assertThat(created.attributes()).containsEntry("latestVersion", 1);
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);
        assertThat(afterCreate.attributes()).containsEntry("latestVersion", 1);
        ResponseLaunchTemplateData data = defaultData(aws, created.physicalId());
        assertThat(data.metadataOptions().httpTokensAsString()).isEqualTo("required");
        assertThat(data.metadataOptions().httpPutResponseHopLimit()).isEqualTo(1);
        assertThat(data.blockDeviceMappings()).singleElement().satisfies(root -> {
            assertThat(root.deviceName()).as("the image's root device").isEqualTo(image.rootDeviceName());
            assertThat(root.ebs().encrypted()).isTrue();
        });
        assertThat(data.networkInterfaces()).singleElement().satisfies(ni -> {
            assertThat(ni.associatePublicIpAddress()).isFalse();
            assertThat(ni.groups()).containsExactly(securityGroupId);
        });

        ResourceSpec bigger = spec(address, "shop-app", "t3.large", "#!/bin/sh\necho hello again\n");
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(bigger, afterCreate, planned(bigger, afterCreate), updating).join();
        assertThat(updating.operations()).as("a new version, made the default; the template stays")
                .containsExactly("DescribeImages", "CreateLaunchTemplateVersion", "ModifyLaunchTemplate");
        assertThat(updated.physicalId()).isEqualTo(created.physicalId());
        assertThat(updated.attributes()).containsEntry("latestVersion", 2);
        Observed afterUpdate = found(handler.read(known(updated), List.of(), read)).get(address);
        assertNoChanges(bigger, afterUpdate);
        assertThat(afterUpdate.attributes()).containsEntry("latestVersion", 2);

        handler.delete(updated, new TestApplyContext(address)).join();
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
        handler.delete(updated, new TestApplyContext(address)).join();
    }

    @Test
    void readDescribesTheKnownTemplatesInOneCallAndEachDefaultVersionApart() {
        String stack = "shop-read";
        ResourceAddress web = ResourceAddress.of("services", "web", "launch-template");
        ResourceAddress jobs = ResourceAddress.of("services", "jobs", "launch-template");
        Observed webTemplate = handler.create(spec(stack, web, "shop-read-web", "t3.small", "web"),
                new TestApplyContext(web)).join();
        Observed jobsTemplate = handler.create(spec(stack, jobs, "shop-read-jobs", "t3.small", "jobs"),
                new TestApplyContext(jobs)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(webTemplate, jobsTemplate), List.of(),
                new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(web, jobs);
        assertThat(calls.counts()).as("AWS describes versions of one template a call")
                .isEqualTo(Map.of("GetResources", 1, "DescribeLaunchTemplates", 1, "DescribeLaunchTemplateVersions", 2));
        assertThat(handler.read(List.of(), List.of(), new ReadContext("shop-nothing", ENV, calls))).isEmpty();
        assertThat(calls.counts()).as("nothing known, tagged or desired: the tagging read only")
                .containsEntry("GetResources", 2).containsEntry("DescribeLaunchTemplates", 1);
        handler.delete(webTemplate, new TestApplyContext(web)).join();
        handler.delete(jobsTemplate, new TestApplyContext(jobs)).join();
    }

    /**
     * Covers {@link EmulatorGaps#DESCRIBE_LAUNCH_TEMPLATES_CUT_SHORT}: twenty known templates, more than one of the
     * emulator's answers holds, are all found, and none is taken for gone.
     */
    @Test
    void aReadOfMoreTemplatesThanAnAnswerHoldsFindsThemAll() {
        String stack = "shop-many";
        List<Observed> templates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ResourceAddress address = ResourceAddress.of("services", "app" + i, "launch-template");
            templates.add(handler.create(spec(stack, address, "shop-many-app" + i, "t3.small", null),
                    new TestApplyContext(address)).join());
        }

        Map<ResourceAddress, Observed> found = found(handler.read(known(templates.toArray(Observed[]::new)),
                List.of(), new ReadContext(stack, ENV)));

        assertThat(found).hasSize(20);
        templates.forEach(template -> handler.delete(template, new TestApplyContext(template.address())).join());
    }

    /**
     * The emulator's tagging read returns no launch templates ({@link EmulatorGaps#TAGGING_API_OMITS_LAUNCH_TEMPLATES}):
     * one the state does not know (a crash after its create) is found by the name the blueprint gives it.
     */
    @Test
    void aTemplateTheStateDoesNotKnowIsFoundByItsNameAtItsSpecsAddress() {
        ResourceAddress address = ResourceAddress.of("services", "orphan", "launch-template");
        ResourceSpec desired = spec(address, "shop-orphan", "t3.small", "orphan");
        Observed made = handler.create(desired, new TestApplyContext(address)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(List.of(), List.of(desired),
                new ReadContext(STACK, ENV, calls)));

        assertThat(found.get(address).physicalId()).isEqualTo(made.physicalId());
        assertNoChanges(desired, found.get(address));
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "DescribeLaunchTemplates", 1,
                "DescribeLaunchTemplateVersions", 1));
        handler.delete(made, new TestApplyContext(address)).join();
    }

    /**
     * Where the tagging API returns launch templates, as AWS's does, they are described by id with the tags of the
     * description. The emulator's returns none ({@link EmulatorGaps#TAGGING_API_OMITS_LAUNCH_TEMPLATES}), so the
     * refresh's tagging read is given here as AWS would answer it.
     */
    @Test
    void templatesTheTaggingReadReturnsAreDescribedByIdAtTheirTaggedAddress(EmulatorTarget emulator) {
        ResourceAddress address = ResourceAddress.of("services", "tagged", "launch-template");
        ResourceSpec desired = spec(address, "shop-tagged", "t3.small", "tagged");
        Observed made = handler.create(desired, new TestApplyContext(address)).join();
        String arn = "arn:aws:ec2:" + EmulatorTarget.REGION.id() + ":" + emulator.accountId() + ":launch-template/"
                + made.physicalId();
        CountingCalls calls = new CountingCalls();
        ReadContext refresh = new ReadContext(STACK, ENV, calls, SharedReads.perRefresh(), EarlierReads.NONE);
        refresh.shared().get(TaggedResources.KEY, () -> new TaggedResources(Map.of(arn, desired.tags())));

        Map<ResourceAddress, Observed> found = found(handler.read(List.of(), List.of(), refresh));

        assertThat(found).containsOnlyKeys(address);
        assertNoChanges(desired, found.get(address));
        assertThat(calls.counts()).isEqualTo(Map.of("DescribeLaunchTemplates", 1, "DescribeLaunchTemplateVersions", 1));
        handler.delete(made, new TestApplyContext(address)).join();
    }

    /** As AWS answers a repeat of a create by its client token, the proxy replays the lost answer to the retry. */
    @Test
    void aCreateWhoseAnswerWasLostIsAnsweredByItsClientTokenWithTheTemplateItMade(AwsClients aws, EmulatorTarget emulator)
            throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "lossy", "launch-template");
        ResourceSpec desired = spec(address, "shop-lossy", "t3.small", "lossy");
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.replayLostAnswersOf(Set.of("CreateLaunchTemplate"));
            proxy.inject("CreateLaunchTemplate", Fault.LOST_RESPONSE);

            created = new LaunchTemplateHandler(lossy).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.injected()).containsExactly("LOST_RESPONSE CreateLaunchTemplate");
        }
        assertThat(templatesNamed(aws, "shop-lossy")).singleElement()
                .extracting(LaunchTemplate::launchTemplateId).isEqualTo(created.physicalId());
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /**
     * A repeat with another token (an earlier run's create, whose answer was lost) meets the name in use and goes on
     * with the template the first made. The emulator answers so even to the same token
     * ({@link EmulatorGaps#LAUNCH_TEMPLATE_CLIENT_TOKENS_IGNORED}), which this test uses to make the repeat.
     */
    @Test
    void aCreateMadeTwiceGoesOnWithTheTemplateTheFirstMade(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "again", "launch-template");
        ResourceSpec desired = spec(address, "shop-again", "t3.small", "again");
        Observed first = handler.create(desired, new TestApplyContext(address)).join();
        TestApplyContext again = new TestApplyContext(address);

        Observed second = handler.create(desired, again).join();

        assertThat(second.physicalId()).isEqualTo(first.physicalId());
        assertThat(again.operations()).containsExactly("DescribeImages", "CreateLaunchTemplate", "DescribeLaunchTemplates");
        assertThat(templatesNamed(aws, "shop-again")).hasSize(1);
        handler.delete(second, new TestApplyContext(address)).join();
    }

    /** As AWS answers a repeat by its client token, the proxy replays the lost answer: one new version, not two. */
    @Test
    void aNewVersionWhoseAnswerWasLostIsMadeOnce(AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "versions", "launch-template");
        ResourceSpec desired = spec(address, "shop-versions", "t3.small", "v1");
        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        ResourceSpec changed = spec(address, "shop-versions", "t3.small", "v2");
        Observed updated;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.replayLostAnswersOf(Set.of("CreateLaunchTemplateVersion"));
            proxy.inject("CreateLaunchTemplateVersion", Fault.LOST_RESPONSE);

            updated = new LaunchTemplateHandler(lossy).update(changed, created, planned(changed, created),
                    new TestApplyContext(address)).join();
        }
        assertThat(updated.attributes()).containsEntry("latestVersion", 2);
        assertThat(templatesNamed(aws, "shop-versions")).singleElement().satisfies(template -> {
            assertThat(template.latestVersionNumber()).isEqualTo(2L);
            assertThat(template.defaultVersionNumber()).isEqualTo(2L);
        });
        handler.delete(updated, new TestApplyContext(address)).join();
    }

    @Test
    void aTemplateOfThatNameOfAnotherStackIsAClashAndIsLeftAlone(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "twin", "launch-template");
        ResourceSpec ours = spec(address, "shop-twin", "t3.small", "twin");
        ResourceSpec theirs = new ResourceSpec(address, Ec2Types.LAUNCH_TEMPLATE.name(), Mode.MANAGED,
                ours.attributes(), Fixtures.tags(STACK, "prod", address), Set.of(), Set.of());
        Observed existing = handler.create(theirs, new TestApplyContext(address)).join();

        assertThatThrownBy(() -> handler.create(ours, new TestApplyContext(address)).join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(HandlerException.class, failure -> {
                    assertThat(failure.operation()).isEqualTo("CreateLaunchTemplate");
                    assertThat(failure.code()).isEqualTo("InvalidLaunchTemplateName.AlreadyExistsException");
                    assertThat(failure.getMessage()).isEqualTo("a launch template named shop-twin already exists and"
                            + " is not this stack's (its scaffold:env is prod, not default); delete it or rename the"
                            + " tier in the blueprint, then run again");
                });
        assertThat(templatesNamed(aws, "shop-twin")).singleElement()
                .satisfies(template -> assertThat(Ec2Tags.toMap(template.tags())).isEqualTo(theirs.tags()));
        handler.delete(existing, new TestApplyContext(address)).join();
    }

    @Test
    void anImageAwsDoesNotHaveFailsTheCreateInAwssWords() {
        ResourceAddress address = ResourceAddress.of("services", "noimage", "launch-template");
        Map<String, Object> attributes = new LinkedHashMap<>(spec(address, "shop-noimage", "t3.small", "x").attributes());
        attributes.put("imageId", "ami-12345678");
        ResourceSpec desired = ResourceSpec.managed(address, Ec2Types.LAUNCH_TEMPLATE.name(), attributes,
                Fixtures.tags(address));

        assertThatThrownBy(() -> handler.create(desired, new TestApplyContext(address)).join())
                .cause()
                .isInstanceOfSatisfying(HandlerException.class, failure -> {
                    assertThat(failure.operation()).isEqualTo("DescribeImages");
                    assertThat(failure.code()).isEqualTo("InvalidAMIID.NotFound");
                    assertThat(failure.getMessage()).contains("ami-12345678");
                });
    }

    private static ResponseLaunchTemplateData defaultData(AwsClients aws, String id) {
        return Clients.ec2(aws).describeLaunchTemplateVersions(r -> r.launchTemplateId(id).versions("$Default"))
                .join().launchTemplateVersions().get(0).launchTemplateData();
    }

    private static List<LaunchTemplate> templatesNamed(AwsClients aws, String name) {
        return Clients.ec2(aws).describeLaunchTemplates(r -> r.filters(f -> f.name("launch-template-name").values(name)))
                .join().launchTemplates();
    }

    private static ResourceSpec spec(ResourceAddress address, String name, String instanceType, String userData) {
        return spec(STACK, address, name, instanceType, userData);
    }

    private static ResourceSpec spec(String stack, ResourceAddress address, String name, String instanceType,
                                     String userData) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("imageId", image.imageId());
        attributes.put("instanceType", instanceType);
        attributes.put("userData", userData);
        attributes.put("securityGroupIds", List.of(securityGroupId));
        attributes.put("instanceProfileArn", PROFILE);
        attributes.put("metadataHttpTokens", "required");
        attributes.put("metadataHopLimit", 1);
        attributes.put("rootVolumeGb", 20);
        attributes.put("rootVolumeEncrypted", true);
        attributes.put("associatePublicIp", false);
        return ResourceSpec.managed(address, Ec2Types.LAUNCH_TEMPLATE.name(), attributes, Fixtures.tags(stack, ENV, address));
    }
}

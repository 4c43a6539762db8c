package dev.scaffold.provider.aws.ec2;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.AnsweredPages;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.ClientTokens;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.Found;
import dev.scaffold.provider.aws.IdBatches;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.ReadCalls;
import dev.scaffold.provider.aws.Tagged;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * An EC2 launch template ({@link Ec2Types#LAUNCH_TEMPLATE}): a change to its launch data is a new version,
 * made the default, never a new template.
 *
 * <p>Attributes: {@code name}; the launch data ({@link LaunchData}) {@code imageId}, {@code instanceType},
 * {@code userData}, {@code securityGroupIds} (sorted), {@code instanceProfileArn}, {@code metadataHttpTokens},
 * {@code metadataHopLimit}, {@code rootVolumeGb}, {@code rootVolumeEncrypted}, {@code associatePublicIp}; computed
 * {@code latestVersion}: the version scaffold made last and made the default, whose data is read back. Refs name
 * {@code id}, {@code latestVersion}, {@code name}.
 */
public final class LaunchTemplateHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("ec2", "launch-template/");
    /** The most values EC2 takes in the filters of one call; the ids of one DescribeLaunchTemplates likewise. */
    private static final int BATCH = 200;
    private static final Set<String> GONE = Set.of("InvalidLaunchTemplateId.NotFound",
            "InvalidLaunchTemplateName.NotFoundException");
    private static final String DUPLICATE = "InvalidLaunchTemplateName.AlreadyExistsException";

    private final AwsClients aws;
    private final TaggedReader<LaunchTemplate> reader;

    public LaunchTemplateHandler(AwsClients aws) {
        this.aws = aws;
        this.reader = TaggedReader.of(aws, ARN_TYPE, LaunchTemplate::launchTemplateId)
                .idFromArn(ArnType::lastPart)
                .describedBy("DescribeLaunchTemplates", BATCH, GONE, this::withIds)
                .tagsFromDescription(template -> Ec2Tags.toMap(template.tags()))
                .alsoByName(List.of("name"), named -> named.string("name"), LaunchTemplate::launchTemplateName,
                        this::named)
                .build();
    }

    @Override
    public ResourceType schema() {
        return Ec2Types.LAUNCH_TEMPLATE;
    }

    /**
     * Reads the stack's templates by id, one DescribeLaunchTemplates per 200, their tags with them, and the desired
     * ones not found so by name, one call for all; then the data of each one's default version, one
     * DescribeLaunchTemplateVersions per template, in parallel: AWS describes a version only of one named template
     * (or the default versions of every template in the account, which would grow with the region).
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        List<Found<LaunchTemplate>> found = reader.read(known, desired, ctx);
        Map<String, CompletableFuture<List<LaunchTemplateVersion>>> versions = new LinkedHashMap<>();
        found.forEach(f -> versions.put(f.resource().launchTemplateId(), ReadCalls.async(ctx,
                "DescribeLaunchTemplateVersions", () -> Ec2Client.of(aws).describeLaunchTemplateVersions(r -> r
                        .launchTemplateId(f.resource().launchTemplateId()).versions("$Default"))
                        .thenApply(r -> r.launchTemplateVersions()))));
        return found.stream().flatMap(f -> ReadCalls.joinUnlessGone(versions.get(f.resource().launchTemplateId()), GONE)
                .flatMap(list -> list.stream().findFirst()).stream()
                .map(version -> f.observed(schema().name(), f.resource().launchTemplateId(), null,
                        attributes(f.resource(), version)))).toList();
    }

    /**
     * Creates the template with its first version and its tags. Its client token makes a repeat after a lost answer
     * return the same template; a name already taken (a repeat with another token) goes on with the template of that
     * name if it carries this stack's tags.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String name = desired.string("name");
        return rootDevice(ctx, desired).thenCompose(device -> Creation.call(ctx, spec, "CreateLaunchTemplate",
                        () -> Ec2Client.of(aws).createLaunchTemplate(r -> r.launchTemplateName(name)
                                .clientToken(ClientTokens.of(spec)).launchTemplateData(LaunchData.request(desired, device))
                                .tagSpecifications(Ec2Tags.onCreate(
                                        software.amazon.awssdk.services.ec2.model.ResourceType.LAUNCH_TEMPLATE, spec.tags()))),
                        made -> made.launchTemplate())
                .orExisting(DUPLICATE, "a launch template named " + name, () -> named(ApplyCalls.of(ctx), Set.of(name))
                        .thenApply(templates -> templates.stream().findFirst()
                                .map(template -> new Tagged<>(template, Ec2Tags.toMap(template.tags())))))
                .recorded(template -> written(spec, template.launchTemplateId(), template.defaultVersionNumber()))
                .thenApply(template -> written(spec, template.launchTemplateId(), template.defaultVersionNumber())));
    }

    /** Makes the planned changes: new launch data is a new default version; then the tags. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        String id = current.physicalId();
        Planned planned = new Planned(changes);
        Number following = (Number) current.attributes().get("latestVersion");
        CompletableFuture<Number> version = planned.changesAny(LaunchData.NAMES) ? newDefaultVersion(ctx, spec, id, following)
                : CompletableFuture.completedFuture(following);
        return version.thenCompose(number -> new Ec2Tags(aws).update(ctx, id, planned.tags())
                .thenApply(ignored -> written(spec, id, number)));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        return ApplyCalls.callUnless(ctx, "DeleteLaunchTemplate", GONE, () -> Ec2Client.of(aws)
                .deleteLaunchTemplate(r -> r.launchTemplateId(current.physicalId())));
    }

    /**
     * Makes the desired launch data a new version and then the default. Its client token names the version it
     * follows, so a repeat after a lost answer (in this run or the next) returns the version the first attempt made.
     */
    private CompletableFuture<Number> newDefaultVersion(ApplyContext ctx, ResourceSpec spec, String id, Number following) {
        Attributes desired = Attributes.of(spec);
        return rootDevice(ctx, desired)
                .thenCompose(device -> ApplyCalls.call(ctx, "CreateLaunchTemplateVersion", () -> Ec2Client.of(aws)
                        .createLaunchTemplateVersion(r -> r.launchTemplateId(id)
                                .clientToken(ClientTokens.of(spec, "after version " + following))
                                .launchTemplateData(LaunchData.request(desired, device)))))
                .thenApply(made -> made.launchTemplateVersion().versionNumber())
                .thenCompose(number -> ApplyCalls.call(ctx, "ModifyLaunchTemplate", () -> Ec2Client.of(aws)
                                .modifyLaunchTemplate(r -> r.launchTemplateId(id).defaultVersion(String.valueOf(number))))
                        .thenApply(ignored -> number));
    }

    /** The templates of these names, with their tags: one call per 200 names; a filter leaves absent ones out. */
    private CompletableFuture<List<LaunchTemplate>> named(ApiCalls calls, Set<String> names) {
        return IdBatches.describe(calls, "DescribeLaunchTemplates", names, BATCH, Set.of(),
                batch -> described(r -> r.filters(Filter.builder().name("launch-template-name").values(batch).build())));
    }

    /**
     * The templates of these ids. AWS answers every one on one page, or fails the call for one that does not exist;
     * an answer that leaves some out without failing was cut short, so those are asked for again while answers
     * bring more.
     */
    private CompletableFuture<List<LaunchTemplate>> withIds(List<String> ids) {
        return described(r -> r.launchTemplateIds(ids)).thenCompose(found -> {
            Set<String> answered = found.stream().map(LaunchTemplate::launchTemplateId).collect(Collectors.toSet());
            List<String> left = ids.stream().filter(id -> !answered.contains(id)).toList();
            if (left.isEmpty() || found.isEmpty()) {
                return CompletableFuture.completedFuture(found);
            }
            return withIds(left).thenApply(more -> Stream.concat(found.stream(), more.stream()).toList());
        });
    }

    /** The templates a DescribeLaunchTemplates answers, on every page the answers name. */
    private CompletableFuture<List<LaunchTemplate>> described(Consumer<DescribeLaunchTemplatesRequest.Builder> request) {
        return AnsweredPages.all(Ec2Client.of(aws).describeLaunchTemplatesPaginator(request).launchTemplates());
    }

    /** The device the image boots from, which the root volume must name: it differs between images. */
    private CompletableFuture<String> rootDevice(ApplyContext ctx, Attributes desired) {
        String image = desired.string("imageId");
        return ApplyCalls.call(ctx, "DescribeImages", () -> Ec2Client.of(aws).describeImages(r -> r.imageIds(image)))
                .thenApply(found -> found.images().stream().findFirst().map(i -> i.rootDeviceName())
                        .orElseThrow(() -> new HandlerException(ctx.address(), "DescribeImages", null,
                                "the image " + image + " was not found in this account and region", null)));
    }

    private static Map<String, Object> attributes(LaunchTemplate template, LaunchTemplateVersion version) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", template.launchTemplateName());
        attributes.putAll(LaunchData.read(version.launchTemplateData()));
        attributes.put("latestVersion", version.versionNumber().intValue());
        return attributes;
    }

    private static Observed written(ResourceSpec spec, String id, Number version) {
        Map<String, Object> attributes = new LinkedHashMap<>(spec.attributes());
        attributes.put("latestVersion", version.intValue());
        return new Observed(spec.address(), Ec2Types.LAUNCH_TEMPLATE.name(), id, null, attributes, spec.tags());
    }
}

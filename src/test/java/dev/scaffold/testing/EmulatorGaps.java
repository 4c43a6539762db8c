package dev.scaffold.testing;

/**
 * Where the AWS emulator (moto 5.2 in server mode) lacks or bends an operation scaffold uses, and
 * how the tests cover that path instead. One list, by name; the README's testing section repeats it.
 */
public enum EmulatorGaps {

    /**
     * CreateSecurityGroup accepts a VPC id that does not exist (AWS answers InvalidVpcID.NotFound).
     * Covered by: the error-translation test provokes InvalidGroup.Duplicate instead, which moto does return.
     */
    SECURITY_GROUP_IN_UNKNOWN_VPC_ACCEPTED,

    /**
     * Deletion protection on a load balancer is stored and read back but not enforced: DeleteLoadBalancer
     * succeeds. Covered by: the plan refuses a delete or replace of a load balancer whose protection AWS reports on
     * unless the blueprint turns it off ({@code SchemaFlagsTest}, and the destroy refusals of the command line's
     * tests); when it does, LoadBalancerHandler lowers the protection before it deletes, which its IT asserts by the
     * calls made.
     */
    LOAD_BALANCER_DELETION_PROTECTION_NOT_ENFORCED,

    /**
     * DescribeListeners reports an SslPolicy ({@code ELBSecurityPolicy-2016-08}) for HTTP listeners,
     * which AWS does not. Not a gap in what scaffold reads: the listener handler reads certificate
     * and policy only for HTTPS listeners, as AWS defines them; the IT asserts an HTTP listener reads back without them.
     */
    HTTP_LISTENER_REPORTS_SSL_POLICY,

    /**
     * DescribeLoadBalancerAttributes omits {@code routing.http.drop_invalid_header_fields.enabled} and
     * {@code idle_timeout.timeout_seconds} until they are first set, where AWS lists them with their
     * defaults (false, 60). The handler reads a missing attribute as AWS's documented default, so both behave the same.
     */
    LOAD_BALANCER_ATTRIBUTES_LISTED_ONLY_ONCE_SET,

    /**
     * An S3 upload that carries {@code Expect: 100-continue} is answered with two interim 100 responses,
     * which the SDK's async client takes as the final one. Covered by: scaffold's S3 client never sends the
     * header (the Netty client sends the body at once anyway); {@code AwsClientsTest} asserts the header is
     * absent and {@code AwsClientsIT} round-trips an object.
     */
    S3_EXPECT_CONTINUE_ANSWERED_TWICE,

    /**
     * The Resource Groups Tagging API's GetResources returns no ELBv2 listeners, tagged or not (AWS returns
     * {@code elasticloadbalancing:listener} resources). Against the emulator a listener the state does not know
     * is found only by name, on its load balancer's port, as the blueprint names it ({@code ListenerHandlerIT}'s
     * orphan test, {@code UntaggedChildCrashIT}); one whose blueprint entry is gone or that belongs to another
     * state is not seen (deleting its load balancer deletes it), so {@code RefreshCostIT} loses other types in
     * its orphan test and {@code LoadBalancerTierIT} lists another state's resources without listeners. The
     * path AWS allows, listeners found by the tagging read and described by ARN with the tags it gave, is covered
     * by {@code ListenerHandlerIT.listenersTheTaggingReadReturnsAreDescribedByArnWithTheirTagsFromIt}, which gives
     * the read a tagging answer as AWS would make it.
     */
    TAGGING_API_OMITS_LISTENERS,

    /**
     * GetResources ends a page at 100 tags as well as at {@code ResourcesPerPage}, as if {@code TagsPerPage}
     * were 100, although only {@code ResourcesPerPage} (100) is given: a page holds about 16 to 24 of
     * scaffold's resources (4 to 6 tags each), not 100, so the emulator needs more GetResources calls than
     * AWS would. Nothing to work around (the read follows the pagination token either way);
     * {@code SecurityGroupHandlerIT} reads a stack over two pages, and the refresh figures of
     * {@code RefreshCostBenchmark} count the emulator's pages.
     */
    TAGGING_API_PAGES_BY_TAG_COUNT,

    /**
     * DescribeLoadBalancers, DescribeListeners and DescribeTags, given ARNs of which one is gone, answer for
     * the others and leave it out, where AWS fails the whole call (LoadBalancerNotFound, ListenerNotFound,
     * …); DescribeTargetGroups fails as AWS does (TargetGroupNotFound). Covered by:
     * {@code TargetGroupHandlerIT.knownTargetGroupDeletedOutsideScaffoldIsAbsentAndTheOthersOfItsBatchAreRead},
     * which goes through the same halving of a failed batch ({@code IdBatches}) that the other reads by ARN
     * use, and {@code IdBatchesTest}.
     */
    ELBV2_DESCRIBE_BY_ARN_SKIPS_GONE_ARNS,

    /**
     * CreateLoadBalancer with a name in use and CreateListener on a port in use make a second load balancer or
     * listener, where AWS answers a repeated identical call with the load balancer or listener it made, and one
     * with other settings with DuplicateLoadBalancerName or DuplicateListener. Covered by: the handler ITs have
     * {@link FaultInjectingProxy#answer} give those errors, to test the handlers' recovery from them; the
     * fault-injection test has the proxy answer the retry of such a create whose response it lost with the
     * emulator's answer to the first attempt ({@link FaultInjectingProxy#replayLostAnswersOf}), as AWS would.
     */
    LOAD_BALANCER_AND_LISTENER_CREATES_DUPLICATE,

    /**
     * CreateTargetGroup repeated with identical settings fails with DuplicateTargetGroupName, where AWS answers
     * with the target group it made. Not a gap in what scaffold handles: its create recovers from that error, which
     * AWS gives for a same-named group with other settings; {@code TargetGroupHandlerIT} provokes it by creating twice.
     */
    REPEATED_CREATE_TARGET_GROUP_FAILS,

    /**
     * The Resource Groups Tagging API's GetResources returns no launch templates, tagged or not (AWS returns
     * {@code ec2:launch-template} resources). Against the emulator a template the state does not know is found only by
     * the name its spec gives it ({@code LaunchTemplateHandlerIT.aTemplateTheStateDoesNotKnowIsFoundByItsNameAtItsSpecsAddress});
     * the path AWS allows, templates found by the tagging read and described by id, is covered by
     * {@code LaunchTemplateHandlerIT.templatesTheTaggingReadReturnsAreDescribedByIdAtTheirTaggedAddress}, which gives the
     * read a tagging answer as AWS would make it.
     */
    TAGGING_API_OMITS_LAUNCH_TEMPLATES,

    /**
     * CreateLaunchTemplate and CreateLaunchTemplateVersion ignore their {@code ClientToken}: a repeat with the same
     * token fails with InvalidLaunchTemplateName.AlreadyExistsException, or makes another version, where AWS answers
     * with the template or version the first call made. Covered by: the lost-answer tests of {@code LaunchTemplateHandlerIT}
     * have {@link FaultInjectingProxy#replayLostAnswersOf} answer the retry as AWS would; the recovery from a name in
     * use, which AWS gives to a repeat with another token (an earlier run's), is tested against the emulator's answer.
     */
    LAUNCH_TEMPLATE_CLIENT_TOKENS_IGNORED,

    /**
     * DescribeLaunchTemplates answers at most 15 templates (MaxResults' default, applied to a request by ids too) and
     * names no next page; AWS answers every id asked for, or fails the call for one that does not exist. Covered by:
     * the read asks again for the ids an answer left out without failing, which against AWS never happens, and
     * {@code LaunchTemplateHandlerIT.aReadOfMoreTemplatesThanAnAnswerHoldsFindsThemAll} reads twenty. Against the
     * emulator a read makes one request per 15 templates, counted as one call.
     */
    DESCRIBE_LAUNCH_TEMPLATES_CUT_SHORT,

    /**
     * GetResources returns no Auto Scaling groups, tagged or not (AWS returns {@code autoscaling:autoScalingGroup}
     * resources). Against the emulator a group the state does not know is found only by the name its spec gives it;
     * the path AWS allows is covered by {@code AutoScalingGroupHandlerIT.groupsTheTaggingReadReturnsAreDescribedByName},
     * which gives the read a tagging answer as AWS would make it.
     */
    TAGGING_API_OMITS_AUTO_SCALING_GROUPS,

    /**
     * CreateAutoScalingGroup with a name in use replaces that group with the new settings, where AWS answers
     * AlreadyExists and changes nothing. Covered by: the handler tests have {@link FaultInjectingProxy#answer} give
     * AlreadyExists, to test the recovery of a create whose answer was lost and the clash with another stack's group.
     */
    CREATE_AUTO_SCALING_GROUP_REPLACES_A_GROUP_OF_THAT_NAME,

    /**
     * StartInstanceRefresh and DescribeInstanceRefreshes are missing (HTTP 500 with an HTML body, which the SDK
     * retries). Covered by: {@code AutoScalingGroupRollingUpdateTest} runs the group's update on a scripted HTTP
     * client ({@link ScriptedHttpClient}) that asserts the exact requests and replays the answers AWS documents: a
     * refresh in progress, then successful; and one that fails with AWS's reason. Against the emulator,
     * {@code AutoScalingGroupHandlerIT} moves a group to a new version without a rolling update.
     */
    INSTANCE_REFRESHES_MISSING,

    /**
     * UpdateAutoScalingGroup accepts an InstanceMaintenancePolicy and DescribeAutoScalingGroups never returns one.
     * Not a gap in what scaffold reads: a group's {@code rollingUpdate} is not an AWS setting (it says how scaffold
     * rolls a new version out) and reads back as the state recorded it.
     */
    INSTANCE_MAINTENANCE_POLICY_NOT_KEPT,

    /**
     * PutScalingPolicy answers without the PolicyARN AWS returns. Covered by: the create reads a policy's ARN back
     * with DescribePolicies when the answer leaves it out, which {@code ScalingPolicyHandlerIT} goes through; the
     * answer AWS gives, with the ARN and no read after it, is replayed by {@code ScalingPolicyPutTest}.
     */
    PUT_SCALING_POLICY_OMITS_ARN,

    /**
     * The emulator keeps scaling policies by name alone: PutScalingPolicy for one group replaces the policy of that
     * name of any other group, where AWS names a policy within its group. Not a gap in what scaffold does: it names
     * each policy after its group ({@code shop-prod-app-cpu}), unique in the region as CloudFormation's names are;
     * {@code RefreshCostBenchmark}'s web series applies 80 groups with their policies side by side.
     */
    SCALING_POLICIES_KEYED_BY_NAME_ALONE,

    /**
     * The Resource Groups Tagging API's GetResources returns no WAFv2 web ACLs (AWS returns {@code wafv2} resources).
     * Against the emulator a web ACL the state does not know is found only by name in its scope's list, as the
     * blueprint names it, and its tags are read with ListTagsForResource ({@code WebAclHandlerIT}'s orphan and clash
     * tests). The path AWS allows, web ACLs found by the tagging read with the tags it gave, is covered by
     * {@code WebAclHandlerIT.webAclsTheTaggingReadReturnsAreReadByArnWithTheTagsItGave}, which gives the read a
     * tagging answer as AWS would make it.
     */
    TAGGING_API_OMITS_WEB_ACLS,

    /**
     * CreateWebACL with a name in use answers {@code WafV2DuplicateItem}, where AWS answers
     * {@code WAFDuplicateItemException}, the code scaffold recovers from. Covered by: {@code WebAclHandlerIT} has
     * {@link FaultInjectingProxy#answer} give AWS's code, for the retry of a create whose answer was lost and for a
     * web ACL of that name of another stack.
     */
    WEB_ACL_DUPLICATE_ANSWERED_WITH_ANOTHER_CODE,

    /**
     * AssociateWebACL with a second web ACL leaves the first associated too (GetWebACLForResource keeps answering the
     * first one made), and the same association made twice is kept twice, so that one DisassociateWebACL leaves it;
     * AWS replaces a load balancer's web ACL and keeps one association. Covered by: the change to another web ACL is
     * tested on a {@link ScriptedHttpClient}, answering as AWS documents, asserting the one request made;
     * {@code WebAclAssociationHandlerIT}'s crash test asserts one DisassociateWebACL leaves no association, which a
     * second associate would have left behind.
     */
    WEB_ACL_ASSOCIATION_NOT_REPLACED,

    /**
     * ACM issues a certificate it was asked for by domain after {@code MOTO_ACM_VALIDATION_WAIT} seconds (60 unless
     * set; 0 on the build's emulator, so at the first DescribeCertificate), whether or not any DNS record exists; AWS
     * keeps it PENDING_VALIDATION until its validation records exist, and may end it FAILED or VALIDATION_TIMED_OUT.
     * Covered by: {@code CertificateHandlerIT} has {@link FaultInjectingProxy#shapeAnswers} turn the emulator's
     * DescribeCertificate answers into those AWS gives for a certificate pending validation, and one that failed.
     */
    CERTIFICATE_ISSUED_WITHOUT_VALIDATION,

    /**
     * ScheduleKeyDeletion of a KMS key already pending deletion succeeds again, where AWS answers
     * KMSInvalidStateException. Covered by: {@code KeyHandlerIT.aKeyAlreadyPendingDeletionIsDeletedAlreadyAndAKeyGoneToo}
     * has {@link FaultInjectingProxy#answer} give AWS's error, and checks that the delete describes the key and
     * takes it as done.
     */
    KMS_REPEATED_SCHEDULE_KEY_DELETION_ACCEPTED,

    /**
     * CloudWatch Logs' AssociateKmsKey and DisassociateKmsKey are missing (HTTP 500): a log group's key can be set
     * only when it is created. Covered by: {@code LogGroupHandlerTest} gives the handler a {@link ScriptedHttpClient}
     * that answers as AWS documents and asserts the exact requests of changing, and of removing, a group's key;
     * {@code LogGroupHandlerIT} creates groups with their key against the emulator.
     */
    LOGS_KMS_KEY_ASSOCIATION_MISSING,

    /**
     * DescribeLogGroups ignores {@code logGroupIdentifiers} and answers with every log group of the region (50 a
     * page), where AWS answers with those of the names asked that exist, on one page. What a read finds is the same,
     * since it keeps only the groups it asked for and follows the pages an answer names; but against the emulator a
     * describe makes one request per 50 groups in the region. Covered by: {@code LogGroupHandlerTest} asserts the request by names and takes AWS's
     * answer; {@code LogGroupHandlerIT}'s read counts hold because the emulator holds only that test's groups.
     */
    LOGS_DESCRIBE_IGNORES_IDENTIFIERS,

    /**
     * AWS-managed IAM policies (e.g. {@code arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore}), which every AWS
     * account has, exist only when moto runs with {@code MOTO_IAM_LOAD_MANAGED_POLICIES=true}; otherwise attaching one
     * is NoSuchEntity. Covered by: {@code scripts/aws-emulator}, which the build and {@code scripts/demo} start moto
     * with, sets it; {@code RoleHandlerIT} attaches and detaches such policies.
     */
    IAM_AWS_MANAGED_POLICIES_ONLY_WHEN_LOADED,

    /**
     * RemoveRoleFromInstanceProfile of a role the profile does not hold answers HTTP 500, where AWS answers
     * NoSuchEntity. Covered by: {@code InstanceProfileHandlerIT.anUpdateWhoseOldRoleWasRemovedOutsideScaffoldAddsTheNewOne}
     * has {@link FaultInjectingProxy#answer} give AWS's error, and checks that the update takes the role as removed
     * and adds the new one.
     */
    IAM_REMOVE_ROLE_NOT_IN_PROFILE_FAILS,

    /**
     * ModifyDBSubnetGroup answers with the changed group but removes it from the emulator (moto pops it and never puts
     * it back): the next describe is DBSubnetGroupNotFoundFault. Covered by: {@code SubnetGroupUpdateTest} replays
     * AWS's answer through a scripted HTTP client and asserts the exact request (name, description only when it
     * changes, every subnet); {@code SubnetGroupHandlerIT} updates a group's tags against the emulator.
     */
    RDS_MODIFY_SUBNET_GROUP_DROPS_IT,

    /**
     * CreateDBSubnetGroup with the name of a group that exists succeeds and replaces it, where AWS answers
     * DBSubnetGroupAlreadyExists. Covered by: {@code SubnetGroupHandlerIT}'s lost-response and clash tests have
     * {@link FaultInjectingProxy#answer} give AWS's error, and check that the handler goes on with its own group and
     * refuses another stack's.
     */
    RDS_CREATE_SUBNET_GROUP_TAKES_A_NAME_IN_USE,

    /**
     * The Resource Groups Tagging API's GetResources returns DB instances (and snapshots) but no DB subnet groups and no
     * DB parameter groups, where AWS returns {@code rds:subgrp} and {@code rds:pg} resources. Against the emulator a
     * group the state does not know is found only by its name from the blueprint (the handlers' {@code alsoByName});
     * one whose blueprint entry is gone as well is not seen. Covered by: the group ITs' read tests count one
     * describe and one ListTagsForResource per group, the cost on AWS for groups the tagging read does not return
     * (their tags then come from it, and the ListTagsForResource calls drop); the reader's use of the tagging read
     * is the one every other type shares ({@code TaggedReader}).
     */
    RDS_TAGGING_API_OMITS_GROUPS,

    /**
     * ResetDBParameterGroup does not exist in the emulator, and DescribeDBParameters lists only the parameters that
     * ModifyDBParameterGroup set (ignoring {@code Source}), where AWS lists every parameter of the family, hundreds,
     * with {@code Source=user} only those a user set. Covered by: {@code ParameterGroupUpdateTest} replays AWS's answers
     * through a scripted HTTP client and asserts the exact requests of an update that changes one parameter and drops
     * another (ModifyDBParameterGroup, then ResetDBParameterGroup, both {@code immediate}); the read asks for
     * {@code Source=user} and keeps only the parameters the blueprint or the state names, which
     * {@code ParameterGroupHandlerIT} checks with a parameter set outside scaffold.
     */
    RDS_PARAMETER_GROUP_RESET_MISSING,

    /**
     * A read replica is described with its primary's MasterUserSecret, where AWS describes none for it (the replica
     * shares its primary's users; RDS keeps the one secret with the primary). Nothing to work around: the handler
     * reads {@code masterSecretArn} as AWS reports it; {@code InstanceHandlerIT} asserts the primary's secret, that
     * the replica's is that same secret (no second one is made), and scaffold's outputs take the primary's.
     */
    RDS_REPLICA_DESCRIBED_WITH_PRIMARYS_SECRET,

    /**
     * DB instances are {@code available} at once after CreateDBInstance, CreateDBInstanceReadReplica and
     * ModifyDBInstance, and gone at once after DeleteDBInstance, where AWS takes minutes in {@code creating},
     * {@code modifying}, {@code deleting}. Covered by: {@code InstanceHandlerIT.fiveDatabasesWaitingTogetherShareOneDescribePerInterval}
     * has the proxy report them {@code creating} for a while, so the waits poll for real and the shared polls are counted;
     * {@code InstanceRequestsTest} replays AWS's answers through a modify ({@code modifying}, then {@code available} with
     * a change still pending, then done) and a wait that runs past its bound.
     */
    RDS_INSTANCES_AVAILABLE_AT_ONCE,

    /**
     * CreateSecret of a name whose secret is scheduled for deletion answers ResourceExistsException, where AWS answers
     * InvalidRequestException ("a secret with this name is already scheduled for deletion"). Both are recovered the
     * same way (the secret found by name with the deleted ones, restored if it is this stack's):
     * {@code GeneratedSecretHandlerIT.applyingAgainAfterADestroyRestoresTheSecretWithANewValue} meets the emulator's
     * answer, {@code aCreateAnsweredThatTheNameIsScheduledForDeletionRestoresTheSecret} has
     * {@link FaultInjectingProxy#answer} give AWS's.
     */
    SECRET_SCHEDULED_FOR_DELETION_ANSWERED_AS_EXISTING,

    /**
     * ElastiCache's ModifyCacheSubnetGroup and DeleteCacheSubnetGroup are missing (HTTP 500 with an HTML body, which
     * the SDK retries): a cache subnet group can be made and read, not changed or removed. Covered by:
     * {@code CacheSubnetGroupHandlerTest} gives the handler a {@link ScriptedHttpClient} that answers as AWS documents and
     * asserts the exact requests of a change and of a delete (and of one already gone); {@code CacheSubnetGroupHandlerIT}
     * creates, reads and recovers creates against the emulator.
     */
    CACHE_SUBNET_GROUP_MODIFY_AND_DELETE_MISSING,

    /**
     * ElastiCache's ModifyReplicationGroup, IncreaseReplicaCount and DecreaseReplicaCount are missing (HTTP 500): a
     * replication group cannot be changed. Covered by: {@code ReplicationGroupHandlerTest} runs the handler's updates on
     * a {@link ScriptedHttpClient} that answers as AWS documents and asserts the exact requests, in order (more replicas
     * before failover is turned on, fewer after it is turned off, a new secret's token rotated in).
     */
    REPLICATION_GROUP_MODIFICATIONS_MISSING,

    /**
     * DeleteReplicationGroup leaves the group {@code deleting} forever, where AWS removes it after some minutes. Covered
     * by: {@code ReplicationGroupHandlerTest} deletes a group on a {@link ScriptedHttpClient} whose describe answers
     * ReplicationGroupNotFoundFault as AWS does once it is gone, and one already gone; no IT deletes a group.
     */
    REPLICATION_GROUP_STAYS_DELETING,

    /**
     * CreateReplicationGroup makes one member cluster whatever {@code NumCacheClusters} asks, gives no reader endpoint,
     * and makes no cache clusters that DescribeCacheClusters knows; AWS makes the primary and its replicas and a reader
     * endpoint, each member a cache cluster. Covered by: {@code ReplicationGroupHandlerIT} makes groups without
     * replicas, which the emulator gets right, and reads their subnet group and security groups as recorded, as it
     * does for a group whose member is not known (yet); {@code ReplicationGroupHandlerTest} reads a group with two
     * replicas, failover and Multi-AZ, and its network from its first member, from AWS's documented answers.
     */
    REPLICATION_GROUP_HAS_ONE_MEMBER,

    /**
     * CreateQueue of a name whose queue was deleted moments ago makes the queue at once, where AWS refuses it with
     * AWS.SimpleQueueService.QueueDeletedRecently for 60 s. Covered by:
     * {@code QueueHandlerIT.aQueueNameAwsStillKeepsAfterADeleteIsTriedAgainUntilFree} has
     * {@link FaultInjectingProxy#answer} give AWS's error to the first CreateQueue, and checks that the user is told,
     * that the create is made again as the poll of a bounded wait, and that it then goes on.
     */
    SQS_DELETED_QUEUE_NAME_FREE_AT_ONCE,

    /**
     * CreateQueue of a name that exists, with the same attributes, replaces that queue's tags with the request's, so
     * another stack's queue would take this stack's tags; AWS documents that such a call answers the existing queue's
     * URL, and changes tags only through TagQueue and UntagQueue. Covered by:
     * {@code QueueHandlerTest.aQueueOfAnotherStackWithTheSameAttributesIsRefusedAsAnothers} scripts AWS's answers and
     * checks that the create reads the tags of the queue it was answered with and refuses another stack's.
     */
    SQS_IDENTICAL_CREATE_REPLACES_TAGS
}

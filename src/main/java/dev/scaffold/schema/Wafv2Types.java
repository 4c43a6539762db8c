package dev.scaffold.schema;

/** The WAFv2 types. */
public final class Wafv2Types {

    /** A web ACL. */
    public static final ResourceType WEB_ACL = ResourceType.managed("AWS::WAFv2::WebACL")
            .forcesReplace("name", "scope").build();

    /** A web ACL's association with a resource. */
    public static final ResourceType WEB_ACL_ASSOCIATION = ResourceType.managed("AWS::WAFv2::WebACLAssociation")
            .forcesReplace("resourceArn").untagged().build();

    private Wafv2Types() {
    }
}

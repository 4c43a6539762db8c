package dev.scaffold.provider.aws;

/**
 * A resource type as its ARNs name it, e.g. {@code elasticloadbalancing} and {@code targetgroup/}
 * for {@code arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-web/0123abcd}.
 *
 * @param service the ARN's service part
 * @param resourcePrefix how the ARN's resource part begins
 */
public record ArnType(String service, String resourcePrefix) {

    /** Whether an ARN names a resource of this type. */
    public boolean names(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && parts[2].equals(service) && parts[5].startsWith(resourcePrefix);
    }

    /** The id at the end of an ARN of this type, e.g. a security group's {@code sg-…}. */
    public static String lastPart(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}

package dev.scaffold.provider.aws.ec2;

import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.SdkAttributes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateEbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/**
 * A launch template version's data in scaffold's vocabulary, written into EC2's request and read from its description
 * in one place. {@code userData} is the plain text (EC2 keeps it base64-encoded). The one network interface (holding
 * the security groups and whether it takes a public IP) and the one EBS volume (on the image's root device, gp3,
 * deleted with the instance) are written whole, as EC2 takes them.
 */
final class LaunchData {

    /** Every attribute of the launch data: a change to any is a new version. */
    static final List<String> NAMES = List.of("imageId", "instanceType", "userData", "instanceProfileArn",
            "metadataHttpTokens", "metadataHopLimit", "securityGroupIds", "associatePublicIp", "rootVolumeGb",
            "rootVolumeEncrypted");

    private static final SdkAttributes<ResponseLaunchTemplateData> ATTRIBUTES =
            SdkAttributes.describedAs(ResponseLaunchTemplateData.builder())
                    .writtenTo(RequestLaunchTemplateData.builder())
                    .member("imageId", "ImageId")
                    .member("instanceType", "InstanceType")
                    .member("userData", "UserData", LaunchData::decoded, LaunchData::encoded)
                    .member("instanceProfileArn", "IamInstanceProfile.Arn")
                    .member("metadataHttpTokens", "MetadataOptions.HttpTokens")
                    .member("metadataHopLimit", "MetadataOptions.HttpPutResponseHopLimit")
                    .read("securityGroupIds", data -> networkInterface(data)
                            .map(ni -> ni.groups().stream().sorted().toList()).orElse(null), null)
                    .read("associatePublicIp", data -> networkInterface(data)
                            .map(LaunchTemplateInstanceNetworkInterfaceSpecification::associatePublicIpAddress)
                            .orElse(null), null)
                    .read("rootVolumeGb", data -> rootVolume(data).map(LaunchTemplateEbsBlockDevice::volumeSize)
                            .orElse(null), null)
                    .read("rootVolumeEncrypted", data -> rootVolume(data).map(LaunchTemplateEbsBlockDevice::encrypted)
                            .orElse(null), null)
                    .build();

    private LaunchData() {
    }

    /** The launch data AWS describes, by scaffold's names. */
    static Map<String, Object> read(ResponseLaunchTemplateData data) {
        return ATTRIBUTES.read(data);
    }

    /** The desired launch data as EC2 takes it; the root volume on {@code rootDevice}, the image's. */
    static RequestLaunchTemplateData request(Attributes desired, String rootDevice) {
        Map<String, Object> values = desired.values();
        return ATTRIBUTES.write(RequestLaunchTemplateData.builder(), desired)
                .networkInterfaces(ni -> ni.deviceIndex(0).deleteOnTermination(true)
                        .associatePublicIpAddress(Boolean.TRUE.equals(values.get("associatePublicIp")))
                        .groups(desired.has("securityGroupIds") ? desired.strings("securityGroupIds") : List.of()))
                .blockDeviceMappings(mapping -> mapping.deviceName(rootDevice).ebs(ebs -> ebs
                        .volumeSize(desired.has("rootVolumeGb") ? desired.integer("rootVolumeGb") : null)
                        .encrypted((Boolean) values.get("rootVolumeEncrypted"))
                        .volumeType(VolumeType.GP3).deleteOnTermination(true)))
                .build();
    }

    private static Optional<LaunchTemplateInstanceNetworkInterfaceSpecification> networkInterface(
            ResponseLaunchTemplateData data) {
        return data.networkInterfaces().stream().findFirst();
    }

    private static Optional<LaunchTemplateEbsBlockDevice> rootVolume(ResponseLaunchTemplateData data) {
        return data.blockDeviceMappings().stream().filter(mapping -> mapping.ebs() != null).findFirst()
                .map(mapping -> mapping.ebs());
    }

    private static Object decoded(Object base64) {
        return base64 == null ? null : new String(Base64.getDecoder().decode((String) base64), StandardCharsets.UTF_8);
    }

    private static Object encoded(Object text) {
        return Base64.getEncoder().encodeToString(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
    }
}

package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.state.Observed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.RequestCertificateRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

class SdkAttributesTest {

    private static final ResourceAddress GROUP = ResourceAddress.parse("loadBalancers.web.target-group");

    private static final SdkAttributes<TargetGroup> ATTRIBUTES = SdkAttributes.describedAs(TargetGroup.builder())
            .writtenTo(CreateTargetGroupRequest.builder(), ModifyTargetGroupRequest.builder())
            .member("name", "TargetGroupName", "Name")
            .member("protocol", "Protocol")
            .member("port", "Port")
            .member("healthCheckMatcher", "Matcher.HttpCode")
            .computed("vpcId", "VpcId")
            .build();

    @Test
    void anAttributeIsReadFromItsMemberNestedOnesThroughTheirStructure() {
        TargetGroup described = TargetGroup.builder().targetGroupName("shop-web-80").protocol(ProtocolEnum.HTTP)
                .port(80).matcher(m -> m.httpCode("200-399")).vpcId("vpc-1").build();

        assertThat(ATTRIBUTES.read(described)).containsExactly(
                Map.entry("name", "shop-web-80"), Map.entry("protocol", "HTTP"), Map.entry("port", 80),
                Map.entry("healthCheckMatcher", "200-399"), Map.entry("vpcId", "vpc-1"));
    }

    @Test
    void oneDeclarationWritesTheCreateAndTheModifyRequestEachWithTheMembersItHas() {
        Attributes desired = Attributes.of(spec());

        CreateTargetGroupRequest create = ATTRIBUTES.write(CreateTargetGroupRequest.builder(), desired).build();
        ModifyTargetGroupRequest modify = ATTRIBUTES.write(ModifyTargetGroupRequest.builder(), desired,
                List.of("healthCheckMatcher", "port")).build();

        assertThat(create.name()).isEqualTo("shop-web-80");
        assertThat(create.protocol()).isEqualTo(ProtocolEnum.HTTP);
        assertThat(create.port()).as("a spec's number of another Java type").isEqualTo(80);
        assertThat(create.matcher().httpCode()).isEqualTo("200-399");
        assertThat(modify.matcher().httpCode()).isEqualTo("200-399");
        assertThat(modify.targetGroupArn()).as("only what was named, and what the request has a member for").isNull();
    }

    @Test
    void whatAHandlerJustWroteIsTheSpecWithWhatAwsComputed() {
        TargetGroup answer = TargetGroup.builder().targetGroupArn("arn:tg").vpcId("vpc-1").build();

        Observed written = ATTRIBUTES.written(spec(), "AWS::ElasticLoadBalancingV2::TargetGroup", "arn:tg", "arn:tg", answer);

        assertThat(written.attributes()).containsEntry("name", "shop-web-80").containsEntry("vpcId", "vpc-1");
        assertThat(written.tags()).isEqualTo(spec().tags());
    }

    @Test
    void aValueItsConverterTurnsIntoNothingLeavesTheMemberUnsetAndAComputedShapeComesFromTheAnswer() {
        SdkAttributes<CertificateDetail> certificate = SdkAttributes.describedAs(CertificateDetail.builder())
                .writtenTo(RequestCertificateRequest.builder())
                .member("domainName", "DomainName")
                .read("subjectAlternativeNames", CertificateDetail::subjectAlternativeNames, "SubjectAlternativeNames",
                        names -> ((List<?>) names).isEmpty() ? null : names)
                .computed("issuer", detail -> "CN=" + detail.issuer())
                .build();
        ResourceAddress address = ResourceAddress.parse("loadBalancers.web.certificate");
        ResourceSpec spec = ResourceSpec.managed(address, "AWS::CertificateManager::Certificate",
                Map.of("domainName", "shop.example.com", "subjectAlternativeNames", List.of()), Fixtures.tags(address));

        RequestCertificateRequest request = certificate.write(RequestCertificateRequest.builder(), Attributes.of(spec))
                .build();
        Observed written = certificate.written(spec, spec.type(), "arn:c", "arn:c",
                CertificateDetail.builder().issuer("Amazon RSA 2048 M02").build());

        assertThat(request.domainName()).isEqualTo("shop.example.com");
        assertThat(request.hasSubjectAlternativeNames()).as("not an empty list, which AWS refuses").isFalse();
        assertThat(written.attributes()).containsEntry("issuer", "CN=Amazon RSA 2048 M02")
                .containsEntry("subjectAlternativeNames", List.of());
    }

    @Test
    void aMisspeltMemberFailsWhenItIsDeclared() {
        assertThatThrownBy(() -> SdkAttributes.describedAs(TargetGroup.builder()).member("port", "Prot"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no member Prot");
        assertThatThrownBy(() -> SdkAttributes.describedAs(TargetGroup.builder())
                .writtenTo(CreateTargetGroupRequest.builder()).member("name", "TargetGroupName", "GroupName"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no request of name has a member GroupName");
    }

    private static ResourceSpec spec() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", "shop-web-80");
        attributes.put("protocol", "HTTP");
        attributes.put("port", 80L);
        attributes.put("healthCheckMatcher", "200-399");
        return ResourceSpec.managed(GROUP, "AWS::ElasticLoadBalancingV2::TargetGroup", attributes, Fixtures.tags(GROUP));
    }
}

package org.gridplatform.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    @Test
    void networksMatchByPrefixInBothFamiliesAndMappedIpv4() throws Exception {
        Network ten = Network.parse("10.0.0.0/8");
        assertThat(ten.contains(InetAddress.getByName("10.200.3.4"))).isTrue();
        assertThat(ten.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(ten.contains(InetAddress.getByName("::ffff:10.1.2.3"))).isTrue();
        Network odd = Network.parse("192.168.128.0/17");
        assertThat(odd.contains(InetAddress.getByName("192.168.200.1"))).isTrue();
        assertThat(odd.contains(InetAddress.getByName("192.168.127.255"))).isFalse();
        Network ec2 = Network.parse("fd00:ec2::/32");
        assertThat(ec2.contains(InetAddress.getByName("fd00:ec2::254"))).isTrue();
        assertThat(ec2.contains(InetAddress.getByName("fd00:ec3::254"))).isFalse();
        assertThat(Network.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.1"))).isTrue();
    }

    @Test
    void refusesWhatIsNotANetworkSayingHowToWriteIt() {
        assertThatThrownBy(() -> Network.parse("example.com/8")).hasMessageContaining("write it as 10.0.0.0/8");
        assertThatThrownBy(() -> Network.parse("10.0.0.0/33")).hasMessageContaining("beyond 0..32");
        assertThatThrownBy(() -> Network.parse("10.0.0.0/x")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> AddressPolicy.read(Map.of(AddressPolicy.ALLOWED_KEY, "10.0.0.0/8, nope")::get))
                .hasMessageStartingWith("grid.security.allowed-networks: \"nope\"");
    }

    @Test
    void theDefaultRefusesLinkLocalMetadataAndUnspecifiedButAllowsLoopbackAndPrivate() {
        AddressPolicy policy = AddressPolicy.DEFAULT;
        assertThat(policy.refusal(URI.create("http://169.254.169.254/latest"))).get().asString()
                .contains("169.254.0.0/16", "link-local, metadata");
        assertThat(policy.refusal(URI.create("http://[fd00:ec2::254]"))).isPresent();
        assertThat(policy.refusal(URI.create("http://0.0.0.0:8080"))).isPresent();
        assertThat(policy.refusal(URI.create("http://[::ffff:169.254.169.254]"))).isPresent();
        assertThat(policy.refusal(URI.create("http://224.0.0.1"))).isPresent();
        assertThat(policy.refusal(URI.create("http://127.0.0.1:8181"))).isEmpty();
        assertThat(policy.refusal(URI.create("http://10.1.2.3:8181"))).isEmpty();
        assertThat(policy.refusal(URI.create("http://no-such-host.invalid:8181"))).get().asString().contains("does not resolve");
    }

    @Test
    void anAllowListAdmitsOnlyItsNetworksAndExtraDeniesApply() {
        AddressPolicy policy = AddressPolicy.read(Map.of(AddressPolicy.ALLOWED_KEY, "127.0.0.0/8,10.0.0.0/8",
                AddressPolicy.DENIED_KEY, "10.9.0.0/16")::get);
        assertThat(policy.refusal(URI.create("http://127.0.0.1:1"))).isEmpty();
        assertThat(policy.refusal(URI.create("http://192.168.1.1:1"))).get().asString()
                .contains("outside grid.security.allowed-networks (127.0.0.0/8, 10.0.0.0/8)");
        assertThat(policy.refusal(URI.create("http://10.9.1.1:1"))).get().asString()
                .contains("10.9.0.0/16 (grid.security.denied-networks)");
    }
}

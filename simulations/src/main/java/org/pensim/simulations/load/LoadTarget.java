package org.pensim.simulations.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.pensim.protocol.pki.AuthorityCredentials;
import org.pensim.protocol.pki.Pem;
import org.pensim.registry.RegistryMember;
import org.pensim.registry.cluster.LocalCluster;
import org.pensim.registry.config.RegistryConfig;

/**
 * The cluster under test: where its members listen, and the operator's credentials and CA. Either a running cluster the
 * profile names ({@code registry:}), or members this process starts on loopback, whose list the faults change.
 */
record LoadTarget(List<String> hosts, List<Integer> ports, AuthorityCredentials operator, X509Certificate ca,
        List<RegistryMember> members, List<RegistryConfig> configs) {

    AuthorityHost.Registry registry() {
        return new AuthorityHost.Registry(hosts, ports, ca);
    }

    static LoadTarget of(LoadProfile profile) throws Exception {
        if (profile.registry() != null) {
            List<String> hosts = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            for (String a : profile.registry().addresses()) {
                hosts.add(a.substring(0, a.lastIndexOf(':')));
                ports.add(Integer.parseInt(a.substring(a.lastIndexOf(':') + 1)));
            }
            Path dir = Path.of(profile.registry().authorityDir());
            return new LoadTarget(hosts, ports, AuthorityCredentials.read(dir.resolve("operator/key.pem"),
                    dir.resolve("operator/cert.pem")), Pem.readCertificate(dir.resolve("ca.pem")), List.of(), List.of());
        }
        Path work = Files.createTempDirectory("pensim-load");
        List<Integer> ports = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < profile.members(); i++) {
            ports.add(LocalCluster.freePort());
            hosts.add("127.0.0.1");
        }
        List<RegistryConfig> configs = LocalCluster.configs("pensim-load-" + System.nanoTime(), profile.members(), ports,
                work.resolve("ca"), "jdbc:h2:file:" + work.resolve("db/registry") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", 60);
        List<RegistryMember> members = new ArrayList<>(LocalCluster.start(configs, Clock.systemUTC()));
        return new LoadTarget(hosts, ports, members.get(0).operator(), members.get(0).certificateAuthority().certificate(),
                members, configs);
    }
}

package org.pensim.registry;

import java.nio.file.Path;
import java.time.Clock;
import org.pensim.protocol.config.ConfigLoader;
import org.pensim.registry.config.RegistryConfig;

/**
 * Runs one registry member until it is stopped (SIGTERM or Ctrl-C stop it gracefully):
 * {@code java -jar registry/target/pensim-registry.jar --config registry/config/registry.yaml}.
 */
public final class RegistryMain {

    private RegistryMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
            System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
        }
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                config = Path.of(args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("usage: java -jar pensim-registry.jar [--config FILE]");
                return;
            } else {
                System.err.println("pensim registry: unknown argument '" + args[i] + "' (usage: --config FILE)");
                System.exit(2);
            }
        }
        System.exit(run(config));
    }

    /** Starts a member from a configuration file (or defaults) and blocks until shutdown. */
    public static int run(Path configFile) {
        RegistryConfig config;
        try {
            config = RegistryConfig.load(configFile, System.getenv());
        } catch (ConfigLoader.ConfigException e) {
            System.err.println("pensim registry: " + e.getMessage());
            return 1;
        }
        RegistryMember member;
        try {
            member = RegistryMember.start(config, Clock.systemUTC());
        } catch (Exception e) {
            System.err.println("pensim registry: cannot start: " + e.getMessage());
            return 1;
        }
        System.out.println("pensim registry member " + config.cluster().host() + ":" + config.cluster().port()
                + " of cluster '" + config.cluster().name() + "' serves http://" + config.http().host() + ":"
                + member.httpPort() + " (OpenAPI at /openapi.yaml)");
        return org.pensim.protocol.config.ServiceRunner.runUntilStopped("pensim registry", member);
    }
}

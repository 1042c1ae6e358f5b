package org.pensim.simulations.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pensim.registry.RegistryMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts one registry member. */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Run one registry member (embedded Hazelcast member + HTTP API) until stopped. "
                + "See registry/config/registry.yaml; PENSIM_REGISTRY_* variables override the file.")
final class RegistryCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (default: built-in defaults).")
    Path config;

    @Override
    public Integer call() {
        return RegistryMain.run(config);
    }
}

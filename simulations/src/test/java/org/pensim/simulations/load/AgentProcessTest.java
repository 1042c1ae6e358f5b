package org.pensim.simulations.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentProcessTest {

    @Test
    void an_agent_takes_the_drivers_compiler_options_but_keeps_its_own_heap_and_files() {
        List<String> command = AgentProcess.command(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:FreqInlineSize=100",
                "-Xmx8g", "-XX:MaxHeapSize=8g", "-XX:InitialHeapSize=2g", "-javaagent:/tmp/profiler.jar",
                "-XX:InlineSmallCode=1000", "-XX:HeapDumpPath=/tmp/driver.hprof", "-XX:LogFile=/tmp/driver.log",
                "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1", "-Dpensim.test=1"));
        assertThat(command).containsSubsequence("-Xmx1g", "-XX:+UnlockDiagnosticVMOptions", "-XX:FreqInlineSize=100",
                "-XX:InlineSmallCode=1000", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.pensim.simulations.cli.PensimCommand", "load-agent");
        assertThat(command).doesNotContain("-Xmx8g", "-XX:MaxHeapSize=8g", "-XX:InitialHeapSize=2g",
                "-javaagent:/tmp/profiler.jar", "-XX:HeapDumpPath=/tmp/driver.hprof", "-XX:LogFile=/tmp/driver.log",
                "-XX:+UseParallelGC", "-Dpensim.test=1");
        assertThat(command.get(0)).endsWith("java");
    }

    @Test
    void this_test_jvm_hands_its_jit_options_on() {
        // Surefire starts this JVM with the launcher's JIT options (pensim.jit.flags in pom.xml).
        assertThat(AgentProcess.command(ManagementFactory.getRuntimeMXBean().getInputArguments()))
                .contains("-XX:FreqInlineSize=100", "-XX:InlineSmallCode=1000");
    }
}

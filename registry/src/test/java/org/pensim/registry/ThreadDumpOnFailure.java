package org.pensim.registry;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints every thread's stack when a test fails, before the cluster is stopped: a cluster test that
 * times out is otherwise silent about what its Hazelcast partition threads were doing.
 */
public final class ThreadDumpOnFailure implements TestWatcher {

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        StringBuilder dump = new StringBuilder("threads when " + context.getDisplayName() + " failed:\n");
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState());
            if (t.getLockName() != null) {
                dump.append(" on ").append(t.getLockName());
            }
            if (t.getLockOwnerName() != null) {
                dump.append(" owned by \"").append(t.getLockOwnerName()).append('"');
            }
            dump.append('\n');
            for (StackTraceElement e : t.getStackTrace()) { // all frames: ThreadInfo.toString stops at eight
                dump.append("\tat ").append(e).append('\n');
            }
        }
        System.err.println(dump);
    }
}

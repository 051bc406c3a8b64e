package org.netbend.farm;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that encode and store frames for every render slot of this JVM (a TaskManager or a local run).
 * One pool instead of one writer thread per slot: a slot whose frames come fast can use several threads, and
 * slots that wait on their model leave them to the others. Half the cores, at least 2 and at most 8: the
 * other half is the model's.
 */
final class FramePool {
    static final int THREADS = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() / 2));

    private static final ExecutorService SHARED = idleThreadsEnd();

    private FramePool() { }

    static ExecutorService shared() {
        return SHARED;
    }

    /**
     * Threads end after 30 s without work: on a cluster each job (and restart) loads this class anew in its own
     * class loader, and a thread that lived on would keep the old loader and its classes in memory.
     */
    private static ExecutorService idleThreadsEnd() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new Named());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static final class Named implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "netbend-frame-pool-" + count.incrementAndGet());
            thread.setDaemon(true); // never keeps a JVM alive; work left when a run ends is re-done on resume
            return thread;
        }
    }
}

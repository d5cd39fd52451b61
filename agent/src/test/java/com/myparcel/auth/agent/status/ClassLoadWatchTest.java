package com.myparcel.auth.agent.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The watch tells exactly once that its class was loaded, however the loading reached it. */
class ClassLoadWatchTest {

    private static final String WATCHED = "java.util.zip.CRC32C";

    private final List<Class<?>> loaded = new ArrayList<>(List.of(String.class));
    private final List<ClassFileTransformer> transformers = new ArrayList<>();
    private final AtomicInteger told = new AtomicInteger();
    private final ClassLoadWatch watch = new ClassLoadWatch(Set.of(WATCHED), told::incrementAndGet);

    @Test
    void aClassLoadedAfterTheStartIsSeenByTheTransformer() throws Exception {
        watch.start(instrumentation());
        assertEquals(0, told.get());

        transformers.get(0).transform(null, "java/util/zip/CRC32C", null, null, new byte[0]);
        assertEquals(1, told.get());
        assertEquals(List.of(), transformers, "the watch stops watching");

        loaded.add(java.util.zip.CRC32C.class);
        watch.lookAgain();
        assertEquals(1, told.get(), "told once");
    }

    @Test
    void aClassLoadedBeforeTheStartIsFoundAtOnce() {
        loaded.add(java.util.zip.CRC32C.class);
        watch.start(instrumentation());
        assertEquals(1, told.get());
    }

    /** Loaded by another thread while the watch started: past the transformers, not yet among the loaded classes. */
    @Test
    void aClassInFlightWhenTheWatchStartedIsFoundWhenItLooksAgain() {
        watch.start(instrumentation());
        assertEquals(0, told.get());

        loaded.add(java.util.zip.CRC32C.class);
        watch.lookAgain();
        assertEquals(1, told.get());
        assertEquals(List.of(), transformers, "the watch stops watching");
    }

    private Instrumentation instrumentation() {
        return (Instrumentation) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "addTransformer":
                            transformers.add((ClassFileTransformer) args[0]);
                            return null;
                        case "removeTransformer":
                            return transformers.remove(args[0]);
                        case "getAllLoadedClasses":
                            return loaded.toArray(new Class<?>[0]);
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}

package com.myparcel.auth.agent.instrumentation;

import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * Makes the bootstrap hooks ready for inlined advice, once, on whichever thread needs them first: the
 * agent's start thread, or an application thread whose loading of a target class comes
 * sooner. Ready means defined in the bootstrap class loader, readable by the JDK modules that call them,
 * and connected to the adapters; a transformed class must never run before that, since the JVM would
 * remember a failed resolution of a hook for good.
 */
public final class HookInstallation {

    private final Instrumentation instrumentation;
    private final JarFile agentJar;
    private final Set<String> targetPackages;
    private boolean ready;

    /** @param targetPackages the packages of the instrumented JDK classes, whose modules must read the hooks */
    public HookInstallation(Instrumentation instrumentation, JarFile agentJar, Set<String> targetPackages) {
        this.instrumentation = instrumentation;
        this.agentJar = agentJar;
        this.targetPackages = targetPackages;
    }

    /** Returns once the hooks are ready; a failure is thrown to every caller until one succeeds. */
    public synchronized void ensureReady() throws Exception {
        if (ready) {
            return;
        }
        Module hooks = BootstrapInjector.inject(instrumentation, agentJar);
        letTargetModulesRead(hooks);
        ClientAdapters.connect();
        ready = true;
    }

    /**
     * The hooks live in the bootstrap loader's unnamed module, which a named JDK module does not read; and
     * they keep per-connection state in fields the agent adds to the JDK classes, so the target packages
     * are opened to that module (only: not to the application's classes).
     */
    private void letTargetModulesRead(Module hooks) {
        for (Module module : ModuleLayer.boot().modules()) {
            Map<String, Set<Module>> opens = new HashMap<>();
            for (String target : targetPackages) {
                if (module.getPackages().contains(target) && !module.isOpen(target, hooks)) {
                    opens.put(target, Set.of(hooks));
                }
            }
            boolean read = !Collections.disjoint(module.getPackages(), targetPackages) && !module.canRead(hooks);
            if (read || !opens.isEmpty()) {
                instrumentation.redefineModule(module, read ? Set.of(hooks) : Set.of(), Map.of(), opens, Set.of(),
                        Map.of());
            }
        }
    }
}

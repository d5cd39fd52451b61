package com.myparcel.auth.agent.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Loads one package of the agent jar as a child of the platform class loader, so that its classes can
 * use {@code java.net.http} (a platform module) while still seeing the agent's core on the bootstrap
 * class path. Child-first for that package only: the same jar is on the bootstrap path, and a class
 * from there could not link against java.net.http.
 */
public final class PlatformChildLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final JarFile agentJar;
    private final String packagePrefix;

    public PlatformChildLoader(JarFile agentJar, String packageName) {
        super("myparcel-auth-agent", ClassLoader.getPlatformClassLoader());
        this.agentJar = agentJar;
        this.packagePrefix = packageName + ".";
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(packagePrefix)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] bytes = read(name);
                loaded = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private byte[] read(String name) throws ClassNotFoundException {
        ZipEntry entry = agentJar.getEntry(name.replace('.', '/') + ".class");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        try (InputStream in = agentJar.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}

package com.myparcel.auth.agent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BootstrapInjectorTest {

    /** A hook class missing from the list would stay in the application class loader, out of the JDK's reach. */
    @Test
    void listsEveryClassOfTheBootstrapPackage() throws IOException, URISyntaxException {
        Path classes = Path.of(BootstrapInjector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path bootstrap = classes.resolve(BootstrapInjector.PACKAGE.replace('.', '/'));
        Set<String> compiled;
        try (Stream<Path> files = Files.list(bootstrap)) {
            compiled = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.equals("package-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(compiled, new TreeSet<>(Set.of(BootstrapInjector.CLASSES)));
    }
}

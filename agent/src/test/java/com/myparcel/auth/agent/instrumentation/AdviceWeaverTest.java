package com.myparcel.auth.agent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.myparcel.auth.agent.instrumentation.httpclient.HttpClientInstrumentation;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.api.Test;

class AdviceWeaverTest {

    private static final String SEND_ASYNC_DESCRIPTOR = "(Ljava/net/http/HttpRequest;"
            + "Ljava/net/http/HttpResponse$BodyHandler;Ljava/net/http/HttpResponse$PushPromiseHandler;"
            + "Ljava/util/concurrent/Executor;)Ljava/util/concurrent/CompletableFuture;";

    /**
     * C2 inlines a hot method only up to FreqInlineSize bytes of bytecode. HttpClient.send() calls the
     * woven sendAsync on every request; where the JDK's own sendAsync is small enough to be inlined
     * (JDK 17), the advice must not push it over, or every request runs differently compiled code.
     */
    @Test
    void sendAsyncStaysSmallEnoughForC2ToInlineWhereTheJdksOwnIs() throws IOException {
        String className = HttpClientInstrumentation.CLASS_NAME;
        byte[] original = jdkClassFile(className);
        int limit = Integer.parseInt(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("FreqInlineSize").getValue());
        int originalLength = codeLength(original, "sendAsync", SEND_ASYNC_DESCRIPTOR);
        assumeTrue(originalLength <= limit, "this JDK's sendAsync (" + originalLength
                + " bytes) is too large for C2 to inline anyway (FreqInlineSize " + limit + ")");

        byte[] woven = new AdviceWeaver(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()))
                .weave(new HttpClientInstrumentation(), null, className, original, true);

        int wovenLength = codeLength(woven, "sendAsync", SEND_ASYNC_DESCRIPTOR);
        assertTrue(wovenLength <= limit, "woven sendAsync is " + wovenLength + " bytes (the JDK's "
                + originalLength + "), over FreqInlineSize " + limit);
    }

    private static byte[] jdkClassFile(String className) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** The code_length of a method's Code attribute (JVMS 4.7.3), found by walking the class file. */
    private static int codeLength(byte[] classFile, String name, String descriptor) {
        ClassReader reader = new ClassReader(classFile);
        char[] buffer = new char[reader.getMaxStringLength()];
        int offset = reader.header + 6; // access_flags, this_class, super_class
        offset += 2 + 2 * reader.readUnsignedShort(offset); // interfaces
        for (int members = 0; members < 2; members++) { // fields, then methods
            int count = reader.readUnsignedShort(offset);
            offset += 2;
            for (int member = 0; member < count; member++) {
                boolean wanted = members == 1 && name.equals(reader.readUTF8(offset + 2, buffer))
                        && descriptor.equals(reader.readUTF8(offset + 4, buffer));
                int attributes = reader.readUnsignedShort(offset + 6);
                offset += 8;
                for (int attribute = 0; attribute < attributes; attribute++) {
                    if (wanted && "Code".equals(reader.readUTF8(offset, buffer))) {
                        return reader.readInt(offset + 10); // after max_stack and max_locals
                    }
                    offset += 6 + reader.readInt(offset + 2);
                }
            }
        }
        throw new AssertionError("no method " + name + descriptor);
    }
}

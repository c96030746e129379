import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Build step (agent/pom.xml, process-classes): sets ACC_VARARGS on the agent's entry points,
 * {@code premain(String, Instrumentation)} and {@code agentmain(...)}, in the compiled
 * {@code Lwp4jAgent.class}, in place: {@code java MarkEntryPointsVarargs.java <class file>}.
 *
 * <p>Why: the JVM calls an entry point through core reflection, which since JDK 18 spins
 * method-handle classes for a {@code Method.invoke} (seven lambda forms before the agent's
 * first instruction, whose stack maps the JDK computes in {@code StackMapGenerator}: 161 of
 * that method's calls, most of what takes it to C1's threshold in an idle JVM, 7.6 MB of
 * compiler arena; BENCHMARKS.md, issue 16). The JDK's {@code MethodHandleAccessorFactory}
 * calls a method through its native accessor, spinning nothing, when the method is marked
 * varargs but its last parameter is not an array (no method handle can be made for it). The
 * flag changes nothing else: the JVM ignores it, and a JDK that ignores it too spins as
 * before. javac refuses to compile against such a class ("malformed variable arity method"):
 * nothing refers to Lwp4jAgent in source but by name. {@code Lwp4jAgentTest} checks the flag.
 */
public final class MarkEntryPointsVarargs {
    private static final int ACC_VARARGS = 0x0080;
    private static final Set<String> ENTRY_POINTS = Set.of("premain", "agentmain");

    public static void main(String[] args) throws IOException {
        Path classFile = Path.of(args[0]);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(classFile));
        if (bytes.getInt() != 0xCAFEBABE) throw new IOException(classFile + " is not a class file");
        bytes.position(8);
        Map<Integer, String> utf8 = new HashMap<>();
        int poolCount = bytes.getShort() & 0xFFFF;
        for (int index = 1; index < poolCount; index++) {
            int tag = bytes.get();
            switch (tag) {
                case 1 -> {
                    byte[] modifiedUtf8 = new byte[bytes.getShort() & 0xFFFF];
                    bytes.get(modifiedUtf8);
                    utf8.put(index, readModifiedUtf8(modifiedUtf8));
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> skip(bytes, 4);
                case 5, 6 -> {
                    skip(bytes, 8);
                    index++;   // takes two entries
                }
                case 7, 8, 16, 19, 20 -> skip(bytes, 2);
                case 15 -> skip(bytes, 3);
                default -> throw new IOException("constant pool tag " + tag + " in " + classFile);
            }
        }
        skip(bytes, 6);   // access flags, this class, super class
        skip(bytes, 2 * (bytes.getShort() & 0xFFFF));   // interfaces
        int fields = bytes.getShort() & 0xFFFF;
        for (int i = 0; i < fields; i++) skipMember(bytes);
        int methods = bytes.getShort() & 0xFFFF;
        int marked = 0;
        for (int i = 0; i < methods; i++) {
            int start = bytes.position();
            int access = bytes.getShort(start) & 0xFFFF;
            String name = utf8.get(bytes.getShort(start + 2) & 0xFFFF);
            if (ENTRY_POINTS.contains(name)) {
                bytes.putShort(start, (short) (access | ACC_VARARGS));
                marked++;
            }
            skipMember(bytes);
        }
        if (marked != ENTRY_POINTS.size()) {
            throw new IOException(classFile + " has " + marked + " of the entry points " + ENTRY_POINTS);
        }
        Files.write(classFile, bytes.array());
    }

    /** A field or method: flags, name, descriptor, attributes. */
    private static void skipMember(ByteBuffer bytes) {
        skip(bytes, 6);
        int attributes = bytes.getShort() & 0xFFFF;
        for (int i = 0; i < attributes; i++) {
            skip(bytes, 2);
            skip(bytes, bytes.getInt());
        }
    }

    private static void skip(ByteBuffer bytes, int count) {
        bytes.position(bytes.position() + count);
    }

    private static String readModifiedUtf8(byte[] modifiedUtf8) throws IOException {
        byte[] withLength = new byte[modifiedUtf8.length + 2];
        withLength[0] = (byte) (modifiedUtf8.length >>> 8);
        withLength[1] = (byte) modifiedUtf8.length;
        System.arraycopy(modifiedUtf8, 0, withLength, 2, modifiedUtf8.length);
        return new DataInputStream(new ByteArrayInputStream(withLength)).readUTF();
    }
}

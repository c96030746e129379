import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Build step (agent/pom.xml, process-classes): sets ACC_VARARGS on the agent's entry points,
 * {@code premain(String, Instrumentation)} and {@code agentmain(...)}, in the compiled
 * {@code Lwp4jAgent.class}, in place: {@code java -cp asm.jar MarkEntryPointsVarargs.java <class file>}.
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
    private static final Set<String> ENTRY_POINTS = Set.of("premain", "agentmain");

    public static void main(String[] args) throws IOException {
        Path classFile = Path.of(args[0]);
        ClassReader reader = new ClassReader(Files.readAllBytes(classFile));
        ClassWriter writer = new ClassWriter(reader, 0);   // unchanged methods are copied as they are
        List<String> marked = new ArrayList<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (ENTRY_POINTS.contains(name)) {
                    access |= Opcodes.ACC_VARARGS;
                    marked.add(name);
                }
                return super.visitMethod(access, name, descriptor, signature, exceptions);
            }
        }, 0);
        if (marked.size() != ENTRY_POINTS.size() || !ENTRY_POINTS.containsAll(marked)) {
            throw new IOException(classFile + " has entry points " + marked + ", not one each of " + ENTRY_POINTS);
        }
        Files.write(classFile, writer.toByteArray());
    }
}

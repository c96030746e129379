package io.lwp4j.agent;

import io.lwp4j.agent.JdkInstrumentation.Site;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Inserts the advice of each {@link Site} into its JDK class, as the class loads or is
 * retransformed (then from its original bytes: a retransformation by anyone re-applies it
 * once). Only boot-loader classes are looked at, by name in a map; any other class costs one
 * lookup. Remembers which sites it advised and which classes failed, for {@link
 * JdkInstrumentation#install}'s warnings.
 */
final class SiteTransformer implements ClassFileTransformer {
    /** Internal name ({@code java/io/FileInputStream}) to its sites. */
    private final Map<String, List<Site>> sitesByClass = new LinkedHashMap<>();
    private final Set<Site> advised = ConcurrentHashMap.newKeySet();
    /** Sites found in the class file of a class not loaded yet ({@link #findSitesOf}). */
    private final Set<Site> present = ConcurrentHashMap.newKeySet();
    private final Set<String> transformedClasses = ConcurrentHashMap.newKeySet();
    private final Set<String> failedClasses = ConcurrentHashMap.newKeySet();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    private final List<String> types;

    SiteTransformer(List<Site> sites) {
        for (Site s : sites) sitesByClass.computeIfAbsent(s.type().replace('.', '/'), t -> new ArrayList<>()).add(s);
        types = sitesByClass.keySet().stream().map(n -> n.replace('/', '.')).toList();
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        if (loader != null) return null;
        List<Site> sites = sitesByClass.get(className);
        if (sites == null) return null;
        try {
            List<Site> done = new ArrayList<>();
            byte[] advisedClass = advise(classFile, sites, done::add);
            advised.addAll(done);
            transformedClasses.add(className.replace('/', '.'));
            return advisedClass;
        } catch (Throwable t) {
            failed(className.replace('/', '.'), t);
            return null;
        }
    }

    /**
     * {@code classFile} with the advice of each of {@code sites} found in it inserted; each site
     * found goes to {@code found}.
     */
    static byte[] advise(byte[] classFile, List<Site> sites, Consumer<Site> found) {
        ClassReader reader = new ClassReader(classFile);
        // COMPUTE_MAXS, not COMPUTE_FRAMES: see AdviceInserter. Methods without advice are copied as they are.
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String owner;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                owner = name;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) return next;
                for (Site s : sites) {
                    if (s.name().equals(name) && s.descriptor().equals(descriptor)) {
                        found.accept(s);
                        return new AdviceInserter(next, access, name, descriptor, owner, s.advice(),
                                s.operationAndKind());
                    }
                }
                return next;
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /** The classes to advise, by binary name. */
    List<String> types() {
        return types;
    }

    /**
     * Reads the class file of {@code type} from this JDK, without loading the class, to find
     * which of its sites it has (for {@link #missingSites}).
     */
    void findSitesOf(String type) {
        String internalName = type.replace('.', '/');
        List<Site> sites = sitesByClass.get(internalName);
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            if (in == null) return;   // no such class: every site missing
            new ClassReader(in.readAllBytes()).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    for (Site s : sites) if (s.name().equals(name) && s.descriptor().equals(descriptor)) present.add(s);
                    return null;
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException | RuntimeException e) {
            failed(type, e);
        }
    }

    /** Whether {@code type} was advised as it loaded or was retransformed. */
    boolean transformed(String type) {
        return transformedClasses.contains(type);
    }

    void failed(String type, Throwable t) {
        failedClasses.add(type);
        errors.incrementAndGet();
        firstError.compareAndSet(null, type + ": " + t);
    }

    int errors() {
        return errors.get();
    }

    String firstError() {
        return firstError.get();
    }

    /**
     * Sites neither advised nor found in their class file, of classes that did not fail: this
     * JDK lacks the class or the method.
     */
    List<Site> missingSites() {
        List<Site> missing = new ArrayList<>();
        sitesByClass.forEach((name, sites) -> {
            if (failedClasses.contains(name.replace('/', '.'))) return;
            for (Site s : sites) if (!advised.contains(s) && !present.contains(s)) missing.add(s);
        });
        return missing;
    }
}

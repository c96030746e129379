package io.lwp4j.agent;

import io.lwp4j.agent.JdkInstrumentation.Site;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * JdkInstrumentation}'s warnings.
 *
 * <p>Its first classes are transformed in premain, before the JIT has compiled any of it: no
 * lambda, stream or record {@code hashCode} here (each a class spun or a bootstrap run before
 * {@code main}, issue 16); a site is known by its class and its place in that class's list.
 */
final class SiteTransformer implements ClassFileTransformer {
    /** Internal name ({@code java/io/FileInputStream}) to its sites. */
    private final Map<String, List<Site>> sitesByClass = new LinkedHashMap<>();
    /**
     * Internal name to its sites advised or found in its class file ({@link #findSitesOf}), bit i
     * for site i of its list. This and the fields below: guarded by {@code this} (transforms may
     * run on several threads at once).
     */
    private final Map<String, BitSet> seenByClass = new HashMap<>();
    /** Binary names of the classes advised as they loaded or were retransformed. */
    private final Set<String> transformedClasses = new HashSet<>();
    private final Set<String> failedClasses = new HashSet<>();
    private int errors;
    private String firstError;

    private final List<String> types = new ArrayList<>();
    /** The classes of {@link #types} loaded before the transformer was added (retransformed by install). */
    private volatile List<Class<?>> loadedBefore = List.of();

    SiteTransformer(List<Site> sites) {
        for (Site s : sites) {
            String internalName = s.type().replace('.', '/');
            List<Site> ofClass = sitesByClass.get(internalName);
            if (ofClass == null) {
                ofClass = new ArrayList<>();
                sitesByClass.put(internalName, ofClass);
                types.add(s.type());
            }
            ofClass.add(s);
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        if (loader != null) return null;
        List<Site> sites = sitesByClass.get(className);
        if (sites == null) return null;
        try {
            BitSet found = new BitSet();
            byte[] advisedClass = advise(classFile, sites, found);
            synchronized (this) {
                seen(className).or(found);
                transformedClasses.add(className.replace('/', '.'));
            }
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
        BitSet foundIndices = new BitSet();
        byte[] advisedClass = advise(classFile, sites, foundIndices);
        for (int i = foundIndices.nextSetBit(0); i >= 0; i = foundIndices.nextSetBit(i + 1)) found.accept(sites.get(i));
        return advisedClass;
    }

    /** As {@link #advise(byte[], List, Consumer)}, with bit i of {@code found} set for site i found. */
    private static byte[] advise(byte[] classFile, List<Site> sites, BitSet found) {
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
                for (int i = 0; i < sites.size(); i++) {
                    Site s = sites.get(i);
                    if (s.name().equals(name) && s.descriptor().equals(descriptor)) {
                        found.set(i);
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

    List<Class<?>> loadedBefore() {
        return loadedBefore;
    }

    void loadedBefore(List<Class<?>> loaded) {
        loadedBefore = List.copyOf(loaded);
    }

    /**
     * Reads the class file of {@code type} from this JDK, without loading the class, to find
     * which of its sites it has (for {@link #missingSites}).
     */
    void findSitesOf(String type) {
        String internalName = type.replace('.', '/');
        List<Site> sites = sitesByClass.get(internalName);
        BitSet present = new BitSet();
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            if (in == null) return;   // no such class: every site missing
            new ClassReader(in.readAllBytes()).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    for (int i = 0; i < sites.size(); i++) {
                        if (sites.get(i).name().equals(name) && sites.get(i).descriptor().equals(descriptor)) {
                            present.set(i);
                        }
                    }
                    return null;
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException | RuntimeException e) {
            failed(type, e);
            return;
        }
        synchronized (this) {
            seen(internalName).or(present);
        }
    }

    /** The sites of class {@code internalName} seen so far; under {@code this}. */
    private BitSet seen(String internalName) {
        BitSet seen = seenByClass.get(internalName);
        if (seen == null) {
            seen = new BitSet();
            seenByClass.put(internalName, seen);
        }
        return seen;
    }

    /** Whether {@code type} was advised as it loaded or was retransformed. */
    synchronized boolean transformed(String type) {
        return transformedClasses.contains(type);
    }

    synchronized void failed(String type, Throwable t) {
        failedClasses.add(type);
        errors++;
        if (firstError == null) firstError = type + ": " + t;
    }

    synchronized int errors() {
        return errors;
    }

    synchronized String firstError() {
        return firstError;
    }

    /**
     * Sites neither advised nor found in their class file, of classes that did not fail: this
     * JDK lacks the class or the method.
     */
    synchronized List<Site> missingSites() {
        List<Site> missing = new ArrayList<>();
        for (Map.Entry<String, List<Site>> e : sitesByClass.entrySet()) {
            if (failedClasses.contains(e.getKey().replace('/', '.'))) continue;
            BitSet seen = seen(e.getKey());
            List<Site> sites = e.getValue();
            for (int i = 0; i < sites.size(); i++) if (!seen.get(i)) missing.add(sites.get(i));
        }
        return missing;
    }
}

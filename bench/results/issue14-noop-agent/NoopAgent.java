import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;

/**
 * Stop 25's yardstick: a javaagent that only takes JVMTI's retransform capability (its manifest's
 * Can-Retransform-Classes) and, with the option {@code retransform}, retransforms {@code
 * FileInputStream} unchanged. Build: {@code javac -d out NoopAgent.java && jar cfm noop-agent.jar
 * manifest.txt -C out .}
 */
public final class NoopAgent {
    public static void premain(String args, Instrumentation inst) throws Exception {
        ClassFileTransformer unchanged = new ClassFileTransformer() {};
        inst.addTransformer(unchanged, true);
        if (args != null && args.contains("retransform")) inst.retransformClasses(java.io.FileInputStream.class);
        inst.removeTransformer(unchanged);
    }
}

package io.lwp4j.sampler.probe;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** After each test of a class extended with it: both probes stopped, their settings back at the defaults. */
final class ProbesRestored implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        SyscallProbe canary = SyscallProbe.get();
        canary.stop();
        canary.setBurst(SyscallProbe.DEFAULT_BURST);
        canary.setClock(ProbeClock.AUTO);
        CodeLoadProbe codeLoad = CodeLoadProbe.get();
        codeLoad.stop();
        codeLoad.setCodeRegion(CodeLoadProbe.DEFAULT_PAGES, CodeLoadProbe.DEFAULT_ITERATIONS);
    }
}

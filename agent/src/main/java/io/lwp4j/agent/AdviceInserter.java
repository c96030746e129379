package io.lwp4j.agent;

import io.lwp4j.agent.SiteAdvice.Operand;
import io.lwp4j.agent.bootstrap.Hooks;
import java.util.Arrays;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.AdviceAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Inserts one {@link SiteAdvice} into one method, as ByteBuddy's inlined {@code Advice} did
 * ({@code suppress = Throwable.class}, {@code onThrowable}, arguments backed up):
 *
 * <pre>
 *   start = 0; [copies of the arguments the exit reads]; returned = default; thrown = null
 *   try { start = Hooks.ioStart(); } catch (Throwable t) { Hooks.adviceFailed(t); }   // a wait: Hooks.waitStart(event)
 *   try {
 *       original body, each return replaced by: returned = value; goto returnPath
 *   } catch (Throwable t) {                    // last in the exception table: the body's own handlers first
 *       thrown = t;
 *       try { Hooks.ioEnd(start, .., thrown); } catch (Throwable f) { Hooks.adviceFailed(f); }
 *       throw thrown;                          // the same exception, unchanged
 *   }
 *   returnPath:
 *   try { Hooks.ioEnd(start, .., null); } catch (Throwable f) { Hooks.adviceFailed(f); }
 *   return returned;
 * </pre>
 *
 * A thread advice is the first try alone, with its hook. Nothing is added to the class but code:
 * no field, no method, so a retransformation may apply it.
 *
 * <p>Frames: the class is read with expanded frames and written with {@code COMPUTE_MAXS}, not
 * {@code COMPUTE_FRAMES}. Recomputing every frame of a JDK method would need the common super
 * class of types it merges, which means loading classes (through which loader, in the middle
 * of a class load or a retransformation?); here the method's own frames are kept, {@link
 * org.objectweb.asm.commons.LocalVariablesSorter} adds the new locals to each, and the few
 * frames of the inserted code are written by hand: at each of them the locals are the
 * arguments and the new locals (all set before the body starts), the stack empty or one
 * Throwable.
 */
final class AdviceInserter extends AdviceAdapter {
    private static final Type HOOKS = Type.getType(Hooks.class);
    private static final String THROWABLE = "java/lang/Throwable";
    private static final Type THROWABLE_TYPE = Type.getObjectType(THROWABLE);
    private static final Method IO_START = Method.getMethod("long ioStart()");
    private static final Method IO_END =
            Method.getMethod("void ioEnd(long, int, Object, long, long, long, Throwable)");
    private static final Method IO_END_OPEN = Method.getMethod("void ioEndOpen(long, int, Object, int, Throwable)");
    private static final Method WAIT_START = Method.getMethod("long waitStart(int)");
    private static final Method WAIT_END = Method.getMethod("void waitEnd(long)");
    private static final Method THREAD_STARTED = Method.getMethod("void threadStarted()");
    private static final Method THREAD_EXITING = Method.getMethod("void threadExiting()");
    private static final Method ADVICE_FAILED = Method.getMethod("void adviceFailed(Throwable)");
    private static final Method LENGTH_OF = Method.getMethod("long lengthOf(byte[])");
    private static final Method REQUESTED_OF = Method.getMethod("long requestedOf(java.nio.ByteBuffer, int)");
    private static final Method ACCEPTED_OF = Method.getMethod("long acceptedOf(Object)");
    private static final Method BYTE_READ_OF = Method.getMethod("long byteReadOf(int)");

    private final SiteAdvice advice;
    private final int operationAndKind;
    /** The frame's locals on entry (this and the arguments), in the method's own numbering. */
    private final Object[] entryLocals;
    private final Type returnType;
    private final Type[] argumentTypes;
    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label returnPath = new Label();
    /** New locals (LocalVariablesSorter's numbering): the start time, the exception, the return value. */
    private int start;
    private int thrown;
    private int returned = -1;
    /** For each argument the exit reads, its copy made on entry; -1 for the others. */
    private final int[] argumentCopies;
    private boolean returns;

    AdviceInserter(MethodVisitor next, int access, String name, String descriptor, String owner, SiteAdvice advice,
            int operationAndKind) {
        super(Opcodes.ASM9, next, access, name, descriptor);
        this.advice = advice;
        this.operationAndKind = operationAndKind;
        this.returnType = Type.getReturnType(descriptor);
        this.argumentTypes = Type.getArgumentTypes(descriptor);
        boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
        entryLocals = new Object[argumentTypes.length + (isStatic ? 0 : 1)];
        int i = 0;
        if (!isStatic) entryLocals[i++] = owner;
        for (Type a : argumentTypes) entryLocals[i++] = frameType(a);
        argumentCopies = new int[argumentTypes.length];
        Arrays.fill(argumentCopies, -1);
    }

    @Override
    protected void onMethodEnter() {
        if (!advice.isIo()) {
            Label[] guard = beginGuard();
            invokeStatic(HOOKS, advice == SiteAdvice.THREAD_START ? THREAD_STARTED : THREAD_EXITING);
            endGuard(guard);
            return;
        }
        // every new local is set before the first frame that lists it
        start = newLocal(Type.LONG_TYPE);
        push(0L);
        storeLocal(start);
        thrown = newLocal(THROWABLE_TYPE);
        visitInsn(ACONST_NULL);
        storeLocal(thrown);
        if (returnType.getSort() != Type.VOID) {
            returned = newLocal(returnType);
            pushDefault(returnType);
            storeLocal(returned);
        }
        if (advice.endsWithIoEnd()) {
            for (Operand o : new Operand[] {advice.result, advice.requested, advice.position}) copyArgument(o.argumentIndex());
        } else if (advice.endsWithOpen()) {
            copyArgument(advice.pathArgument);
        }
        Label[] guard = beginGuard();
        if (advice == SiteAdvice.WAIT) {
            loadArg(firstIntArgument());
            invokeStatic(HOOKS, WAIT_START);
        } else {
            invokeStatic(HOOKS, IO_START);
        }
        storeLocal(start);
        endGuard(guard);
        visitLabel(bodyStart);
    }

    /** A wait's poll events: the first int argument of {@code park} (NioSocketImpl's and SelChImpl's). */
    private int firstIntArgument() {
        for (int i = 0; i < argumentTypes.length; i++) {
            if (argumentTypes[i].equals(Type.INT_TYPE)) return i;
        }
        throw new IllegalArgumentException("a wait site takes its poll events as an int argument: " + methodDesc);
    }

    /** Arguments as the exit reads them: as they were on entry, whatever the body assigns. */
    private void copyArgument(int index) {
        if (index < 0 || argumentCopies[index] >= 0) return;
        argumentCopies[index] = newLocal(argumentTypes[index]);
        loadArg(index);
        storeLocal(argumentCopies[index]);
    }

    @Override
    public void visitInsn(int opcode) {
        if (advice.isIo() && opcode >= IRETURN && opcode <= RETURN) {
            returns = true;
            if (returned >= 0) storeLocal(returned);
            goTo(returnPath);
            return;
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (advice.isIo()) {
            visitLabel(bodyEnd);
            if (returns) {
                visitLabel(returnPath);
                frame();
                Label[] guard = beginGuard();
                callExitHook(false);
                endGuard(guard);
                if (returned >= 0) loadLocal(returned);
                returnValue();
            }
            Label throwPath = new Label();
            visitLabel(throwPath);
            frame(THROWABLE);
            storeLocal(thrown);
            Label[] guard = beginGuard();
            callExitHook(true);
            endGuard(guard);
            loadLocal(thrown);
            throwException();
            // after the body's own handlers: an exception the body catches never reaches this one
            visitTryCatchBlock(bodyStart, bodyEnd, throwPath, THROWABLE);
        }
        super.visitMaxs(maxStack, maxLocals);
    }

    /**
     * {@code try { code } catch (Throwable t) { Hooks.adviceFailed(t); }}, then on: this opens the
     * try, the code follows, {@link #endGuard} closes it. A pair of calls rather than a method
     * taking the code as a lambda: this runs in premain, where each lambda is a class spun first.
     *
     * @return the labels {@link #endGuard} needs: the try's start, its end, the handler, after it
     */
    private Label[] beginGuard() {
        Label[] guard = {new Label(), new Label(), new Label(), new Label()};
        visitTryCatchBlock(guard[0], guard[1], guard[2], THROWABLE);
        visitLabel(guard[0]);
        return guard;
    }

    private void endGuard(Label[] guard) {
        visitLabel(guard[1]);
        goTo(guard[3]);
        visitLabel(guard[2]);
        frame(THROWABLE);
        invokeStatic(HOOKS, ADVICE_FAILED);
        visitLabel(guard[3]);
        frame();
        // the next instruction may be the body's first, with a frame of its own at the same offset
        visitInsn(NOP);
    }

    /** The exit's hook: on the throw path the exception from {@code thrown} and default return value. */
    private void callExitHook(boolean onThrow) {
        loadLocal(start);
        if (advice.endsWithIoEnd()) {
            push(operationAndKind);
            loadThis();
            push(advice.result, onThrow);
            push(advice.requested, onThrow);
            push(advice.position, onThrow);
            pushThrown(onThrow);
            invokeStatic(HOOKS, IO_END);
        } else if (advice.endsWithOpen()) {
            push(operationAndKind);
            loadLocal(argumentCopies[advice.pathArgument]);
            pushReturned(onThrow);
            pushThrown(onThrow);
            invokeStatic(HOOKS, IO_END_OPEN);
        } else {
            invokeStatic(HOOKS, WAIT_END);
        }
    }

    private void push(Operand operand, boolean onThrow) {
        switch (operand.source()) {
            case NONE, CONSTANT -> push(operand.value());
            case ARGUMENT -> {
                loadLocal(argumentCopies[operand.argumentIndex()]);
                cast(argumentTypes[operand.argumentIndex()], Type.LONG_TYPE);
            }
            case RETURNED -> {
                pushReturned(onThrow);
                cast(returnType.getSort() == Type.BOOLEAN ? Type.INT_TYPE : returnType, Type.LONG_TYPE);
            }
            case LENGTH_OF_ARGUMENT -> {
                loadLocal(argumentCopies[operand.argumentIndex()]);
                invokeStatic(HOOKS, LENGTH_OF);
            }
            case REQUESTED_OF_BUFFER_ARGUMENT -> {
                loadLocal(argumentCopies[operand.argumentIndex()]);
                pushReturned(onThrow);
                invokeStatic(HOOKS, REQUESTED_OF);
            }
            case ACCEPTED -> {
                pushReturned(onThrow);
                invokeStatic(HOOKS, ACCEPTED_OF);
            }
            case BYTE_READ -> {
                pushReturned(onThrow);
                invokeStatic(HOOKS, BYTE_READ_OF);
            }
        }
    }

    /** The return value; a method that threw returned nothing: the type's default (0, false, null). */
    private void pushReturned(boolean onThrow) {
        if (onThrow) {
            pushDefault(returnType);
        } else {
            loadLocal(returned);
        }
    }

    private void pushThrown(boolean onThrow) {
        if (onThrow) {
            loadLocal(thrown);
        } else {
            visitInsn(ACONST_NULL);
        }
    }

    private void pushDefault(Type type) {
        switch (type.getSort()) {
            case Type.LONG -> push(0L);
            case Type.FLOAT -> push(0f);
            case Type.DOUBLE -> push(0d);
            case Type.OBJECT, Type.ARRAY -> visitInsn(ACONST_NULL);
            default -> push(0);
        }
    }

    /** A frame at the current position: the entry locals (the sorter adds the new ones), this stack. */
    private void frame(Object... stack) {
        visitFrame(F_NEW, entryLocals.length, entryLocals.clone(), stack.length, stack);
    }

    private static Object frameType(Type t) {
        return switch (t.getSort()) {
            case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> INTEGER;
            case Type.LONG -> LONG;
            case Type.FLOAT -> FLOAT;
            case Type.DOUBLE -> DOUBLE;
            case Type.ARRAY -> t.getDescriptor();
            default -> t.getInternalName();
        };
    }
}
